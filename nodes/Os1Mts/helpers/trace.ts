import type { IDataObject } from 'n8n-workflow';

import { normalizeLocation, summarizeTrack, toLineStringFeature, type NormalizedLocation } from '../../shared/location';
import { epochOfEitherUnitToIso } from '../../shared/time';

/**
 * Trace data as OS1 answers it: a GeoJSON FeatureCollection of Point features, each with
 * `[longitude, latitude]` and properties carrying a millisecond `timestamp` and a `sequence` number.
 * ASSUMPTION: the exact feature properties are not public; other properties are passed through.
 */
export interface TraceFeature extends IDataObject {
	type: string;
	geometry: { type: string; coordinates: number[] } | null;
	properties?: IDataObject;
}

export interface TracePoint extends IDataObject {
	trackId: string;
	sequence: number | null;
	timestamp: string | null;
	location: IDataObject;
}

export function featuresOf(page: IDataObject): TraceFeature[] {
	const features = page.features;
	return Array.isArray(features) ? (features as TraceFeature[]) : [];
}

function normalized(trackId: string, feature: TraceFeature): NormalizedLocation {
	const [longitude, latitude] = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : [];
	const properties = feature.properties ?? {};
	return normalizeLocation({
		provider: 'os1',
		deviceId: trackId,
		latitude,
		longitude,
		time: epochOfEitherUnitToIso(properties.timestamp),
		accuracyM: properties.accuracy,
		speedMps: properties.speed,
		headingDeg: properties.bearing ?? properties.heading,
	});
}

/** One item per trace point: the feature's properties, ISO time, and the normalized location. */
export function traceToPoints(trackId: string, features: TraceFeature[]): TracePoint[] {
	return features.map((feature) => {
		const properties = feature.properties ?? {};
		const sequence = Number(properties.sequence);
		return {
			...properties,
			trackId,
			sequence: Number.isFinite(sequence) ? sequence : null,
			timestamp: epochOfEitherUnitToIso(properties.timestamp),
			location: normalized(trackId, feature) as unknown as IDataObject,
		};
	});
}

/** One item for the whole track: a GeoJSON LineString Feature and a summary of the route. */
export function traceToRoute(trackId: string, trackName: unknown, features: TraceFeature[]): IDataObject {
	const points = features.map((feature) => normalized(trackId, feature));
	const summary = summarizeTrack(points);
	return {
		trackId,
		trackName: trackName ?? null,
		points: summary.points,
		distanceM: summary.distanceM,
		firstTime: summary.firstTime,
		lastTime: summary.lastTime,
		route: toLineStringFeature(points, { trackId }) as unknown as IDataObject,
	};
}
