/** Small spherical helpers: distances, moving along a course, path lengths, and places to start from. */
import type { SeededRandom } from './random';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { PI, asin, cos, min, round, sin, sqrt } = Math;

export interface Coordinates {
	longitude: number;
	latitude: number;
}

const EARTH_RADIUS_M = 6371008.8;
const METERS_PER_DEGREE = 111320;
const toRadians = (degrees: number): number => (degrees * PI) / 180;

/** Rounds to six decimals (about 0.1 m), the precision the simulators report coordinates with. */
export function round6(value: number): number {
	return round(value * 1e6) / 1e6;
}

/** Great-circle (haversine) distance in metres. */
export function distanceMeters(from: Coordinates, to: Coordinates): number {
	const dLat = toRadians(to.latitude - from.latitude);
	const dLon = toRadians(to.longitude - from.longitude);
	const a =
		sin(dLat / 2) ** 2 +
		cos(toRadians(from.latitude)) * cos(toRadians(to.latitude)) * sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * asin(min(1, sqrt(a)));
}

/** Moves a position by `meters` along `courseDegrees` (north 0, clockwise); rounded with round6. */
export function move(from: Coordinates, courseDegrees: number, meters: number): Coordinates {
	const course = toRadians(courseDegrees);
	const dLat = (meters * cos(course)) / METERS_PER_DEGREE;
	const dLon = (meters * sin(course)) / (METERS_PER_DEGREE * cos(toRadians(from.latitude)));
	return { longitude: round6(from.longitude + dLon), latitude: round6(from.latitude + dLat) };
}

/** Sum of the distances between consecutive points, in metres. */
export function pathLength(points: readonly Coordinates[]): number {
	let total = 0;
	for (let index = 1; index < points.length; index++) {
		total += distanceMeters(points[index - 1], points[index]);
	}
	return total;
}

/** City centres on several continents, for spreading simulated fleets over the world. */
export const WORLD_CITIES: readonly Coordinates[] = [
	{ longitude: 113.909813, latitude: 22.583197 },
	{ longitude: 13.404954, latitude: 52.520008 },
	{ longitude: -87.629798, latitude: 41.878114 },
	{ longitude: 151.209296, latitude: -33.86882 },
	{ longitude: -46.633308, latitude: -23.55052 },
	{ longitude: 28.047305, latitude: -26.204103 },
];

/** A random place within ±0.15° of longitude and ±0.1° of latitude of `centre` (longitude drawn first). */
export function placeNear(centre: Coordinates, random: SeededRandom): Coordinates {
	return {
		longitude: round6(centre.longitude + random.float(-0.15, 0.15)),
		latitude: round6(centre.latitude + random.float(-0.1, 0.1)),
	};
}
