/**
 * Random test shapes for the Location Tools oracle tests, and a reference distance built only from
 * turf's haversine `distance`. Every generator also returns the shape "unwrapped" (longitudes
 * continuous along each ring), which the reference uses, while the code under test gets the wrapped
 * coordinates (-180..180) a user would give.
 */
import { distance } from '@turf/turf';

import type { SeededRandom } from '../../simulators/common/random';

export type Pos = [number, number];

const METRES_PER_DEGREE = 111195; // mean radius 6371008.8 m

export const wrapLon = (lon: number): number => {
	const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
	return wrapped === -180 && lon > 0 ? 180 : wrapped;
};

/** Longitudes into -180..180; the last position is made exactly the first again (rounding). */
export function wrapRing(ring: Pos[]): Pos[] {
	const wrapped = ring.map(([lon, lat]): Pos => [wrapLon(lon), lat]);
	wrapped[wrapped.length - 1] = [wrapped[0][0], wrapped[0][1]];
	return wrapped;
}

/**
 * A star-shaped ring around a centre, radii in metres, closed, longitudes not wrapped. Corners are
 * spread evenly with jitter (gaps under 1.5 × 360°/corners), so with 8 corners or more every edge
 * stays at least 0.83 × minM from the centre.
 */
export function starRing(
	random: SeededRandom,
	center: Pos,
	corners: number,
	minM: number,
	maxM: number,
): Pos[] {
	const start = random.float(0, 2 * Math.PI);
	const gap = (2 * Math.PI) / corners;
	const angles = Array.from(
		{ length: corners },
		(_, index) => start + gap * (index + random.float(-0.25, 0.25)),
	);
	const cosLat = Math.cos((center[1] * Math.PI) / 180);
	const ring: Pos[] = angles.map((angle) => {
		const radius = random.float(minM, maxM);
		return [
			center[0] + (radius * Math.cos(angle)) / (METRES_PER_DEGREE * cosLat),
			center[1] + (radius * Math.sin(angle)) / METRES_PER_DEGREE,
		];
	});
	ring.push([ring[0][0], ring[0][1]]);
	return ring;
}

/** A ring going once around a pole: longitudes advancing (or retreating) by less than 170° each. */
export function polarRing(
	random: SeededRandom,
	north: boolean,
	corners: number,
	minLat: number,
	maxLat: number,
): Pos[] {
	const steps = Array.from({ length: corners }, () => random.float(0.2, 1));
	const total = steps.reduce((sum, step) => sum + step, 0);
	const direction = random.chance(0.5) ? 1 : -1;
	let lon = random.float(-180, 180);
	const ring: Pos[] = [];
	for (const step of steps) {
		ring.push([lon, (north ? 1 : -1) * random.float(minLat, maxLat)]);
		lon += (direction * 360 * step) / total;
	}
	if (steps.some((step) => (360 * step) / total >= 170))
		return polarRing(random, north, corners + 2, minLat, maxLat);
	ring.push([ring[0][0] + direction * 360, ring[0][1]]);
	return ring;
}

/**
 * The same polar cap written the RFC 7946 way for turf: the ring cut at the antimeridian, sorted by
 * longitude from -180 to 180, and closed along the pole.
 */
export function capForTurf(unwrapped: Pos[], north: boolean): Pos[] {
	const corners = unwrapped.slice(0, -1).map(([lon, lat]): Pos => [wrapLon(lon), lat]);
	corners.sort((a, b) => a[0] - b[0]);
	const first = corners[0];
	const last = corners[corners.length - 1];
	const span = first[0] + 360 - last[0];
	const atAntimeridian =
		span === 0 ? last[1] : last[1] + ((180 - last[0]) * (first[1] - last[1])) / span;
	const pole = north ? 90 : -90;
	return [
		[-180, atAntimeridian],
		...corners,
		[180, atAntimeridian],
		[180, pole],
		[-180, pole],
		[-180, atAntimeridian],
	];
}

/** A point on the line A→B (longitude/latitude straight line) at t, not wrapped. */
export const along = (a: Pos, b: Pos, t: number): Pos => [
	a[0] + t * (b[0] - a[0]),
	a[1] + t * (b[1] - a[1]),
];

/** A point `offsetM` metres to the left of the edge A→B at t (local flat approximation), not wrapped. */
export function besideEdge(a: Pos, b: Pos, t: number, offsetM: number): Pos {
	const [lon, lat] = along(a, b, t);
	const cosLat = Math.cos((lat * Math.PI) / 180);
	const east = (b[0] - a[0]) * cosLat;
	const north = b[1] - a[1];
	const length = Math.hypot(east, north) || 1;
	const degrees = offsetM / METRES_PER_DEGREE;
	return [
		lon + (-north / length) * (degrees / cosLat),
		Math.max(-90, Math.min(90, lat + (east / length) * degrees)),
	];
}

const turfMetres = (a: Pos, b: Pos) => distance(a, b, { units: 'meters' });

/**
 * Reference distance from `point` to the longitude/latitude line A→B: 33 samples along the line, then
 * golden-section search around the best one, all with turf's haversine distance.
 */
function edgeReference(point: Pos, a: Pos, b: Pos): { coarse: number; refine: () => number } {
	const samples = 32;
	let bestT = 0;
	let coarse = Infinity;
	for (let step = 0; step <= samples; step++) {
		const d = turfMetres(point, along(a, b, step / samples));
		if (d < coarse) {
			coarse = d;
			bestT = step / samples;
		}
	}
	const refine = () => {
		const ratio = (Math.sqrt(5) - 1) / 2;
		let low = Math.max(0, bestT - 1 / samples);
		let high = Math.min(1, bestT + 1 / samples);
		for (let iteration = 0; iteration < 80; iteration++) {
			const left = high - ratio * (high - low);
			const right = low + ratio * (high - low);
			if (turfMetres(point, along(a, b, left)) < turfMetres(point, along(a, b, right)))
				high = right;
			else low = left;
		}
		return Math.min(coarse, turfMetres(point, along(a, b, (low + high) / 2)));
	};
	return { coarse, refine };
}

/** An upper bound of the length of the longitude/latitude line A→B on the sphere. */
function lineLengthBoundM(a: Pos, b: Pos): number {
	const crossesEquator = a[1] <= 0 !== b[1] <= 0;
	const maxCos = crossesEquator
		? 1
		: Math.cos((Math.min(Math.abs(a[1]), Math.abs(b[1])) * Math.PI) / 180);
	return (Math.abs(b[1] - a[1]) + Math.abs(b[0] - a[0]) * maxCos) * METRES_PER_DEGREE * 1.001;
}

/** Reference distance in metres from the point to the nearest edge of the given (unwrapped) rings. */
export function referenceDistanceM(point: Pos, rings: Pos[][]): number {
	const candidates: Array<{ coarse: number; spacing: number; refine: () => number }> = [];
	for (const ring of rings) {
		for (let index = 1; index < ring.length; index++) {
			const a = ring[index - 1];
			const b = ring[index];
			candidates.push({ ...edgeReference(point, a, b), spacing: lineLengthBoundM(a, b) / 32 });
		}
	}
	const bestCoarse = Math.min(...candidates.map((candidate) => candidate.coarse));
	return Math.min(
		...candidates
			.filter((candidate) => candidate.coarse - candidate.spacing <= bestCoarse)
			.map((candidate) => candidate.refine()),
	);
}
