import type { IDataObject } from 'n8n-workflow';

import { normalizeLocation, type NormalizedLocation } from '../../shared/location';

type Decoder = Readonly<Record<string, string>>;

const ACC: Decoder = { '1': 'on', '0': 'off', '-1': 'unknown' };
const DOOR: Decoder = { '1': 'open', '0': 'closed', '-1': 'unknown' };
const CHARGING: Decoder = { '1': 'charging', '0': 'notCharging', '-1': 'unknown' };
const FUEL_SUPPLY: Decoder = { '1': 'ok', '0': 'off', '-1': 'unknown' };
const DEFENCE: Decoder = { '1': 'on', '0': 'off', '-1': 'unknown' };
/** `datastatus` of /api/track. */
const DATA_STATUS: Decoder = {
	'1': 'neverOnline',
	'2': 'online',
	'3': 'expired',
	'4': 'offline',
	'5': 'blocked',
};

function decode(table: Decoder, value: unknown): string {
	return table[String(value)] ?? 'unknown';
}

export interface DecodedStatuses extends IDataObject {
	acc: string;
	door: string;
	charging: string;
	fuelSupply: string;
	defence: string;
	connection: string;
}

/** The numeric status fields of a /api/track record, in words. */
export function decodeTrackStatuses(record: IDataObject): DecodedStatuses {
	return {
		acc: decode(ACC, record.accstatus),
		door: decode(DOOR, record.doorstatus),
		charging: decode(CHARGING, record.chargestatus),
		fuelSupply: decode(FUEL_SUPPLY, record.oilpowerstatus),
		defence: decode(DEFENCE, record.defencestatus),
		connection: decode(DATA_STATUS, record.datastatus),
	};
}

/** The normalized location of a /api/track record (gpstime is the fix time). */
export function trackLocation(record: IDataObject): NormalizedLocation {
	return normalizeLocation({
		provider: 'protrack',
		deviceId: String(record.imei),
		latitude: record.latitude,
		longitude: record.longitude,
		time: record.gpstime as number,
		speedKmh: record.speed,
		headingDeg: record.course,
	});
}

/** Epoch-second fields of /api/track that get an ISO 8601 twin in the output. */
export const TRACK_TIME_FIELDS = ['gpstime', 'hearttime', 'systemtime', 'servertime'] as const;
