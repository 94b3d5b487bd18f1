import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { LoginFailure } from '../../shared/loginFailure';
import type { ProviderContext } from '../../shared/request';
import { parseRetryAfter } from '../../shared/retry';
import { DEFAULT_AUDIENCE, newRequestId, os1Request, tenantUrlOf, type Os1Answer } from './request';

/**
 * OS1 Movement Tracking, one function per call: the only place that names its paths.
 *
 * ASSUMPTION (to confirm against a tenant): OS1 publishes only the MTS prefix (`/core/api/v1/mts`,
 * configurable in the credential) and the operation names (requestConsent, createSimTrack,
 * updateSimTrack, getSimTrackStatusByMsisdn, getTraceData...). The paths below follow OS1's REST
 * conventions (plural nouns, path parameters, PUT with `operation` to start or stop) and are all here,
 * in this one table; the README lists them. The token call is the documented one.
 */
export const PATHS = {
	clientCredentialsLogin: '/core/api/v1/aaa/auth/client-credentials',
	consent: (msisdn: string) => `/consents/${enc(msisdn)}`,
	consentStatus: (msisdn: string) => `/consents/${enc(msisdn)}/status`,
	simTracks: '/sim-tracks',
	simTrack: (idOrName: string) => `/sim-tracks/${enc(idOrName)}`,
	simTrackStatusById: (id: string) => `/sim-tracks/${enc(id)}/status`,
	simTrackStatusByName: (name: string) => `/sim-tracks/name/${enc(name)}/status`,
	simTrackStatusByMsisdn: (msisdn: string) => `/sim-tracks/msisdn/${enc(msisdn)}/status`,
	phoneTracks: '/smartphone-tracks',
	phoneTrack: (idOrName: string) => `/smartphone-tracks/${enc(idOrName)}`,
	phoneTrackStatusById: (id: string) => `/smartphone-tracks/${enc(id)}/status`,
	phoneTrackStatusByName: (name: string) => `/smartphone-tracks/name/${enc(name)}/status`,
	phoneTrackStatusByContext: (contextId: string) => `/smartphone-tracks/context/${enc(contextId)}/status`,
	trackingStatus: (idOrName: string) => `/tracks/${enc(idOrName)}/status`,
	trace: (idOrName: string) => `/tracks/${enc(idOrName)}/trace`,
} as const;

function enc(value: string): string {
	return encodeURIComponent(value);
}

/** Most trace points OS1 is asked for per page (ASSUMPTION: `pageSize` / `pageToken` paging). */
export const TRACE_PAGE_SIZE = 1000;

export interface AccessToken {
	accessToken: string;
	/** Epoch milliseconds. */
	expiresAt: number;
}

/**
 * Asks OS1 for an access token with the client credentials. Called only by the credential's
 * preAuthentication (n8n stores the result). A refused client (HTTP 400/401/403) is final and says what
 * to check; a rate limit, a server error or an unreadable answer is retried by the request pipeline.
 */
export async function fetchAccessToken(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<AccessToken> {
	const body: IDataObject = {
		clientId: String(credentials.clientId ?? ''),
		clientSecret: String(credentials.clientSecret ?? ''),
	};
	const audience = String(credentials.audience ?? DEFAULT_AUDIENCE).trim();
	if (audience !== '') body.audience = audience;
	const response = (await context.helpers
		.httpRequest({
			method: 'POST',
			url: `${tenantUrlOf(credentials)}${PATHS.clientCredentialsLogin}`,
			body,
			headers: { 'X-COREOS-REQUEST-ID': newRequestId(), 'X-COREOS-TID': String(credentials.tenantId ?? '') },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})
		.catch((error: Error) => ({ unreachable: error.message }))) as { statusCode?: number; body?: unknown; headers?: IDataObject; unreachable?: string };
	if (response.unreachable !== undefined) {
		throw new LoginFailure(`Could not reach the OS1 tenant at ${tenantUrlOf(credentials)}: ${response.unreachable}`, false);
	}
	const status = Number(response.statusCode);
	const answer = (response.body ?? {}) as IDataObject;
	const data = (answer.data ?? {}) as IDataObject;
	const error = (answer.error ?? {}) as IDataObject;
	if (status >= 200 && status < 300 && typeof data.accessToken === 'string' && data.accessToken !== '') {
		const seconds = Number(data.expiresIn);
		const lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 3600_000;
		return { accessToken: data.accessToken, expiresAt: Date.now() + lifetimeMs };
	}
	const said = [error.code, error.description].filter((part) => part !== undefined && part !== '').join(': ');
	const detail = said === '' ? `HTTP ${status}` : `HTTP ${status}, ${said}`;
	if (status === 400 || status === 401 || status === 403) {
		throw new LoginFailure(
			`OS1 refused the client credentials (${detail}). Check the client ID, client secret, audience and tenant ID.`,
			true,
		);
	}
	if (status === 404) {
		throw new LoginFailure(`OS1 has no token service at ${tenantUrlOf(credentials)}${PATHS.clientCredentialsLogin} (HTTP 404). Check the tenant URL.`, true);
	}
	throw new LoginFailure(`OS1 did not issue an access token (${detail})`, false, parseRetryAfter(response.headers?.['retry-after']));
}

/** A callback block as OS1 takes it: where to call back, what to echo, the base64 HMAC key. */
export interface CallbackBody extends IDataObject {
	url: string;
	meta?: IDataObject;
	secret?: string;
}

const read = (context: ProviderContext, path: string, itemIndex?: number, qs?: IDataObject) =>
	os1Request(context, { method: 'GET', path, qs, safeToRepeat: true, itemIndex });

export const consent = {
	request: async (context: ProviderContext, msisdn: string, callback: CallbackBody | undefined, itemIndex?: number) =>
		await os1Request(context, {
			method: 'POST',
			path: PATHS.consent(msisdn),
			body: callback ? { callback } : {},
			safeToRepeat: false,
			itemIndex,
			secrets: callback?.secret ? [callback.secret] : [],
		}),
	get: async (context: ProviderContext, msisdn: string, itemIndex?: number) => await read(context, PATHS.consent(msisdn), itemIndex),
	status: async (context: ProviderContext, msisdn: string, itemIndex?: number) =>
		await read(context, PATHS.consentStatus(msisdn), itemIndex),
};

export type TrackKind = 'sim' | 'smartphone';
export type TrackOperation = 'start' | 'stop';
export type StatusLookup = 'id' | 'name' | 'msisdn' | 'context';

const STATUS_PATHS: Record<TrackKind, Partial<Record<StatusLookup, (key: string) => string>>> = {
	sim: { id: PATHS.simTrackStatusById, name: PATHS.simTrackStatusByName, msisdn: PATHS.simTrackStatusByMsisdn },
	smartphone: { id: PATHS.phoneTrackStatusById, name: PATHS.phoneTrackStatusByName, context: PATHS.phoneTrackStatusByContext },
};

export const tracks = {
	/** createSimTrack / createSmartphoneTrack: 202 when tracking started at once, 201 when not. */
	create: async (context: ProviderContext, kind: TrackKind, body: IDataObject, itemIndex?: number): Promise<Os1Answer> =>
		await os1Request(context, {
			method: 'POST',
			path: kind === 'sim' ? PATHS.simTracks : PATHS.phoneTracks,
			body,
			safeToRepeat: false,
			itemIndex,
			secrets: secretOf(body),
		}),
	/** updateSimTrack / updateSmartphoneTrack by track id or name. */
	update: async (
		context: ProviderContext,
		kind: TrackKind,
		idOrName: string,
		operation: TrackOperation,
		callback: CallbackBody | undefined,
		itemIndex?: number,
	): Promise<Os1Answer> =>
		await os1Request(context, {
			method: 'PUT',
			path: kind === 'sim' ? PATHS.simTrack(idOrName) : PATHS.phoneTrack(idOrName),
			body: callback ? { operation, callback } : { operation },
			// Starting or stopping twice ends in the same state: safe to repeat.
			safeToRepeat: true,
			itemIndex,
			secrets: callback?.secret ? [callback.secret] : [],
		}),
	status: async (context: ProviderContext, kind: TrackKind, by: StatusLookup, key: string, itemIndex?: number) => {
		const path = STATUS_PATHS[kind][by];
		if (path === undefined) throw new Error(`No ${kind} track status by ${by}`);
		return await read(context, path(key), itemIndex);
	},
	trackingStatus: async (context: ProviderContext, idOrName: string, itemIndex?: number) =>
		await read(context, PATHS.trackingStatus(idOrName), itemIndex),
	/** One page of getTraceData; `nextPageToken` in the answer says whether more follow. */
	tracePage: async (context: ProviderContext, idOrName: string, pageToken: string | undefined, itemIndex?: number) =>
		await read(context, PATHS.trace(idOrName), itemIndex, {
			pageSize: TRACE_PAGE_SIZE,
			...(pageToken ? { pageToken } : {}),
		}),
};

function secretOf(body: IDataObject): string[] {
	const secret = (body.callback as IDataObject | undefined)?.secret;
	return typeof secret === 'string' && secret !== '' ? [secret] : [];
}
