import type { IDataObject } from 'n8n-workflow';

import { normalizeLocation, type NormalizedLocation } from '../../shared/location';

/** Where a state's position is: `gps.location.lat/lng` in every example, `gps.lat/lng` in one field list. */
function positionOf(gps: IDataObject): { lat: unknown; lng: unknown } {
	const location = gps.location as IDataObject | undefined;
	return location ? { lat: location.lat, lng: location.lng } : { lat: gps.lat, lng: gps.lng };
}

/** The normalized location of a tracker state (its last GPS update). */
export function stateLocation(trackerId: number | string, state: IDataObject): NormalizedLocation {
	const gps = (state.gps ?? {}) as IDataObject;
	const { lat, lng } = positionOf(gps);
	return normalizeLocation({
		provider: 'navixy',
		deviceId: String(trackerId),
		latitude: lat,
		longitude: lng,
		time: (gps.updated as string | undefined) ?? null,
		speedKmh: gps.speed,
		headingDeg: gps.heading,
		altitudeM: gps.alt,
		accuracyM: gps.precision,
	});
}

/** A state as output: the tracker's ID, Navixy's state fields, and the normalized location. */
export function stateToJson(trackerId: number | string, state: IDataObject): IDataObject {
	return { trackerId: Number(trackerId), ...state, location: { ...stateLocation(trackerId, state) } };
}

/** The normalized location of tracker/get_last_gps_point's flat `value`. */
export function gpsPointToJson(trackerId: number, point: IDataObject): IDataObject {
	const location = normalizeLocation({
		provider: 'navixy',
		deviceId: String(trackerId),
		latitude: point.lat,
		longitude: point.lng,
		time: (point.get_time as string | undefined) ?? null,
		speedKmh: point.speed,
		headingDeg: point.heading,
		accuracyM: point.precision,
	});
	return { trackerId, ...point, location: { ...location } };
}
