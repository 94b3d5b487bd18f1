/**
 * Route summaries and trips for timed points (one device). Points are taken in time order (sorted here
 * if needed, stable); every index returned refers to the input array.
 *
 * - Stop: from a point, every following point stays within `stopRadiusM` of it (great-circle), and
 *   the first and last of those points are at least `stopMinDurationMs` apart. The stop's place is the
 *   centroid of its points; it lasts from its first point's time to its last point's (its departure).
 * - Gap: two consecutive points further apart in time than `maxGapMs` (when given) outside a stop.
 * - Moving time: the time between consecutive points that are neither within one stop nor a gap; so
 *   moving time + stopped time + gap time = duration, and trips together last the moving time.
 * - Trip: a run of points between stops, cut at gaps: it starts at a stop's last point (or the first
 *   point) and ends at the next stop's first point (or the last point); trips of one point are dropped.
 * - Speeds: maximum of the reported `speedKmh` when any point has one, else of the moving segments'
 *   distance / time; averages are distance / duration and moving distance / moving time.
 */
import { haversineMeters, type LatLon } from '../../shared/location';
import { checkTimedPoints, type TimedPoint } from './points';

export interface StopOptions {
	stopRadiusM: number;
	stopMinDurationMs: number;
}

export interface TripOptions extends StopOptions {
	/** Consecutive points further apart in time than this end a trip; 0 or absent: no gap rule. */
	maxGapMs?: number;
}

export interface RouteStop extends LatLon {
	startIndex: number;
	endIndex: number;
	pointCount: number;
	startTime: string;
	endTime: string;
	durationS: number;
}

export interface RouteSummary {
	pointCount: number;
	startTime: string | null;
	endTime: string | null;
	durationS: number;
	distanceM: number;
	movingTimeS: number;
	stoppedTimeS: number;
	stops: RouteStop[];
	maxSpeedKmh: number | null;
	maxSpeedSource: 'reported' | 'computed' | null;
	averageSpeedKmh: number | null;
	averageMovingSpeedKmh: number | null;
}

export interface Trip {
	tripNumber: number;
	/** Input indices of the trip's points, in time order. */
	indices: number[];
	startTime: string;
	endTime: string;
	durationS: number;
	distanceM: number;
	averageSpeedKmh: number | null;
	start: LatLon;
	end: LatLon;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const iso = (millis: number) => new Date(millis).toISOString();
const kmh = (metres: number, millis: number) =>
	millis > 0 ? round2((metres / millis) * 3600) : null;

function checkOptions(options: TripOptions): void {
	const { stopRadiusM, stopMinDurationMs, maxGapMs = 0 } = options;
	for (const [name, value] of Object.entries({ stopRadiusM, stopMinDurationMs, maxGapMs })) {
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new Error(`${name} must be a number of at least 0 (got ${String(value)})`);
		}
	}
}

/** Mean position, averaging longitudes the short way round (so stops on the antimeridian stay there). */
function centroid(points: readonly LatLon[]): LatLon {
	const reference = points[0].longitude;
	let latSum = 0;
	let lonOffsetSum = 0;
	for (const { latitude, longitude } of points) {
		latSum += latitude;
		lonOffsetSum += ((((longitude - reference) % 360) + 540) % 360) - 180;
	}
	let longitude = reference + lonOffsetSum / points.length;
	if (longitude > 180) longitude -= 360;
	if (longitude < -180) longitude += 360;
	return { latitude: latSum / points.length, longitude };
}

/** The route in time order with its stops as [first, last] positions in that order. */
function analyse(points: readonly TimedPoint[], options: TripOptions) {
	checkOptions(options);
	const { millis, order } = checkTimedPoints(points);
	const at = (position: number) => points[order[position]];
	const time = (position: number) => millis[order[position]];
	const stops: Array<[number, number]> = [];
	const count = order.length;
	for (let first = 0; first < count; ) {
		let next = first + 1;
		while (next < count && haversineMeters(at(first), at(next)) <= options.stopRadiusM) next++;
		if (next - 1 > first && time(next - 1) - time(first) >= options.stopMinDurationMs) {
			stops.push([first, next - 1]);
			first = next;
		} else {
			first++;
		}
	}
	const inStop = new Uint8Array(count); // 1 where the segment from this position to the next is stopped
	for (const [first, last] of stops) inStop.fill(1, first, last);
	const isGap = (position: number) =>
		!inStop[position] &&
		!!options.maxGapMs &&
		time(position + 1) - time(position) > options.maxGapMs;
	return { order, at, time, stops, inStop, isGap, count };
}

type Analysed = ReturnType<typeof analyse>;

function describeStops(
	points: readonly TimedPoint[],
	{ order, time, stops }: Analysed,
): RouteStop[] {
	return stops.map(([first, last]) => {
		const members = order.slice(first, last + 1).map((index) => points[index]);
		return {
			...centroid(members),
			startIndex: order[first],
			endIndex: order[last],
			pointCount: members.length,
			startTime: iso(time(first)),
			endTime: iso(time(last)),
			durationS: (time(last) - time(first)) / 1000,
		};
	});
}

export function findStops(points: readonly TimedPoint[], options: StopOptions): RouteStop[] {
	return describeStops(points, analyse(points, options));
}

export function summarizeRoute(points: readonly TimedPoint[], options: TripOptions): RouteSummary {
	const route = analyse(points, options);
	const { at, time, inStop, isGap, count } = route;
	let distanceM = 0;
	let movingM = 0;
	let movingMs = 0;
	let stoppedMs = 0;
	let computedMax = 0;
	for (let position = 0; position + 1 < count; position++) {
		const metres = haversineMeters(at(position), at(position + 1));
		const millis = time(position + 1) - time(position);
		distanceM += metres;
		if (inStop[position]) {
			stoppedMs += millis;
		} else if (!isGap(position)) {
			movingM += metres;
			movingMs += millis;
			if (millis > 0) computedMax = Math.max(computedMax, (metres / millis) * 3600);
		}
	}
	const reported = points
		.map((point) => point.speedKmh)
		.filter((speed): speed is number => typeof speed === 'number' && Number.isFinite(speed));
	const durationMs = count > 0 ? time(count - 1) - time(0) : 0;
	const maxSpeedSource = reported.length > 0 ? 'reported' : count > 1 ? 'computed' : null;
	return {
		pointCount: count,
		startTime: count > 0 ? iso(time(0)) : null,
		endTime: count > 0 ? iso(time(count - 1)) : null,
		durationS: durationMs / 1000,
		distanceM: round2(distanceM),
		movingTimeS: movingMs / 1000,
		stoppedTimeS: stoppedMs / 1000,
		stops: describeStops(points, route),
		maxSpeedKmh:
			maxSpeedSource === 'reported'
				? reported.reduce((max, speed) => Math.max(max, speed))
				: maxSpeedSource
					? round2(computedMax)
					: null,
		maxSpeedSource,
		averageSpeedKmh: kmh(distanceM, durationMs),
		averageMovingSpeedKmh: kmh(movingM, movingMs),
	};
}

/** The route cut into trips between stops and at gaps (see the top of this file). */
export function splitTrips(points: readonly TimedPoint[], options: TripOptions): Trip[] {
	const { order, at, time, inStop, isGap, count } = analyse(points, options);
	const runs: Array<[number, number]> = [];
	let first = 0;
	for (let position = 0; position + 1 < count; position++) {
		if (inStop[position] || isGap(position)) {
			if (position > first) runs.push([first, position]);
			first = position + 1;
		}
	}
	if (count - 1 > first) runs.push([first, count - 1]);
	return runs.map(([from, to], tripIndex) => {
		let distanceM = 0;
		for (let position = from; position < to; position++)
			distanceM += haversineMeters(at(position), at(position + 1));
		const durationMs = time(to) - time(from);
		const { latitude: startLat, longitude: startLon } = at(from);
		const { latitude: endLat, longitude: endLon } = at(to);
		return {
			tripNumber: tripIndex + 1,
			indices: order.slice(from, to + 1),
			startTime: iso(time(from)),
			endTime: iso(time(to)),
			durationS: durationMs / 1000,
			distanceM: round2(distanceM),
			averageSpeedKmh: kmh(distanceM, durationMs),
			start: { latitude: startLat, longitude: startLon },
			end: { latitude: endLat, longitude: endLon },
		};
	});
}
