import type { IDataObject } from 'n8n-workflow';

import { accuracyOf, compactTimeToIso, deviceError, positionToLocation } from './location';

/**
 * A DeviceLocation callback split into one item per device of its `deviceList`, filtered as the trigger's
 * options say. The callback shapes are the document's examples: LOCATION_REPORT devices carry
 * `positionData` or `error`, STOP_PERIODIC_LOCATION_RESPONSE devices only `{id, mdn}`.
 */
export const REPORT_TYPES = [
	{ name: 'Location Report', value: 'LOCATION_REPORT' },
	{ name: 'Stop Periodic Location Response', value: 'STOP_PERIODIC_LOCATION_RESPONSE' },
	{ name: 'Consent Response', value: 'CONSENT_RESPONSE' },
] as const;

export type StatusFilter = 'both' | 'success' | 'failed';

export interface CallbackFilter {
	/** Report types to emit; every type when empty. */
	reportTypes: string[];
	status: StatusFilter;
	/** Devices reported with an error: emitted with it, or left out. */
	failedDevices: 'emit' | 'filter';
	includeRaw: boolean;
}

export const DEFAULT_FILTER: CallbackFilter = {
	reportTypes: REPORT_TYPES.map((type) => type.value),
	status: 'both',
	failedDevices: 'emit',
	includeRaw: false,
};

const stringOrNull = (value: unknown) => (value === undefined || value === null ? null : String(value));
const asObject = (value: unknown): IDataObject | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : undefined;

/** Whether a callback's report type and status pass the filter. */
export function callbackWanted(body: IDataObject, filter: CallbackFilter): boolean {
	const reportType = String(body.reportType ?? '');
	if (filter.reportTypes.length > 0 && !filter.reportTypes.includes(reportType)) return false;
	const status = String(body.status ?? '').toUpperCase();
	if (filter.status === 'success') return status === 'SUCCESS';
	if (filter.status === 'failed') return status === 'FAILED';
	return true;
}

/** One device of a callback as an item. */
export function deviceItem(body: IDataObject, device: IDataObject, includeRaw: boolean): IDataObject {
	const position = asObject(device.positionData);
	const error = asObject(device.error);
	const deviceId = String(device.id ?? '');
	const locationType = position?.locationType ?? device.locationType;
	const item: IDataObject = {
		accountName: stringOrNull(body.accountName),
		reportType: stringOrNull(body.reportType),
		status: stringOrNull(body.status),
		transactionId: stringOrNull(body.transactionID),
		deviceId,
		kind: stringOrNull(device.kind),
		mdn: stringOrNull(device.mdn),
		time: compactTimeToIso(position?.time ?? error?.time),
		cached: position === undefined || locationType === undefined || locationType === null ? null : String(locationType) === '0',
		accuracyMeters: position === undefined ? null : accuracyOf(position),
		location: position === undefined ? null : { ...positionToLocation(deviceId, position) },
	};
	if (error !== undefined) item.error = deviceError(error);
	if (includeRaw) item.raw = device;
	return item;
}

/** The items of one callback: none when its type or status is not wanted, failed devices as chosen. */
export function callbackItems(body: IDataObject, filter: CallbackFilter): IDataObject[] {
	if (!callbackWanted(body, filter)) return [];
	const devices = Array.isArray(body.deviceList) ? (body.deviceList as unknown[]) : [];
	return devices
		.map(asObject)
		.filter((device): device is IDataObject => device !== undefined)
		.filter((device) => filter.failedDevices === 'emit' || asObject(device.error) === undefined)
		.map((device) => deviceItem(body, device, filter.includeRaw));
}

