/** Timed positions as the route, geofence and export functions take them, with their checks. */
import type { LatLon } from '../../shared/location';

/** Local binding: global lookups are slow inside jest's VM context and this runs per point. */
const parseDate = Date.parse;

/** A position with its time (ISO 8601, as the package's normalized location gives it). */
export interface TimedPoint extends LatLon {
	time: string;
	speedKmh?: number | null;
}

/** Throws naming the point when latitude or longitude is missing or out of range. */
export function assertLatLon(point: LatLon, where: string): void {
	const { latitude, longitude } = point;
	if (
		typeof latitude !== 'number' ||
		!Number.isFinite(latitude) ||
		latitude < -90 ||
		latitude > 90
	) {
		throw new Error(`${where}: latitude ${String(latitude)} is not a number from -90 to 90`);
	}
	if (
		typeof longitude !== 'number' ||
		!Number.isFinite(longitude) ||
		longitude < -180 ||
		longitude > 180
	) {
		throw new Error(`${where}: longitude ${String(longitude)} is not a number from -180 to 180`);
	}
}

/** Milliseconds since the epoch of an ISO 8601 time; throws naming the point otherwise. */
export function timeMs(time: unknown, where: string): number {
	const millis = typeof time === 'string' ? parseDate(time) : NaN;
	if (!Number.isFinite(millis))
		throw new Error(`${where}: time ${JSON.stringify(time)} is not an ISO 8601 date-time`);
	return millis;
}

/** Checks every point and returns their times and the indices in time order (stable for equal times). */
export function checkTimedPoints(points: readonly TimedPoint[]): {
	millis: Float64Array;
	order: number[];
} {
	const millis = new Float64Array(points.length);
	points.forEach((point, index) => {
		assertLatLon(point, `Point ${index + 1}`);
		millis[index] = timeMs(point.time, `Point ${index + 1}`);
	});
	const order = points.map((_, index) => index);
	let sorted = true;
	for (let index = 1; index < millis.length && sorted; index++)
		sorted = millis[index - 1] <= millis[index];
	if (!sorted) order.sort((a, b) => millis[a] - millis[b] || a - b);
	return { millis, order };
}
