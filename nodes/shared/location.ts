import { DateTime } from 'luxon';

import { epochToIso, tryParseDateTime } from './time';
import { toFiniteNumber } from './validation';

export type ProviderName = 'protrack' | 'navixy' | 'thingspace' | 'os1';

/** One position in the same shape for every provider; unknown values are null. */
export interface NormalizedLocation {
	provider: ProviderName;
	deviceId: string;
	latitude: number | null;
	longitude: number | null;
	/** ISO 8601 in UTC with milliseconds. */
	time: string | null;
	speedKmh: number | null;
	headingDeg: number | null;
	accuracyM: number | null;
	altitudeM: number | null;
}

export interface LocationInput {
	provider: ProviderName;
	deviceId: string | number;
	latitude: unknown;
	longitude: unknown;
	/** DateTime, ISO/n8n date string, or epoch number/numeric string in `timeUnit`. */
	time?: DateTime | string | number | null;
	timeUnit?: 's' | 'ms';
	speedKmh?: unknown;
	speedMps?: unknown;
	headingDeg?: unknown;
	accuracyM?: unknown;
	altitudeM?: unknown;
}

const KMH_PER_MPS = 3.6;
/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6371008.8;

function inRange(value: number | null, limit: number): value is number {
	return value !== null && value >= -limit && value <= limit;
}

function nonNegative(value: number | null): number | null {
	return value !== null && value >= 0 ? value : null;
}

/** Drops binary floating-point noise such as 3.9600000000000004. */
function tidy(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}

function normalizeHeading(value: unknown): number | null {
	const heading = toFiniteNumber(value);
	if (heading === null) return null;
	const wrapped = ((heading % 360) + 360) % 360;
	return wrapped === 360 ? 0 : wrapped + 0;
}

function normalizeSpeed(speedKmh: unknown, speedMps: unknown): number | null {
	const kmh = toFiniteNumber(speedKmh);
	if (kmh !== null) return nonNegative(kmh);
	const mps = toFiniteNumber(speedMps);
	return mps === null ? null : nonNegative(tidy(mps * KMH_PER_MPS));
}

function normalizeTime(time: LocationInput['time'], unit: 's' | 'ms'): string | null {
	if (time === undefined || time === null) return null;
	if (typeof time === 'number' || (typeof time === 'string' && toFiniteNumber(time) !== null)) {
		return epochToIso(time, unit);
	}
	const parsed = tryParseDateTime(time);
	return parsed ? parsed.toUTC().toISO() : null;
}

export function normalizeLocation(input: LocationInput): NormalizedLocation {
	const latitude = toFiniteNumber(input.latitude);
	const longitude = toFiniteNumber(input.longitude);
	const hasPosition = inRange(latitude, 90) && inRange(longitude, 180);
	return {
		provider: input.provider,
		deviceId: String(input.deviceId),
		latitude: hasPosition ? latitude : null,
		longitude: hasPosition ? longitude : null,
		time: normalizeTime(input.time, input.timeUnit ?? 's'),
		speedKmh: normalizeSpeed(input.speedKmh, input.speedMps),
		headingDeg: normalizeHeading(input.headingDeg),
		accuracyM: nonNegative(toFiniteNumber(input.accuracyM)),
		altitudeM: toFiniteNumber(input.altitudeM),
	};
}

export interface LatLon {
	latitude: number;
	longitude: number;
}

/** Local bindings: global lookups are slow inside jest's VM context and this runs per route point. */
const { asin, cos, min, sin, sqrt, PI } = Math;
const toRadians = (degrees: number) => (degrees * PI) / 180;

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLon, b: LatLon): number {
	const dLat = toRadians(b.latitude - a.latitude);
	const dLon = toRadians(b.longitude - a.longitude);
	const h =
		sin(dLat / 2) ** 2 +
		cos(toRadians(a.latitude)) * cos(toRadians(b.latitude)) * sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * asin(min(1, sqrt(h)));
}

/** Anything carrying a position that may be unknown (a normalized location, a route point). */
export interface MaybePositioned {
	latitude: number | null;
	longitude: number | null;
}

function withPosition(points: readonly MaybePositioned[]): LatLon[] {
	const located: LatLon[] = [];
	for (const point of points) {
		if (point.latitude !== null && point.longitude !== null) {
			located.push({ latitude: point.latitude, longitude: point.longitude });
		}
	}
	return located;
}

export interface LineStringFeature {
	type: 'Feature';
	geometry: { type: 'LineString'; coordinates: Array<[number, number]> };
	properties: Record<string, unknown>;
}

/** GeoJSON LineString of the points that have a position, as [longitude, latitude]. */
export function toLineStringFeature(
	points: readonly MaybePositioned[],
	properties: Record<string, unknown> = {},
): LineStringFeature {
	return {
		type: 'Feature',
		geometry: {
			type: 'LineString',
			coordinates: withPosition(points).map(({ latitude, longitude }): [number, number] => [
				longitude,
				latitude,
			]),
		},
		properties: { ...properties },
	};
}

export interface TrackSummary {
	/** Number of points given (including ones without a position). */
	points: number;
	/** Sum of distances between consecutive positioned points, in order given, rounded to cm. */
	distanceM: number;
	maxSpeedKmh: number | null;
	/** Earliest and latest time among the points. */
	firstTime: string | null;
	lastTime: string | null;
}

export function summarizeTrack(points: readonly NormalizedLocation[]): TrackSummary {
	const located = withPosition(points);
	let distanceM = 0;
	for (let index = 1; index < located.length; index++) {
		distanceM += haversineMeters(located[index - 1], located[index]);
	}
	const speeds = points
		.map((point) => point.speedKmh)
		.filter((speed): speed is number => speed !== null);
	const millis = points
		.map((point) =>
			point.time === null ? NaN : DateTime.fromISO(point.time, { zone: 'utc' }).toMillis(),
		)
		.filter((value) => Number.isFinite(value));
	const isoOf = (value: number) => DateTime.fromMillis(value, { zone: 'utc' }).toISO();
	return {
		points: points.length,
		distanceM: Math.round(distanceM * 100) / 100,
		maxSpeedKmh: speeds.length > 0 ? speeds.reduce((max, speed) => Math.max(max, speed)) : null,
		firstTime:
			millis.length > 0 ? isoOf(millis.reduce((min, value) => Math.min(min, value))) : null,
		lastTime: millis.length > 0 ? isoOf(millis.reduce((max, value) => Math.max(max, value))) : null,
	};
}
