import { randomUUID } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { ProviderErrorTable } from '../../shared/errors';
import { providerRequest, type HttpAnswer, type ProviderContext, type ProviderTransport, type Verdict } from '../../shared/request';
import { classifyHttpStatus } from '../../shared/retry';
import type { SharedTokenFields } from '../../shared/sharedToken';

export const CREDENTIAL_TYPE = 'os1MtsApi';

/**
 * The access token lives in the credential (hidden, expirable) with its expiry time, so every execution
 * and worker uses one token until OS1's `expiresIn` is nearly over or OS1 answers 401. Client-credentials
 * logins do not invalidate each other, so there is no Login Sharing Wait.
 */
export const OS1_TOKEN_FIELDS: SharedTokenFields = { token: 'accessToken', expiresAt: 'accessTokenExpiresAt' };

export const DEFAULT_MTS_PREFIX = '/core/api/v1/mts';
export const DEFAULT_AUDIENCE = 'platform:app:coreos';

/** The tenant's host without a trailing slash, e.g. https://acme.sandbox.getos1.com. */
export function tenantUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.tenantUrl ?? '').trim().replace(/\/+$/, '');
}

/** Where the MTS paths of transport/api.ts start: tenant URL + MTS prefix. */
export function mtsBaseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const prefix = String(credentials.mtsPrefix ?? DEFAULT_MTS_PREFIX).trim().replace(/\/+$/, '');
	return `${tenantUrlOf(credentials)}${prefix === '' || prefix.startsWith('/') ? prefix : `/${prefix}`}`;
}

/** Every OS1 call carries a request id of its own (retries of the same call keep it). */
export const newRequestId = () => randomUUID();

/** OS1's answer: `{data, error, request}`, with the HTTP status (201 and 202 mean different things). */
export interface Os1Answer {
	status: number;
	data: IDataObject;
}

interface Os1Failure {
	code?: string;
	description?: string;
}

function failureOf(body: unknown): Os1Failure | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const error = (body as IDataObject).error;
	if (typeof error !== 'object' || error === null || Array.isArray(error)) return undefined;
	const { code, description, message } = error as IDataObject;
	if (code === undefined && description === undefined && message === undefined) return undefined;
	const text = [description, message].find((value) => typeof value === 'string' && value !== '') as string | undefined;
	return { code: code === undefined || code === null ? undefined : String(code), description: text };
}

const CONSENT_HINT =
	'The phone has no valid consent (never given, denied, expired or revoked). Check it with Consent › Get Status, and ask again with Consent › Request.';

/** Said when an answer is about consent: where to look next. */
export function consentHintFor(status: number, failure: Os1Failure): string | undefined {
	return (status === 403 || status === 409 || status === 412) && /consent/i.test(failure.description ?? '') ? CONSENT_HINT : undefined;
}

/**
 * How OS1 answers read: 2xx with `data` is a result; 401 means the access token is no longer accepted
 * (one new token and one resend); 429 is the rate limit; any other `error` is a failure naming its
 * 12-digit code and OS1's description, retried only for 5xx on calls safe to repeat.
 */
export function interpretOs1Answer(answer: HttpAnswer): Verdict<Os1Answer> {
	const failure = failureOf(answer.body);
	const httpKind = classifyHttpStatus(answer.status);
	if (answer.status === 401) return { kind: 'tokenRejected', code: failure?.code, providerMessage: failure?.description };
	if (httpKind === 'rateLimited') return { kind: 'rateLimited', code: failure?.code, providerMessage: failure?.description };
	if (failure !== undefined && (httpKind !== undefined || failure.code !== undefined)) {
		return {
			kind: 'failed',
			code: failure.code,
			providerMessage: failure.description,
			message: `OS1 answered HTTP ${answer.status}: ${failure.description ?? 'no description'}`,
			description: consentHintFor(answer.status, failure),
			retry: httpKind === 'serverError' ? 'ifSafe' : 'never',
		};
	}
	if (httpKind !== undefined) return { kind: 'failed', retry: httpKind === 'serverError' ? 'ifSafe' : 'never' };
	const body = answer.body;
	if (typeof body !== 'object' || body === null || typeof (body as IDataObject).data !== 'object' || (body as IDataObject).data === null) {
		return {
			kind: 'failed',
			message: 'OS1 answered with something that is not an OS1 API response',
			description: 'Expected JSON like {"data": {...}}. Check the tenant URL and the MTS path prefix of the credential.',
			retry: 'ifSafe',
		};
	}
	return { kind: 'ok', value: { status: answer.status, data: (body as IDataObject).data as IDataObject } };
}

/** OS1 publishes no table of its 12-digit codes; each error explains itself in `description`. */
export const OS1_ERRORS: ProviderErrorTable = {
	provider: 'OS1',
	codes: {},
	describeUnlisted: (_code, providerMessage) => providerMessage,
};

const OS1_TRANSPORT: ProviderTransport<Os1Answer> = {
	provider: 'OS1',
	credentialType: CREDENTIAL_TYPE,
	errors: OS1_ERRORS,
	retryPolicy: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxTotalWaitMs: 30000 },
	sharedToken: () => OS1_TOKEN_FIELDS,
	secretParameters: ['clientSecret', 'accessToken', 'secret'],
	credentialSecrets: (credentials) => [
		credentials.clientSecret as string | undefined,
		credentials.accessToken as string | undefined,
		credentials.callbackSecret as string | undefined,
	],
	baseUrl: mtsBaseUrlOf,
	interpret: interpretOs1Answer,
	notRepeatedNote:
		'It was not sent again automatically: OS1 may already have carried it out. Check the track or consent status before trying again.',
	loginRefusedHint: 'Check the tenant URL, tenant ID, client ID, client secret and audience of the OS1 credential.',
};

export interface Os1Call {
	method: IHttpRequestMethods;
	/** Path below the MTS prefix, e.g. '/sim-tracks'. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Reads are safe to repeat; creating a track or asking for consent is not. */
	safeToRepeat: boolean;
	itemIndex?: number;
	/** Values never shown in an error (a callback secret being sent). */
	secrets?: string[];
}

/** One MTS call with OS1's headers; the access token and tenant id come from the credential. */
export async function os1Request(context: ProviderContext, call: Os1Call): Promise<Os1Answer> {
	return await providerRequest(context, OS1_TRANSPORT, {
		method: call.method,
		path: call.path,
		body: call.body,
		qs: call.qs,
		headers: { 'X-COREOS-REQUEST-ID': newRequestId() },
		safeToRepeat: call.safeToRepeat,
		itemIndex: call.itemIndex,
		secrets: call.secrets,
	});
}
