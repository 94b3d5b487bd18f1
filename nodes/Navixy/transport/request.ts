import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	providerRequest,
	type HttpAnswer,
	type ProviderContext,
	type ProviderTransport,
	type Verdict,
} from '../../shared/request';
import { classifyHttpStatus } from '../../shared/retry';
import type { SharedTokenFields } from '../../shared/sharedToken';
import { NAVIXY_ERRORS, RATE_LIMIT_CODE, RETRY_IF_SAFE_CODES, SESSION_GONE_CODES } from './errorCodes';

export const CREDENTIAL_TYPE = 'navixyApi';

/** The credential fields of the session hash shared by every execution (login-and-password credentials). */
export const NAVIXY_TOKEN_FIELDS: SharedTokenFields = { token: 'sessionHash', wait: 'loginWaitSeconds' };

/** What the hidden session field holds for an API-key credential, which needs no session. */
export const API_KEY_SESSION = 'api-key';

export const API_URLS = {
	eu: 'https://api.eu.navixy.com/v2',
	us: 'https://api.us.navixy.com/v2',
} as const;

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const chosen = String(credentials.apiUrl ?? API_URLS.eu);
	const url = chosen === 'custom' ? String(credentials.customUrl ?? '') : chosen;
	return url.trim().replace(/\/+$/, '');
}

export const usesPassword = (credentials: ICredentialDataDecryptedObject) => credentials.authentication === 'password';

/** A Navixy answer: `success` true with the action's fields, or false with `status` and maybe `errors`. */
export interface NavixyAnswer extends IDataObject {
	success: boolean;
}

interface FailureBody {
	success?: boolean;
	status?: { code?: unknown; description?: unknown };
	errors?: Array<{ parameter?: unknown; error?: unknown }>;
}

function failureOf(body: unknown): { code: number; message?: string } | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const failure = body as FailureBody;
	if (failure.success !== false) return undefined;
	const code = Number(failure.status?.code);
	if (!Number.isFinite(code)) return undefined;
	const parts = [typeof failure.status?.description === 'string' ? failure.status.description : undefined];
	for (const entry of failure.errors ?? []) parts.push(`${String(entry.parameter)}: ${String(entry.error)}`);
	// 203 (cannot delete: still linked) names the linked entities in root fields `rules` or `vehicles`.
	for (const linked of ['rules', 'vehicles'] as const) {
		const ids = (body as IDataObject)[linked];
		if (Array.isArray(ids) && ids.length > 0) parts.push(`linked ${linked}: ${ids.map(String).join(', ')}`);
	}
	const message = parts.filter(Boolean).join('; ');
	return { code, message: message === '' ? undefined : message };
}

/**
 * How Navixy's answers read: `{success: true, ...}` is data; `{success: false, status: {code}}` an error
 * whose HTTP status follows the code. 3 (wrong session hash) and 4 (session ended, or API key not found)
 * mean the session is gone: with a login-and-password credential one new login and one resend. 15 (HTTP
 * 429) is the rate limit, retried with backoff; 1, 6, 8, 14 and HTTP 5xx are retried when the action is
 * safe to repeat; any other code is an error naming the code and its documented meaning.
 */
export function interpretNavixyAnswer(answer: HttpAnswer): Verdict<NavixyAnswer> {
	const body = answer.body;
	const failure = failureOf(body);
	const httpKind = classifyHttpStatus(answer.status);
	if (failure !== undefined) {
		const { code, message } = failure;
		if (SESSION_GONE_CODES.has(code)) return { kind: 'tokenRejected', code, providerMessage: message };
		if (code === RATE_LIMIT_CODE || httpKind === 'rateLimited') return { kind: 'rateLimited', code, providerMessage: message };
		const retry = RETRY_IF_SAFE_CODES.has(code) || httpKind === 'serverError' ? 'ifSafe' : 'never';
		return { kind: 'failed', code, providerMessage: message, retry };
	}
	if (httpKind === 'rateLimited') return { kind: 'rateLimited' };
	if (httpKind !== undefined) return { kind: 'failed', retry: httpKind === 'serverError' ? 'ifSafe' : 'never' };
	if (typeof body !== 'object' || body === null || (body as IDataObject).success !== true) {
		return {
			kind: 'failed',
			message: 'Navixy answered with something that is not an API v2 response',
			description: 'Expected JSON like {"success": true, ...}. Check the API URL of the credential.',
			retry: 'ifSafe',
		};
	}
	return { kind: 'ok', value: body as NavixyAnswer };
}

const NAVIXY_TRANSPORT: ProviderTransport<NavixyAnswer> = {
	provider: 'Navixy',
	credentialType: CREDENTIAL_TYPE,
	errors: NAVIXY_ERRORS,
	retryPolicy: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10000, maxTotalWaitMs: 60000 },
	sharedToken: (credentials) => (usesPassword(credentials) ? NAVIXY_TOKEN_FIELDS : undefined),
	maxRequestsPerSecond: 50,
	secretParameters: ['hash', 'password', 'api_key', 'activation_code', 'apn_password'],
	credentialSecrets: (credentials) => [
		credentials.apiKey as string | undefined,
		credentials.password as string | undefined,
		credentials.sessionHash as string | undefined,
	],
	baseUrl: baseUrlOf,
	interpret: interpretNavixyAnswer,
	notRepeatedNote:
		'It was not sent again automatically: Navixy may already have carried it out. Check in Navixy before trying again.',
	loginRefusedHint: 'Check the login and password of the Navixy credential.',
};

export interface NavixyCall {
	/** The action's path, e.g. 'tracker/get_states'. */
	action: string;
	params?: IDataObject;
	/** Reads are safe to repeat; actions that change something are not unless they say so. */
	safeToRepeat: boolean;
	itemIndex?: number;
	secrets?: string[];
}

/** One API action: POST <base>/<action> with a JSON body, dates asked for as ISO 8601 with offset. */
export async function navixyRequest(context: ProviderContext, call: NavixyCall): Promise<NavixyAnswer> {
	return await providerRequest(context, NAVIXY_TRANSPORT, {
		method: 'POST',
		path: `/${call.action}`,
		body: call.params ?? {},
		headers: { 'NVX-ISO-DateTime': 'true' },
		safeToRepeat: call.safeToRepeat,
		itemIndex: call.itemIndex,
		secrets: call.secrets,
	});
}
