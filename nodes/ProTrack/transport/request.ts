import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	providerRequest,
	type HttpAnswer,
	type ProviderCall,
	type ProviderContext,
	type ProviderTransport,
	type Verdict,
} from '../../shared/request';
import { classifyHttpStatus } from '../../shared/retry';
import type { SharedTokenFields } from '../../shared/sharedToken';
import {
	NO_DATA_CODE,
	PROTRACK_ERRORS,
	RATE_LIMIT_CODE,
	RETRY_IF_SAFE_CODES,
	TOKEN_GONE_CODES,
} from './errorCodes';

export const CREDENTIAL_TYPE = 'proTrackApi';

/** The credential fields of ProTrack's shared access token. */
export const PROTRACK_TOKEN_FIELDS: SharedTokenFields = { token: 'accessToken', wait: 'loginWaitSeconds' };

/** An Open API answer: `code` 0 is success; `record` holds the data. */
export interface ProTrackEnvelope {
	code: number;
	message?: string;
	record?: unknown;
}

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
}

function asEnvelope(body: unknown): ProTrackEnvelope | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const code = Number((body as IDataObject).code);
	if (!Number.isFinite(code)) return undefined;
	return body as ProTrackEnvelope;
}

/**
 * How ProTrack's answers read. The Open API answers HTTP 200 with `{code, message, record}`:
 * - the token is gone: HTTP 401, or codes 10002 (login timeout), 10003 (not logged in yet) and
 *   10010-10012 (token missing, invalid, out of date): one new login and one resend;
 * - rate limited: HTTP 429 or code 10009, retried with backoff;
 * - 10000 "System error" and HTTP 5xx: retried when the request is safe to repeat;
 * - "No data" (20023) from a list or history endpoint is an empty answer;
 * - any other non-zero code is an error naming the code and its documented meaning.
 */
export function interpretProTrackAnswer(answer: HttpAnswer, call: ProviderCall): Verdict<ProTrackEnvelope> {
	const envelope = asEnvelope(answer.body);
	const code = envelope === undefined ? undefined : Number(envelope.code);
	const providerMessage = typeof envelope?.message === 'string' ? envelope.message : undefined;
	const httpKind = classifyHttpStatus(answer.status);
	if (answer.status === 401 || (code !== undefined && TOKEN_GONE_CODES.has(code))) {
		return { kind: 'tokenRejected', code: code === 0 ? undefined : code, providerMessage };
	}
	if (httpKind === 'rateLimited' || code === RATE_LIMIT_CODE) {
		return { kind: 'rateLimited', code: code === 0 ? undefined : code, providerMessage };
	}
	const codeIfAny = code === undefined || code === 0 ? undefined : code;
	if (httpKind !== undefined) {
		return { kind: 'failed', code: codeIfAny, providerMessage, retry: httpKind === 'serverError' ? 'ifSafe' : 'never' };
	}
	if (envelope === undefined) {
		return {
			kind: 'failed',
			message: 'ProTrack answered with something that is not an Open API response',
			description: `Expected JSON like {"code":0,...} from ${call.path}. Check the Base URL of the credential.`,
			retry: 'ifSafe',
		};
	}
	if (code === NO_DATA_CODE && call.noDataIsEmpty === true) {
		return { kind: 'ok', value: { code: 0, message: envelope.message } };
	}
	if (code !== 0) {
		return { kind: 'failed', code, providerMessage, retry: RETRY_IF_SAFE_CODES.has(code as number) ? 'ifSafe' : 'never' };
	}
	return { kind: 'ok', value: envelope };
}

const PROTRACK_TRANSPORT: ProviderTransport<ProTrackEnvelope> = {
	provider: 'ProTrack',
	credentialType: CREDENTIAL_TYPE,
	errors: PROTRACK_ERRORS,
	retryPolicy: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 20000, maxTotalWaitMs: 60000 },
	sharedToken: () => PROTRACK_TOKEN_FIELDS,
	secretParameters: ['access_token', 'password', 'signature'],
	credentialSecrets: (credentials) => [
		credentials.password as string | undefined,
		credentials.accessToken as string | undefined,
	],
	baseUrl: baseUrlOf,
	interpret: interpretProTrackAnswer,
	notRepeatedNote:
		'It was not sent again automatically: ProTrack may already have carried it out. Check on the platform before trying again.',
	loginRefusedHint: 'Check the account and password of the ProTrack credential.',
};

/** One Open API call (parameters go in the query string for GET and POST alike); returns the envelope. */
export async function proTrackRequest(
	context: ProviderContext,
	call: Omit<ProviderCall, 'qs'> & { params?: IDataObject },
): Promise<ProTrackEnvelope> {
	const { params, ...rest } = call;
	return await providerRequest(context, PROTRACK_TRANSPORT, { ...rest, qs: params });
}
