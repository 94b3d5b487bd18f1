/**
 * Reading Location API request bodies: whole numbers given as strings (the parameter table) or as
 * numbers (the example), the account name, the device list (one identifier kind: IMEI), cache and
 * accuracy modes. Each check throws the 400 the service answers.
 */
import { LOCATION_MESSAGES as M, invalidParameter } from './errors';
import type { RequestedDevice } from './fixes';

export type Body = Record<string, unknown>;

const ACCOUNT_NAME = /^\d{10}-\d{5}$/;
const SUPPORTED_KINDS = ['imei'];

/** The request's JSON object; 400 Invalid JSON for anything else. */
export function jsonObject(body: unknown): Body {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParameter(M.invalidJson);
	return body as Body;
}

export function accountName(value: unknown): string {
	if (typeof value !== 'string' || !ACCOUNT_NAME.test(value)) throw invalidParameter(M.invalidAccountName);
	return value;
}

/** A whole number (number or digit string) in range, or `fallback` when absent. */
export function wholeNumber(body: Body, field: string, range: readonly [number, number], fallback: number, alias?: string): number {
	const raw = body[field] ?? (alias === undefined ? undefined : body[alias]);
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(value) || value < range[0] || value > range[1]) throw invalidParameter(M.outOfRange(field, range));
	return value;
}

/** A mode 0..max (number or digit string), or `fallback` when absent. */
export function mode(body: Body, field: string, max: number, fallback: number, message: string): number {
	const raw = body[field];
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d$/.test(raw.trim()) ? Number(raw) : NaN;
	if (!Number.isInteger(value) || value < 0 || value > max) throw invalidParameter(message);
	return value;
}

export const cacheMode = (body: Body, fallback: number): number => mode(body, 'cacheMode', 2, fallback, M.invalidCacheMode);
export const accuracyMode = (body: Body): number => mode(body, 'accuracyMode', 2, 0, M.invalidAccuracyMode);

/** 1..max devices, each `{id, kind, mdn?}`, one kind (IMEI, any case) across the list. */
export function deviceList(body: Body, max: number): RequestedDevice[] {
	const list = body.deviceList;
	if (!Array.isArray(list) || list.length === 0) throw invalidParameter(M.noDevices);
	if (list.length > max) throw invalidParameter(M.tooManyDevices(max));
	const devices = list.map((entry: unknown): RequestedDevice => {
		const { id, kind, mdn } = (entry ?? {}) as Record<string, unknown>;
		const text = typeof id === 'number' ? String(id) : id;
		if (typeof text !== 'string' || text === '' || typeof kind !== 'string' || kind === '') throw invalidParameter(M.invalidDevice);
		return { id: text, kind, ...(mdn === undefined || mdn === null ? {} : { mdn: String(mdn) }) };
	});
	const kinds = new Set(devices.map((device) => device.kind.toLowerCase()));
	if (kinds.size > 1) throw invalidParameter(M.mixedKinds);
	if (!SUPPORTED_KINDS.includes([...kinds][0])) throw invalidParameter(M.unsupportedKind);
	return devices;
}

/** The `mdn` array of a stop request: 1..max MDNs as strings. */
export function mdnList(body: Body, max: number): string[] {
	const list = body.mdn;
	if (!Array.isArray(list) || list.length === 0) throw invalidParameter(M.noMdns);
	if (list.length > max) throw invalidParameter(M.tooManyMdns(max));
	return list.map((mdn) => String(mdn));
}
