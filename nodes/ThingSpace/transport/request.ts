import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	providerRequest,
	type HttpAnswer,
	type ProviderContext,
	type ProviderTransport,
	type Verdict,
} from '../../shared/request';
import type { SharedTokenFields } from '../../shared/sharedToken';
import { BEARER_REFUSED_FAULTS, THINGSPACE_ERRORS } from './errorCodes';

export const CREDENTIAL_TYPE = 'thingSpaceApi';

export const DEFAULT_BASE_URL = 'https://thingspace.verizon.com';

/** Prefix of every Location API path. */
export const LOCATION_API = '/api/loc/v1';

/**
 * The bearer token (OAuth2 client credentials, one hour) is the credential's expirable field: emptying it
 * makes n8n run preAuthentication, which fetches a new bearer and, only when the session field is empty
 * too, logs the UWS session in. So a refused bearer renews the bearer alone, an expired session both
 * (asking for the bearer within its hour gives the same token back).
 */
export const THINGSPACE_TOKEN_FIELDS: SharedTokenFields = {
	token: 'bearerToken',
	wait: 'loginWaitSeconds',
	expiresAt: 'bearerExpiresAt',
};
export const SESSION_TOKEN_FIELD = 'sessionToken';

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
}

/** What an accepted answer carries: the registration of a listener answers its secret in a header. */
export interface ThingSpaceAnswer {
	status: number;
	headers: IDataObject;
	body: unknown;
}

interface ErrorParts {
	code?: string;
	message?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The code and message of any of ThingSpace's error shapes (Location API, gateway fault, OAuth, rate limit). */
export function errorPartsOf(body: unknown): ErrorParts {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
	const record = body as IDataObject;
	if (text(record.errorCode) !== undefined) return { code: text(record.errorCode), message: text(record.errorMessage) };
	if (typeof record.fault === 'object' && record.fault !== null) {
		const fault = record.fault as IDataObject;
		const message = [text(fault.message), text(fault.description)].filter(Boolean).join(': ');
		return { code: fault.code === undefined ? undefined : String(fault.code), message: message === '' ? undefined : message };
	}
	if (text(record.error) !== undefined) return { code: text(record.error), message: text(record.error_description) };
	return { message: text(record.message) };
}

/**
 * Whether an answer says the UWS session is gone: the documented "UWS verification failure (The Session
 * has expired.)" or a code ending in SessionToken.Expired. A session token the platform does not know
 * ("Invalid session token") is as useless and is renewed the same way; an unknown account, which the
 * same prefix also reports, is not.
 */
export function sessionGone(parts: ErrorParts): boolean {
	if (parts.code !== undefined && /SessionToken\.Expired$/i.test(parts.code)) return true;
	return parts.code === 'INVALID_PARAMETER' && /session has expired|invalid session token/i.test(parts.message ?? '');
}

/**
 * How ThingSpace's answers read: 2xx is data; 401 (gateway faults 900901/900902) means the bearer token was
 * refused: one new bearer, the session kept; an expired session means a new bearer and a new session;
 * 429 is the rate limit and 5xx a gateway fault, both retried with backoff (5xx only when the call is safe
 * to repeat); any other answer is an error naming ThingSpace's code and its meaning.
 */
export function interpretThingSpaceAnswer(answer: HttpAnswer): Verdict<ThingSpaceAnswer> {
	const { status } = answer;
	if (status >= 200 && status < 300) return { kind: 'ok', value: { status, headers: answer.headers, body: answer.body } };
	const parts = errorPartsOf(answer.body);
	const { code, message: providerMessage } = parts;
	if (status === 401 || (code !== undefined && BEARER_REFUSED_FAULTS.has(code))) {
		return { kind: 'tokenRejected', code, providerMessage };
	}
	if (sessionGone(parts)) return { kind: 'tokenRejected', code, providerMessage, forget: [SESSION_TOKEN_FIELD] };
	if (status === 429) return { kind: 'rateLimited', code, providerMessage };
	const detail = `${code !== undefined ? ` (${code})` : ''}${providerMessage ? `: ${providerMessage}` : ''}`;
	// A gateway fault's code is not the service's: the message names it, and a write that met it is
	// reported as possibly done.
	if (status >= 500) return { kind: 'failed', message: `HTTP ${status} from ThingSpace${detail}`, retry: 'ifSafe' };
	return { kind: 'failed', code, providerMessage, message: `HTTP ${status} from ThingSpace${detail}`, retry: 'never' };
}

export const THINGSPACE_TRANSPORT: ProviderTransport<ThingSpaceAnswer> = {
	provider: 'ThingSpace',
	credentialType: CREDENTIAL_TYPE,
	errors: THINGSPACE_ERRORS,
	retryPolicy: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10000, maxTotalWaitMs: 60000 },
	sharedToken: () => THINGSPACE_TOKEN_FIELDS,
	// Verizon publishes no rate; the simulator assumes 50 a second for the whole API. Pacing a little below
	// it keeps requests whose arrival is delayed by a few milliseconds under it too (a 429 costs a retry).
	maxRequestsPerSecond: 45,
	secretParameters: ['password', 'sessionToken', 'access_token', 'appSecret'],
	credentialSecrets: (credentials) => [
		credentials.appSecret as string | undefined,
		credentials.password as string | undefined,
		credentials.bearerToken as string | undefined,
		credentials.sessionToken as string | undefined,
	],
	baseUrl: baseUrlOf,
	interpret: interpretThingSpaceAnswer,
	notRepeatedNote:
		'It was not sent again automatically: ThingSpace may already have carried it out (a location session may have started). Check in ThingSpace before trying again.',
	loginRefusedHint:
		'Check the application key and secret (bearer token) and the UWS user name and password (session) of the ThingSpace credential. Logins are not retried: five failed UWS logins in a row lock the user.',
};

export interface ThingSpaceCall {
	method: IHttpRequestMethods;
	/** Path below /api/loc/v1, e.g. '/locations'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Reads and idempotent changes are safe to repeat; starting a session or a location request is not. */
	safeToRepeat: boolean;
	itemIndex?: number;
}

/** One Location API call with both tokens (the credential's authenticate adds them). */
export async function thingSpaceRequest(context: ProviderContext, call: ThingSpaceCall): Promise<ThingSpaceAnswer> {
	return await providerRequest(context, THINGSPACE_TRANSPORT, {
		method: call.method,
		path: `${LOCATION_API}${call.path}`,
		qs: call.qs,
		body: call.body,
		headers: call.body === undefined ? {} : { 'Content-Type': 'application/json' },
		safeToRepeat: call.safeToRepeat,
		itemIndex: call.itemIndex,
	});
}
