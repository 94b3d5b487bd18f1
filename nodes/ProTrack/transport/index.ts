import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { providerApiError, redactSecrets } from '../../shared/errors';
import {
	classifyHttpStatus,
	classifyThrownError,
	isRetryable,
	parseRetryAfter,
	RetryableFailure,
	withRetry,
	type RetryPolicy,
} from '../../shared/retry';
import {
	NO_DATA_CODE,
	NO_DATA_MEANS_EMPTY,
	PROTRACK_ERRORS,
	RATE_LIMIT_CODE,
	TOKEN_REJECTED_CODES,
} from '../helpers/errorCodes';
import { baseUrlOf } from './authorization';
import { sendWithSharedToken, type LoginBudget } from './token';

export const CREDENTIAL_TYPE = 'proTrackApi';

export type ProTrackContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ProTrackCall {
	method: 'GET' | 'POST';
	/** Path below the base URL, e.g. '/api/track'. */
	path: string;
	/** Parameters; the Open API takes them in the query string for GET and POST alike. */
	params?: IDataObject;
	/**
	 * Whether sending the request twice is harmless. Defaults to true for GET. A request that is not
	 * safe to repeat (a device command) is retried only when the API refused it outright
	 * (rate limit), never after a server error or a dropped connection.
	 */
	safeToRepeat?: boolean;
	itemIndex?: number;
	/** Extra secrets to keep out of error messages (e.g. a password hash being set). */
	secrets?: string[];
}

export interface ProTrackEnvelope {
	code: number;
	message?: string;
	record?: unknown;
}

export const PROTRACK_RETRY_POLICY: Partial<RetryPolicy> = {
	maxAttempts: 5,
	baseDelayMs: 1000,
	maxDelayMs: 20000,
	maxTotalWaitMs: 60000,
};

interface Attempt {
	status: number;
	headers: IDataObject;
	envelope?: ProTrackEnvelope;
}

/**
 * Sends one Open API call and returns its envelope when `code` is 0.
 *
 * - The access token comes from the credential (n8n runs its preAuthentication when the stored token
 *   is empty and stores the new one, so every execution and worker shares it). A credential without a
 *   token first waits a moment for another execution's login (see token.ts).
 * - When the API says the token is gone (codes 10010-10012 in an HTTP 200 body, or HTTP 401) the call
 *   is sent again with a fresh token, preferring a token another execution stored meanwhile and logging
 *   in at most twice (see token.ts). A rejection after that is an error, not a loop.
 * - Rate limits (HTTP 429, code 10009), server errors and dropped connections are retried with
 *   backoff as far as the request is safe to repeat.
 * - "No data" (20023) from a list or history endpoint is an empty answer.
 * - Any other non-zero code becomes a NodeApiError naming the code and its documented meaning.
 */
export async function proTrackRequest(
	this: ProTrackContext,
	call: ProTrackCall,
): Promise<ProTrackEnvelope> {
	const safeToRepeat = call.safeToRepeat ?? call.method === 'GET';
	const budget: LoginBudget = { logins: 0 };

	return await withRetry(async () => {
		const { credentials, attempt } = await sendWithSharedToken(
			async () => await this.getCredentials(CREDENTIAL_TYPE),
			async (candidate) => await send(this, call, candidate),
			isTokenRejected,
			budget,
		);
		if (isTokenRejected(attempt)) {
			throw failure(this, call, attempt, 'The access token was still rejected after logging in', credentials);
		}
		return judge(this, call, attempt, safeToRepeat, credentials);
	}, PROTRACK_RETRY_POLICY);
}

async function send(
	context: ProTrackContext,
	call: ProTrackCall,
	credentials: ICredentialDataDecryptedObject,
): Promise<Attempt> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrlOf(credentials)}${call.path}`,
		qs: { ...(call.params ?? {}) },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const node = context.getNode();
	const nodeCredential = node.credentials?.[CREDENTIAL_TYPE];
	let response: IN8nHttpFullResponse | undefined;
	let failure: Error | undefined;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
			{
				credentialsDecrypted: {
					id: nodeCredential?.id ?? '',
					name: nodeCredential?.name ?? CREDENTIAL_TYPE,
					type: CREDENTIAL_TYPE,
					data: credentials,
				},
			},
		)) as IN8nHttpFullResponse;
	} catch (error) {
		failure = thrownFailure(context, call, error, credentials);
	}
	if (response === undefined) throw failure;
	return {
		status: response.statusCode,
		headers: (response.headers ?? {}) as IDataObject,
		envelope: asEnvelope(response.body),
	};
}

/** What must never appear in an error: the credential's password and token, and the call's own secrets. */
function secretsOf(call: ProTrackCall, credentials: ICredentialDataDecryptedObject): Array<string | undefined> {
	return [
		credentials.password as string | undefined,
		credentials.accessToken as string | undefined,
		...(call.secrets ?? []),
	];
}

/** A provider error for a non-zero code; the provider's own message is kept, minus any secret. */
function codeError(
	context: ProTrackContext,
	call: ProTrackCall,
	attempt: Attempt,
	credentials: ICredentialDataDecryptedObject,
): NodeApiError {
	const envelope = attempt.envelope as ProTrackEnvelope;
	const providerMessage =
		typeof envelope.message === 'string' ? redactSecrets(envelope.message, secretsOf(call, credentials)) : undefined;
	return providerApiError(context.getNode(), PROTRACK_ERRORS, envelope.code, {
		providerMessage,
		httpCode: attempt.status === 200 ? undefined : attempt.status,
		itemIndex: call.itemIndex,
		operation: call.path,
	});
}

function asEnvelope(body: unknown): ProTrackEnvelope | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const code = Number((body as IDataObject).code);
	if (!Number.isFinite(code)) return undefined;
	return body as ProTrackEnvelope;
}

function isTokenRejected(attempt: Attempt): boolean {
	if (attempt.status === 401) return true;
	return attempt.envelope !== undefined && TOKEN_REJECTED_CODES.has(Number(attempt.envelope.code));
}

function judge(
	context: ProTrackContext,
	call: ProTrackCall,
	attempt: Attempt,
	safeToRepeat: boolean,
	credentials: ICredentialDataDecryptedObject,
): ProTrackEnvelope {
	const { envelope, status } = attempt;
	const httpKind = classifyHttpStatus(status);
	const rateLimited =
		httpKind === 'rateLimited' || Number(envelope?.code) === RATE_LIMIT_CODE;
	if (rateLimited) {
		throw new RetryableFailure(
			failure(context, call, attempt, 'ProTrack asked to slow down', credentials),
			parseRetryAfter(attempt.headers['retry-after']),
		);
	}
	if (httpKind !== undefined) {
		const error = failure(context, call, attempt, `HTTP ${status} from ProTrack`, credentials);
		if (isRetryable(httpKind, safeToRepeat)) throw new RetryableFailure(error);
		throw error;
	}
	if (envelope === undefined) {
		const error = new NodeApiError(
			context.getNode(),
			{ path: call.path, httpCode: String(status) } as JsonObject,
			{
				message: 'ProTrack answered with something that is not an Open API response',
				description: `Expected JSON like {"code":0,...} from ${call.path}. Check the Base URL of the credential (${redactSecrets(baseUrlOf(credentials), [])}).`,
				itemIndex: call.itemIndex,
			},
		);
		if (isRetryable('serverError', safeToRepeat)) throw new RetryableFailure(error);
		throw error;
	}
	if (Number(envelope.code) === NO_DATA_CODE && NO_DATA_MEANS_EMPTY.has(call.path)) {
		return { code: 0, message: envelope.message };
	}
	if (Number(envelope.code) !== 0) throw codeError(context, call, attempt, credentials);
	return envelope;
}

function failure(
	context: ProTrackContext,
	call: ProTrackCall,
	attempt: Attempt,
	fallback: string,
	credentials: ICredentialDataDecryptedObject,
): NodeApiError {
	if (attempt.envelope !== undefined && Number(attempt.envelope.code) !== 0) {
		return codeError(context, call, attempt, credentials);
	}
	return new NodeApiError(
		context.getNode(),
		{ path: call.path, httpCode: String(attempt.status) } as JsonObject,
		{ message: fallback, httpCode: String(attempt.status), itemIndex: call.itemIndex },
	);
}

/**
 * A request that threw: the network failed, or the login itself did. The message keeps no secrets.
 * Network failures are retryable as far as the request is safe to repeat.
 */
function thrownFailure(
	context: ProTrackContext,
	call: ProTrackCall,
	error: unknown,
	credentials: ICredentialDataDecryptedObject,
): Error {
	const message = redactSecrets(
		error instanceof Error ? error.message : String(error),
		secretsOf(call, credentials),
	);
	const loginFailed = /ProTrack authorization failed/.test(message);
	const wrapped = new NodeApiError(context.getNode(), { path: call.path } as JsonObject, {
		message: loginFailed ? message : `Could not reach ProTrack: ${message}`,
		description: loginFailed
			? 'Check the account and password of the ProTrack credential.'
			: `Request ${call.method} ${call.path} to ${baseUrlOf(credentials)}`,
		itemIndex: call.itemIndex,
	});
	const safeToRepeat = call.safeToRepeat ?? call.method === 'GET';
	return isRetryable(classifyThrownError(error), safeToRepeat) ? new RetryableFailure(wrapped) : wrapped;
}
