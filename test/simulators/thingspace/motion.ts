/**
 * Where a simulated device is at any instant: each device drives a closed loop of a few waypoints
 * around its home at its own steady speed, forever. A position is a lookup on the loop (no history is
 * generated), so a fleet of tens of thousands costs nothing until a device is asked for.
 */
import { distanceMeters, move, round6, type Coordinates } from '../common/geo';
import { SeededRandom, hashSeed } from '../common/random';

export interface Route {
	/** Waypoints of the loop; the last leads back to the first. */
	points: Coordinates[];
	/** Distance from the first point to each point, metres; the last entry is the loop's length. */
	cumulative: number[];
	speedMps: number;
	/** Metres into the loop at epoch 0, so devices do not move in step. */
	phaseMeters: number;
}

const WAYPOINTS = 6;
/** Distance of the waypoints from home, metres. */
const REACH: readonly [number, number] = [800, 6000];
/** Speeds, km/h. */
const SPEED: readonly [number, number] = [20, 70];

export function makeRoute(home: Coordinates, seed: number): Route {
	const random = new SeededRandom(seed);
	const points: Coordinates[] = [];
	const start = random.int(0, 359);
	for (let step = 0; step < WAYPOINTS; step++) {
		const course = (start + (step * 360) / WAYPOINTS + random.float(-20, 20) + 360) % 360;
		points.push(move(home, course, random.float(...REACH)));
	}
	const cumulative = [0];
	for (let index = 1; index <= points.length; index++) {
		cumulative.push(cumulative[index - 1] + distanceMeters(points[index - 1], points[index % points.length]));
	}
	const speedMps = random.float(...SPEED) / 3.6;
	return { points, cumulative, speedMps, phaseMeters: random.float(0, cumulative[cumulative.length - 1]) };
}

/** The device's position at `epochMs` along its loop, rounded to six decimals. */
export function positionAt(route: Route, epochMs: number): Coordinates {
	const length = route.cumulative[route.cumulative.length - 1];
	const travelled = (((route.phaseMeters + (route.speedMps * epochMs) / 1000) % length) + length) % length;
	let leg = 0;
	while (leg < route.points.length - 1 && route.cumulative[leg + 1] <= travelled) leg++;
	const from = route.points[leg];
	const to = route.points[(leg + 1) % route.points.length];
	const legLength = route.cumulative[leg + 1] - route.cumulative[leg];
	const share = legLength === 0 ? 0 : (travelled - route.cumulative[leg]) / legLength;
	return {
		latitude: round6(from.latitude + (to.latitude - from.latitude) * share),
		longitude: round6(from.longitude + (to.longitude - from.longitude) * share),
	};
}

/** Accuracy radius of a fix, metres: 8 to 90, stable for the same device and instant. */
export function radiusAt(seed: number, epochMs: number): number {
	return 8 + (hashSeed(seed, Math.floor(epochMs / 1000)) % 83);
}
