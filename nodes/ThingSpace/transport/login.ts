import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { describeProviderCode } from '../../shared/errors';
import { LoginFailure } from '../../shared/loginFailure';
import { parseRetryAfter } from '../../shared/retry';
import { FAILED_LOGINS_BEFORE_LOCK, THINGSPACE_ERRORS, UWS_BAD_CREDENTIALS, UWS_LOCKED } from './errorCodes';
import { baseUrlOf, errorPartsOf } from './request';

/**
 * ThingSpace's two logins, run only by the credential's preAuthentication (n8n stores what it returns for
 * every execution and worker): the OAuth2 client-credentials grant for the bearer token, and the UWS
 * session login for the VZ-M2M token. A login refused for its credentials is final (LoginFailure with
 * refused = true: the pipeline never repeats it, since five failed UWS logins lock the user); a rate
 * limit or gateway fault is not (refused = false: retried with backoff).
 */
export const LOGIN_PATHS = {
	bearer: '/api/ts/v1/oauth2/token',
	session: '/api/m2m/v1/session/login',
} as const;

/** Default bearer lifetime when the answer does not say (the documented hour). */
const DEFAULT_BEARER_SECONDS = 3600;

export interface BearerGrant {
	token: string;
	/** Seconds the token has left. */
	expiresIn: number;
}

interface RawAnswer {
	status: number;
	body: IDataObject;
	retryAfterMs?: number;
}

async function post(
	context: IHttpRequestHelper,
	url: string,
	body: string | IDataObject,
	headers: IDataObject,
): Promise<RawAnswer> {
	const response = await context.helpers.httpRequest({
		method: 'POST',
		url,
		body,
		headers,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});
	const raw = response?.body as unknown;
	return {
		status: Number(response?.statusCode),
		body: typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as IDataObject) : {},
		retryAfterMs: parseRetryAfter((response?.headers as IDataObject | undefined)?.['retry-after']),
	};
}

const lockWarning = `Not retried: ${FAILED_LOGINS_BEFORE_LOCK} failed logins in a row lock the account.`;

/**
 * A login that did not give a token. Final (refused) when ThingSpace refused the credentials; retried
 * with backoff for a rate limit, a gateway fault, or (`retryable`) an answer that does not blame them.
 */
function failure(what: string, answer: RawAnswer, hint: string, retryable = false): LoginFailure {
	const { code, message } = errorPartsOf(answer.body);
	const detail = code !== undefined ? `${code} ${message ?? describeProviderCode(THINGSPACE_ERRORS, code)}` : `HTTP ${answer.status}`;
	if (retryable || answer.status === 429 || answer.status >= 500) {
		return new LoginFailure(`${what} failed: ${detail} (tried again with backoff)`, false, answer.retryAfterMs);
	}
	return new LoginFailure(`${what} was refused: ${detail}. ${hint}`, true);
}

/** OAuth2 client credentials: `Authorization: Basic base64(key:secret)`, form body grant_type=client_credentials. */
export async function requestBearer(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<BearerGrant> {
	const basic = Buffer.from(`${String(credentials.appKey ?? '')}:${String(credentials.appSecret ?? '')}`).toString('base64');
	const answer = await post(context, `${baseUrlOf(credentials)}${LOGIN_PATHS.bearer}`, 'grant_type=client_credentials', {
		'Content-Type': 'application/x-www-form-urlencoded',
		Authorization: `Basic ${basic}`,
	});
	const token = answer.body.access_token;
	if (answer.status === 200 && typeof token === 'string' && token !== '') {
		const seconds = Number(answer.body.expires_in);
		return { token, expiresIn: Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_BEARER_SECONDS };
	}
	throw failure(
		'ThingSpace bearer token request (application key and secret)',
		answer,
		`Check the application key and secret of the ThingSpace credential. ${lockWarning}`,
	);
}

/** UWS session login `{username, password}` with the bearer token; returns the VZ-M2M session token. */
export async function loginSession(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	bearerToken: string,
): Promise<string> {
	const answer = await post(
		context,
		`${baseUrlOf(credentials)}${LOGIN_PATHS.session}`,
		{ username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
		{ 'Content-Type': 'application/json', Authorization: `Bearer ${bearerToken}` },
	);
	const token = answer.body.sessionToken;
	if (answer.status === 200 && typeof token === 'string' && token !== '') return token;
	const what = `ThingSpace session login (UWS user "${String(credentials.username ?? '')}")`;
	const { code } = errorPartsOf(answer.body);
	if (code === UWS_LOCKED) {
		throw new LoginFailure(
			`${what} was refused: the user is locked after ${FAILED_LOGINS_BEFORE_LOCK} failed logins in a row. Only Verizon support can unlock it.`,
			true,
		);
	}
	// 401: the bearer token just issued was refused, which says nothing about the user's password.
	const retryable = answer.status === 401 && code !== UWS_BAD_CREDENTIALS;
	throw failure(what, answer, `Check the UWS user name and password of the ThingSpace credential. ${lockWarning}`, retryable);
}
