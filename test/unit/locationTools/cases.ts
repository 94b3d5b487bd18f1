/**
 * Seeded random containment cases for the oracle test. Each case holds the polygon as a user would give
 * it (wrapped longitudes) for the code under test, an independent oracle built on turf, the unwrapped
 * rings for the reference distance, and the points to test (unwrapped; wrap before use).
 *
 * Oracles: ordinary polygons go straight to turf's booleanPointInPolygon (same GeoJSON edge reading).
 * Across the antimeridian turf is not valid as is (it reads the edges as 358° wide), so the sphere is
 * turned 180° about the polar axis first (longitude + 180°): straight longitude/latitude edges stay
 * straight, and the polygon no longer crosses. Around a pole turf cannot know the ring encloses the
 * pole, so the test rebuilds the cap the RFC 7946 way (cut at the antimeridian, closed along the pole)
 * from the generated corners and asks turf about that polygon.
 */
import { booleanPointInPolygon, multiPolygon, polygon } from '@turf/turf';

import type { PolygonGeometry } from '../../../nodes/LocationTools/geometry/zones';
import type { SeededRandom } from '../../simulators/common/random';
import {
	along,
	besideEdge,
	capForTurf,
	polarRing,
	starRing,
	wrapLon,
	wrapRing,
	type Pos,
} from './shapes';

export interface ContainmentCase {
	geometry: PolygonGeometry;
	oracle: (point: Pos) => boolean;
	/** Unwrapped boundary rings (seams excluded) for the reference distance. */
	rings: Pos[][];
	points: Pos[];
	/** Typical size in metres. */
	scale: number;
}

const wrapped = (point: Pos): Pos => [wrapLon(point[0]), point[1]];
const shift =
	(degrees: number) =>
	(point: Pos): Pos => [wrapLon(point[0] + degrees), point[1]];

/** Points for a case: uniform in the box around it, beside and on edges, and on corners. */
function pointsFor(
	random: SeededRandom,
	rings: Pos[][],
	box: [number, number, number, number],
): Pos[] {
	const [west, south, east, north] = box;
	const points: Pos[] = [];
	for (let index = 0; index < 16; index++)
		points.push([random.float(west, east), random.float(south, north)]);
	for (let index = 0; index < 20; index++) {
		const ring = random.pick(rings);
		const edge = random.int(1, ring.length - 1);
		const offset = random.pick([
			0,
			random.float(-0.005, 0.005),
			random.float(-1, 1),
			random.float(-100, 100),
		]);
		points.push(besideEdge(ring[edge - 1], ring[edge], random.next(), offset));
	}
	for (let index = 0; index < 4; index++) points.push(random.pick(random.pick(rings)));
	return points;
}

function boxOf(rings: Pos[][], margin: number): [number, number, number, number] {
	const all = rings.flat();
	const lons = all.map((point) => point[0]);
	const lats = all.map((point) => point[1]);
	const [west, east, south, north] = [
		Math.min(...lons),
		Math.max(...lons),
		Math.min(...lats),
		Math.max(...lats),
	];
	const [padLon, padLat] = [(east - west) * margin, (north - south) * margin];
	return [
		west - padLon,
		Math.max(-90, south - padLat),
		east + padLon,
		Math.min(90, north + padLat),
	];
}

/** Adds the exact antimeridian crossing point (longitude 180 + 360k) to every edge that crosses it. */
function withAntimeridianCorners(ring: Pos[]): Pos[] {
	const out: Pos[] = [ring[0]];
	for (let index = 1; index < ring.length; index++) {
		const [a, b] = [ring[index - 1], ring[index]];
		const k = Math.floor((a[0] - 180) / 360);
		const meridian = 180 + 360 * (a[0] < b[0] ? k + 1 : k);
		if ((a[0] < meridian && b[0] > meridian) || (a[0] > meridian && b[0] < meridian)) {
			out.push([meridian, along(a, b, (meridian - a[0]) / (b[0] - a[0]))[1]]);
		}
		out.push(b);
	}
	return out;
}

/** Wraps a ring, writing corners on the antimeridian as 180 or -180 at random (the same meridian). */
const wrapWithRandomSigns =
	(random: SeededRandom) =>
	(ring: Pos[]): Pos[] => {
		const out = wrapRing(ring).map(
			([lon, lat]): Pos => [Math.abs(lon) === 180 && random.chance(0.5) ? -lon : lon, lat],
		);
		out[out.length - 1] = [out[0][0], out[0][1]];
		return out;
	};

/** Exterior, up to two holes, sometimes a second disjoint polygon; around `center` (unwrapped). Valid: holes inside, apart. */
function starPolygon(random: SeededRandom, center: Pos, scale: number): Pos[][][] {
	const cosLat = Math.cos((center[1] * Math.PI) / 180);
	const offset = (metres: number): Pos => [center[0] + metres / (111195 * cosLat), center[1]];
	const first: Pos[][] = [starRing(random, center, random.int(8, 60), 0.5 * scale, scale)];
	// Holes reach at most 0.32 × scale from the centre, inside every edge (≥ 0.41 × scale), apart.
	for (const side of [1, -1]) {
		if (random.chance(0.4))
			first.push(
				starRing(random, offset(side * 0.2 * scale), random.int(3, 20), 0.03 * scale, 0.12 * scale),
			);
	}
	const parts = [first];
	if (random.chance(0.3))
		parts.push([starRing(random, offset(3 * scale), random.int(3, 30), 0.3 * scale, scale)]);
	return parts;
}

function geometryOf(parts: Pos[][][], wrap: (ring: Pos[]) => Pos[]): PolygonGeometry {
	const coordinates = parts.map((part) => part.map(wrap));
	return coordinates.length === 1
		? { type: 'Polygon', coordinates: coordinates[0] }
		: { type: 'MultiPolygon', coordinates };
}

function turfOracle(geometry: PolygonGeometry, move: (point: Pos) => Pos): (point: Pos) => boolean {
	const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const moved = parts.map((part) => part.map((ring) => ring.map((position) => move(position))));
	const shape = moved.length === 1 ? polygon(moved[0]) : multiPolygon(moved);
	return (point) => booleanPointInPolygon(move(wrapped(point)), shape as Parameters<typeof booleanPointInPolygon>[1]);
}

const SCALES = [50, 300, 2000, 20000, 150000];

export function ordinaryCase(random: SeededRandom): ContainmentCase {
	const scale = random.pick(SCALES);
	const parts = starPolygon(random, [random.float(-170, 140), random.float(-75, 75)], scale);
	const geometry = geometryOf(parts, (ring) => ring);
	const rings = parts.flat();
	return {
		geometry,
		oracle: turfOracle(geometry, (point) => point),
		rings,
		points: pointsFor(random, rings, boxOf(rings, 0.2)),
		scale,
	};
}

export function antimeridianCase(random: SeededRandom): ContainmentCase {
	const scale = random.pick(SCALES.slice(1));
	const center: Pos = [180 + random.float(-0.5, 0.5) * (scale / 20000), random.float(-70, 70)];
	const parts = starPolygon(random, center, scale).map((part) => part.map(withAntimeridianCorners));
	const geometry = geometryOf(parts, wrapWithRandomSigns(random));
	const rings = parts.flat();
	return {
		geometry,
		oracle: turfOracle(geometry, shift(180)),
		rings,
		points: pointsFor(random, rings, boxOf(rings, 0.2)),
		scale,
	};
}

/**
 * A ring around a pole, sometimes with a hole near the pole; `rfcForm` gives the code under test the
 * cap as turf gets it (cut at the antimeridian, closed along the pole) instead of the bare ring.
 */
export function polarCase(random: SeededRandom, rfcForm: boolean): ContainmentCase {
	const north = random.chance(0.5);
	const sign = north ? 1 : -1;
	const ring = polarRing(random, north, random.int(3, 50), 55, 75);
	const cap = capForTurf(ring, north);
	const rings: Pos[][] = [ring];
	let hole: Pos[] | null = null;
	let holeLon = 0;
	if (random.chance(0.5)) {
		holeLon = random.float(-180, 180);
		hole = starRing(random, [holeLon, sign * random.float(80, 86)], random.int(3, 20), 5000, 80000);
		rings.push(hole);
	}
	const exterior = rfcForm ? cap : wrapRing(ring);
	const geometry: PolygonGeometry = {
		type: 'Polygon',
		coordinates: hole ? [exterior, wrapRing(hole)] : [exterior],
	};
	const holeShape = hole ? polygon([wrapRing(hole).map(shift(-holeLon))]) : null;
	const oracle = (point: Pos) =>
		booleanPointInPolygon(wrapped(point), polygon([cap])) &&
		!(holeShape && booleanPointInPolygon(shift(-holeLon)(wrapped(point)), holeShape));
	const points = pointsFor(random, rings, [-180, north ? 50 : -90, 180, north ? 90 : -50]);
	points.push([random.float(-180, 180), sign * 90], [0, sign * 90]);
	return { geometry, oracle, rings, points, scale: 1e6 };
}
