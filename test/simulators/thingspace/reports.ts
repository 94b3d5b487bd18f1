/**
 * DeviceLocation callback bodies, shaped as the document's examples (one device per callback, keys in
 * the examples' order), and the `yyyyMMddHHmmss` UTC times they carry.
 */
import type { Fix, FixError, RequestedDevice } from './fixes';

export type ReportType = 'LOCATION_REPORT' | 'STOP_PERIODIC_LOCATION_RESPONSE' | 'CONSENT_RESPONSE';

export interface PositionData {
	/** '0' cached, '1' current. */
	locationType: '0' | '1';
	radius: string;
	time: string;
	x: string;
	y: string;
}

export type ReportDevice =
	| { id: string; kind: string; mdn: string; positionData: PositionData }
	| { error: FixError & { time: string }; id: string; kind: string; mdn: string }
	| { id: string; mdn: string };

export interface ReportBody {
	accountName: string;
	deviceList: ReportDevice[];
	reportType: ReportType;
	status: 'SUCCESS' | 'FAILED';
	transactionID: string;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `20200723030357` for 2020-07-23T03:03:57Z. */
export function tsTime(epochMs: number): string {
	const date = new Date(epochMs);
	return (
		pad(date.getUTCFullYear(), 4) +
		pad(date.getUTCMonth() + 1) +
		pad(date.getUTCDate()) +
		pad(date.getUTCHours()) +
		pad(date.getUTCMinutes()) +
		pad(date.getUTCSeconds())
	);
}

/** `2020-07-23T03:03:57.000Z` for `20200723030357`. */
export function isoOfTsTime(text: string): string {
	const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
	if (!match) throw new Error(`Not a ThingSpace time: ${text}`);
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	return new Date(Date.UTC(year, month - 1, day, hour, minute, second)).toISOString();
}

/** Callbacks name the identifier kind in capitals (`IMEI`), whatever case the request used. */
const kindOf = (requested: RequestedDevice): string => requested.kind.toUpperCase();

/** A LOCATION_REPORT for one device: its position (SUCCESS) or its error (FAILED). */
export function fixReport(accountName: string, transactionID: string, requested: RequestedDevice, fix: Fix): ReportBody {
	if (fix.ok) {
		const positionData: PositionData = {
			locationType: fix.cached ? '0' : '1',
			radius: String(fix.radius),
			time: tsTime(fix.at),
			x: String(fix.position.latitude),
			y: String(fix.position.longitude),
		};
		const device = { id: requested.id, kind: kindOf(requested), mdn: fix.device.mdn, positionData };
		return { accountName, deviceList: [device], reportType: 'LOCATION_REPORT', status: 'SUCCESS', transactionID };
	}
	return failureReport(accountName, transactionID, { ...requested, mdn: fix.mdn }, fix.error, fix.at);
}

export function failureReport(
	accountName: string,
	transactionID: string,
	requested: RequestedDevice,
	error: FixError,
	at: number,
): ReportBody {
	const device = {
		error: { info: error.info, time: tsTime(at), type: error.type },
		id: requested.id,
		kind: kindOf(requested),
		mdn: requested.mdn ?? '',
	};
	return { accountName, deviceList: [device], reportType: 'LOCATION_REPORT', status: 'FAILED', transactionID };
}

/** The STOP_PERIODIC_LOCATION_RESPONSE of one device: the original session's transaction id. */
export function stopReport(accountName: string, transactionID: string, id: string, mdn: string): ReportBody {
	return {
		accountName,
		deviceList: [{ id, mdn }],
		reportType: 'STOP_PERIODIC_LOCATION_RESPONSE',
		status: 'SUCCESS',
		transactionID,
	};
}

/**
 * The event key of a one-device report: `<transactionID>/<device id>/<ISO time>` (the time of its
 * position or error; empty for a stop response, which has none).
 */
export function reportKey(body: ReportBody): string {
	const device = body.deviceList[0] as Partial<{ id: string; positionData: PositionData; error: { time: string } }> | undefined;
	const time = device?.positionData?.time ?? device?.error?.time;
	return `${body.transactionID}/${device?.id ?? ''}/${time ? isoOfTsTime(time) : ''}`;
}
