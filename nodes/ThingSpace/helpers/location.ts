import type { IDataObject } from 'n8n-workflow';

import { normalizeLocation, type NormalizedLocation } from '../../shared/location';
import { parseProviderTime } from '../../shared/time';
import { toFiniteNumber } from '../../shared/validation';

/**
 * ThingSpace positions: `x` latitude and `y` longitude in decimal degrees (as text), `radius` the accuracy in
 * metres, `time` as `yyyyMMddHHmmss` in UTC (the synchronous answer adds `utcoffset`, e.g. "+0000": a time
 * with another offset is local time at that offset and is converted).
 */
const OFFSET_PATTERN = /^([+-])(\d{2}):?(\d{2})$/;

/** `20200723030357` → `2020-07-23T03:03:57.000Z`; null when missing or unreadable. */
export function compactTimeToIso(time: unknown, utcOffset?: unknown): string | null {
	const parsed = parseProviderTime(time, 'compact');
	if (parsed === null) return null;
	const offset = typeof utcOffset === 'string' ? OFFSET_PATTERN.exec(utcOffset.trim()) : null;
	if (offset === null) return parsed.toISO();
	const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
	return parsed.minus({ minutes }).toISO();
}

export interface Position {
	x?: unknown;
	y?: unknown;
	radius?: unknown;
	time?: unknown;
}

/** A position in the package's common shape. */
export function positionToLocation(deviceId: string, position: Position, utcOffset?: unknown): NormalizedLocation {
	return normalizeLocation({
		provider: 'thingspace',
		deviceId,
		latitude: position.x,
		longitude: position.y,
		time: compactTimeToIso(position.time, utcOffset),
		accuracyM: position.radius,
	});
}

export const accuracyOf = (position: Position): number | null => {
	const radius = toFiniteNumber(position.radius);
	return radius !== null && radius >= 0 ? radius : null;
};

/** A device's error as ThingSpace reports it, with its time as ISO. */
export function deviceError(error: IDataObject): IDataObject {
	return {
		type: error.type ?? null,
		info: error.info ?? null,
		time: compactTimeToIso(error.time),
	};
}

/**
 * One entry of the synchronous answer (`{msid, pd, error}`) as an output item, or the device's error in
 * words when ThingSpace could not locate it.
 */
export function currentLocationJson(
	entry: IDataObject,
	device: { id: string; mdn?: string },
	accountName: string,
): { json: IDataObject } | { error: string } {
	const pd = entry.pd as IDataObject | null | undefined;
	const error = entry.error as IDataObject | null | undefined;
	if (pd === null || pd === undefined || typeof pd !== 'object') {
		const reason =
			error && typeof error === 'object'
				? `${String(error.type ?? 'error')}: ${String(error.info ?? 'no details')}`
				: 'no position and no error in the answer';
		return { error: `ThingSpace could not locate device ${device.id}: ${reason}` };
	}
	const location = positionToLocation(device.id, pd, pd.utcoffset);
	return {
		json: {
			deviceId: device.id,
			mdn: device.mdn ?? null,
			accountName,
			time: location.time,
			accuracyMeters: accuracyOf(pd),
			qosMet: typeof pd.qos === 'boolean' ? pd.qos : null,
			location,
			positionData: pd,
		},
	};
}
