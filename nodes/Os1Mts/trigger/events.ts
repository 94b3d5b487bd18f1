import type { IDataObject } from 'n8n-workflow';

import { normalizeLocation } from '../../shared/location';
import { epochOfEitherUnitToIso } from '../../shared/time';

/**
 * OS1's callback events. ASSUMPTION: OS1 publishes that callbacks carry the request's `meta`, not the
 * body's exact shape; the package reads `{eventId, eventType, occurredAt, data, meta}` with the event
 * kinds below (also `event` or `type` for the kind), and passes every other field through.
 */
export const EVENT_KINDS = [
	{ name: 'Consent Granted', value: 'CONSENT_GRANTED' },
	{ name: 'Consent Denied', value: 'CONSENT_DENIED' },
	{ name: 'Consent Revoked', value: 'CONSENT_REVOKED' },
	{ name: 'Track Started', value: 'TRACK_STARTED' },
	{ name: 'Track Stopped', value: 'TRACK_STOPPED' },
	{ name: 'Track Expired', value: 'TRACK_EXPIRED' },
	{ name: 'Trace Update', value: 'TRACE_UPDATE' },
] as const;

export function eventKindOf(body: IDataObject): string {
	const kind = body.eventType ?? body.event ?? body.type;
	return typeof kind === 'string' ? kind.toUpperCase() : '';
}

interface CallbackPoint extends IDataObject {
	lat?: number;
	lon?: number;
	timestamp?: number;
	sequence?: number;
}

function pointsOf(data: IDataObject): CallbackPoint[] {
	return Array.isArray(data.points) ? (data.points as CallbackPoint[]) : [];
}

function pointJson(trackId: string, point: CallbackPoint): IDataObject {
	const time = epochOfEitherUnitToIso(point.timestamp);
	return {
		...point,
		timestamp: time,
		location: normalizeLocation({
			provider: 'os1',
			deviceId: trackId,
			latitude: point.lat ?? point.latitude,
			longitude: point.lon ?? point.lng ?? point.longitude,
			time,
			accuracyM: point.accuracy,
		}) as unknown as IDataObject,
	};
}

/** The callback as one item: times as ISO, trace points with the normalized location, meta as sent. */
export function callbackToJson(body: IDataObject): IDataObject {
	const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as IDataObject;
	const trackId = String(data.trackId ?? data.msisdn ?? '');
	const json: IDataObject = {
		...body,
		eventType: eventKindOf(body),
		occurredAt: epochOfEitherUnitToIso(body.occurredAt) ?? body.occurredAt ?? null,
		data: {
			...data,
			...('points' in data ? { points: pointsOf(data).map((point) => pointJson(trackId, point)) } : {}),
		},
		meta: body.meta ?? {},
	};
	return json;
}

/** A trace update as one item per point (the event's other fields beside each point). */
export function tracePointsToJson(event: IDataObject): IDataObject[] {
	const data = event.data as IDataObject;
	const points = Array.isArray(data.points) ? (data.points as IDataObject[]) : [];
	const track: IDataObject = { ...data };
	delete track.points;
	return points.map((point) => ({
		eventId: event.eventId,
		eventType: event.eventType,
		occurredAt: event.occurredAt,
		...track,
		...point,
		meta: event.meta,
	}));
}
