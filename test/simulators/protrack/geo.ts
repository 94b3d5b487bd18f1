/** Small spherical helpers for the route generator and the mileage report. */
import type { RoutePoint } from './types';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { PI, asin, cos, min, round, sin, sqrt } = Math;

const EARTH_RADIUS_M = 6371008.8;
const toRadians = (degrees: number): number => (degrees * PI) / 180;

export function round6(value: number): number {
	return round(value * 1e6) / 1e6;
}

export function distanceMeters(
	from: { longitude: number; latitude: number },
	to: { longitude: number; latitude: number },
): number {
	const dLat = toRadians(to.latitude - from.latitude);
	const dLon = toRadians(to.longitude - from.longitude);
	const a =
		sin(dLat / 2) ** 2 +
		cos(toRadians(from.latitude)) * cos(toRadians(to.latitude)) * sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * asin(min(1, sqrt(a)));
}

/** Moves a position by `meters` along `courseDegrees` (north 0, clockwise). */
export function move(
	from: { longitude: number; latitude: number },
	courseDegrees: number,
	meters: number,
): { longitude: number; latitude: number } {
	const course = toRadians(courseDegrees);
	const dLat = (meters * cos(course)) / 111320;
	const dLon = (meters * sin(course)) / (111320 * cos(toRadians(from.latitude)));
	return { longitude: round6(from.longitude + dLon), latitude: round6(from.latitude + dLat) };
}

/** Sum of the distances between consecutive points, in metres. */
export function pathLength(points: readonly RoutePoint[]): number {
	let total = 0;
	for (let index = 1; index < points.length; index++) {
		total += distanceMeters(points[index - 1], points[index]);
	}
	return total;
}
