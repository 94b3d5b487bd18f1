import type { IDataObject } from 'n8n-workflow';

import type { ProviderContext } from '../../shared/request';
import type { DeviceRef } from '../helpers/devices';
import { thingSpaceRequest, type ThingSpaceAnswer } from './request';

/**
 * The Location API calls, one function per use: the only place that names their paths (below
 * /api/loc/v1). Reads and changes that leave the same state when repeated (stop, cancel, listener
 * registration and removal) are safe to repeat; starting a periodic session or an asynchronous location
 * request is not (a second one would start another session, billed again).
 */
export const PATHS = {
	periodic: '/devicelocations/action/periodic',
	locations: '/locations',
	deviceLocations: '/devicelocations',
	callbacks: (account: string) => `/callbacks/${encodeURIComponent(account)}`,
} as const;

/** The documented limits per request. */
export const LIMITS = {
	periodicDevices: 10000,
	stopMdns: 100,
	syncDevices: 20,
	asyncDevices: 10000,
} as const;

export const LISTENER_NAMES = ['DeviceLocation', 'Location'] as const;
export type ListenerName = (typeof LISTENER_NAMES)[number];

export interface Transaction {
	transactionId: string;
	status: string;
}

export interface Listener {
	name: string;
	url: string;
}

type Ctx = ProviderContext;

const objectOf = (answer: ThingSpaceAnswer): IDataObject =>
	typeof answer.body === 'object' && answer.body !== null && !Array.isArray(answer.body) ? (answer.body as IDataObject) : {};

const transactionOf = (answer: ThingSpaceAnswer, idField: string): Transaction => {
	const body = objectOf(answer);
	return { transactionId: String(body[idField] ?? ''), status: String(body.status ?? '') };
};

const deviceList = (devices: DeviceRef[]): IDataObject[] =>
	devices.map((device) => (device.mdn ? { id: device.id, kind: device.kind, mdn: device.mdn } : { id: device.id, kind: device.kind }));

export const periodic = {
	/** Starts one session for up to 10,000 devices; `fields` are the request's other fields, ready to send. */
	start: async (context: Ctx, accountName: string, devices: DeviceRef[], fields: IDataObject, itemIndex?: number) =>
		transactionOf(
			await thingSpaceRequest(context, {
				method: 'POST',
				path: PATHS.periodic,
				body: { accountName, deviceList: deviceList(devices), ...fields },
				safeToRepeat: false,
				itemIndex,
			}),
			'transactionID',
		),
	/** Stops up to 100 devices (by MDN) of one session; answers a new transaction id of the stop itself. */
	stop: async (context: Ctx, accountName: string, transactionId: string, mdns: string[], itemIndex?: number) =>
		transactionOf(
			await thingSpaceRequest(context, {
				method: 'DELETE',
				path: `${PATHS.periodic}/${encodeURIComponent(transactionId)}`,
				qs: { accountName },
				body: { mdn: mdns },
				safeToRepeat: true,
				itemIndex,
			}),
			'transactionID',
		),
};

export const locations = {
	/** Synchronous: up to 20 devices, `[{msid, pd, error}]`. Reading a location twice does no harm. */
	current: async (context: Ctx, accountName: string, devices: DeviceRef[], fields: IDataObject, itemIndex?: number) => {
		const answer = await thingSpaceRequest(context, {
			method: 'POST',
			path: PATHS.locations,
			body: { accountName, ...fields, deviceList: deviceList(devices) },
			safeToRepeat: true,
			itemIndex,
		});
		return Array.isArray(answer.body) ? (answer.body as IDataObject[]) : [];
	},
	/** Asynchronous: up to 10,000 devices; results come as DeviceLocation callbacks carrying the txid. */
	request: async (context: Ctx, accountName: string, devices: DeviceRef[], fields: IDataObject, itemIndex?: number) =>
		transactionOf(
			await thingSpaceRequest(context, {
				method: 'POST',
				path: PATHS.deviceLocations,
				body: { accountName, ...fields, deviceList: deviceList(devices) },
				safeToRepeat: false,
				itemIndex,
			}),
			'txid',
		),
	cancel: async (context: Ctx, accountName: string, transactionId: string, itemIndex?: number) =>
		transactionOf(
			await thingSpaceRequest(context, {
				method: 'DELETE',
				path: `${PATHS.deviceLocations}/${encodeURIComponent(transactionId)}`,
				qs: { accountName },
				safeToRepeat: true,
				itemIndex,
			}),
			'txid',
		),
};

/** A listing's listeners: an array, a single object, or an empty body when none is registered. */
export function listenersOf(body: unknown): Listener[] {
	const entries = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? [body] : [];
	return entries
		.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null && typeof (entry as IDataObject).name === 'string')
		.map((entry) => ({ name: String(entry.name), url: String(entry.url ?? '') }));
}

export const listeners = {
	list: async (context: Ctx, accountName: string, itemIndex?: number) =>
		listenersOf((await thingSpaceRequest(context, { method: 'GET', path: PATHS.callbacks(accountName), safeToRepeat: true, itemIndex })).body),
	/** Registers (or replaces: one per account and name) a listener; the answer's headers carry the shared secret. */
	register: async (context: Ctx, accountName: string, name: ListenerName, url: string, itemIndex?: number) =>
		await thingSpaceRequest(context, {
			method: 'POST',
			path: PATHS.callbacks(accountName),
			body: { name, url },
			safeToRepeat: true,
			itemIndex,
		}),
	remove: async (context: Ctx, accountName: string, name: ListenerName, itemIndex?: number) =>
		objectOf(
			await thingSpaceRequest(context, {
				method: 'DELETE',
				path: `${PATHS.callbacks(accountName)}/name/${encodeURIComponent(name)}`,
				safeToRepeat: true,
				itemIndex,
			}),
		),
};

/** A response header by name, whatever its case. */
export function headerOf(headers: IDataObject, name: string): string | undefined {
	const wanted = name.trim().toLowerCase();
	const key = Object.keys(headers).find((entry) => entry.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers[key];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first !== '' ? first : undefined;
}
