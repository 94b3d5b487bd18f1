import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { normalizeLocation, type NormalizedLocation } from '../../shared/location';
import { parseProviderTime } from '../../shared/time';

/** One history entry (history/tracker/list) as the API returned it, with its time read. */
export interface NavixyEvent {
	raw: IDataObject;
	/** Unix seconds of `time`. */
	time: number;
}

/** Unix seconds as the ISO 8601 text (UTC) Navixy reads in date parameters with ISO dates on. */
export const isoSeconds = (epochSeconds: number) =>
	DateTime.fromSeconds(epochSeconds, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) as string;

/** Unix seconds of an ISO 8601 date Navixy wrote (null when unreadable). */
export function secondsOf(value: unknown): number | null {
	const parsed = parseProviderTime(value, 'iso');
	return parsed === null ? null : Math.floor(parsed.toSeconds());
}

/** History entries with a readable time; others (none expected) are left out. */
export function parseEvents(entries: IDataObject[]): NavixyEvent[] {
	const events: NavixyEvent[] = [];
	for (const raw of entries) {
		const time = secondsOf(raw.time);
		if (time !== null) events.push({ raw, time });
	}
	return events;
}

export const eventTime = (event: NavixyEvent) => event.time;
/** Events have IDs: the same ID is the same event. */
export const eventIdentity = (event: NavixyEvent) => String(event.raw.id);

/** The normalized location of an event, or null when it carries none. */
export function eventLocation(raw: IDataObject): NormalizedLocation | null {
	const location = raw.location as IDataObject | undefined;
	if (location === undefined || location === null) return null;
	return normalizeLocation({
		provider: 'navixy',
		deviceId: String(raw.tracker_id),
		latitude: location.lat,
		longitude: location.lng,
		time: raw.time as string,
		accuracyM: location.precision,
	});
}

/**
 * An event as output: Navixy's fields, with `location` holding the normalized location that every
 * provider's output has (null when the event has none) and Navixy's own `{lat, lng, precision}` moved
 * to `navixyLocation`.
 */
export function eventToJson(raw: IDataObject): IDataObject {
	const { location: navixyLocation, ...fields } = raw;
	const location = eventLocation(raw);
	return { ...fields, navixyLocation: navixyLocation ?? null, location: location === null ? null : { ...location } };
}
