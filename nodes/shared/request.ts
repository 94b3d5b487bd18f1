import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { providerApiError, redactSecrets, type ProviderErrorTable } from './errors';
import { findLoginFailure } from './loginFailure';
import { paceRequest } from './pacing';
import {
	classifyThrownError,
	isRetryable,
	parseRetryAfter,
	RetryableFailure,
	withRetry,
	type RetryPolicy,
} from './retry';
import { sendWithSharedToken, type LoginBudget, type SharedTokenFields } from './sharedToken';

/**
 * The one path every provider request takes: the credential (with its shared login token, when the
 * provider has one), `httpRequestWithAuthentication`, retries with backoff, and errors that name the
 * provider's code and keep every secret out. A provider's transport supplies only what is its own:
 * how to build the request, how its answers say "ok", "token gone", "rate limited" or "error N", and
 * which values are secret.
 */

export type ProviderContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

/** One call to a provider, as an API module describes it. */
export interface ProviderCall {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, e.g. '/api/track'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	/**
	 * Whether sending the request twice is harmless. Defaults to true for GET. A request that is not
	 * safe to repeat (a device command, creating a geofence) is retried only when the provider refused
	 * it outright (rate limit, or it never left), never after a server error or a dropped connection.
	 */
	safeToRepeat?: boolean;
	itemIndex?: number;
	/** Extra values to keep out of error messages (e.g. a password hash being set). */
	secrets?: string[];
	/** A list or history call: the provider's "no data" answer means an empty result, not an error. */
	noDataIsEmpty?: boolean;
}

/** What came back over HTTP. */
export interface HttpAnswer {
	status: number;
	headers: IDataObject;
	body: unknown;
}

/** How a provider reads one answer. */
export type Verdict<R> =
	| { kind: 'ok'; value: R }
	/** The session token is gone (expired, replaced, never valid): log in once more and resend. */
	| {
			kind: 'tokenRejected';
			code?: string | number;
			providerMessage?: string;
			/** Other credential fields to empty with the token before logging in again (see TokenRejection). */
			forget?: string[];
	  }
	| { kind: 'rateLimited'; code?: string | number; providerMessage?: string }
	| {
			kind: 'failed';
			/** The provider's error code: the message then names it and its documented meaning. */
			code?: string | number;
			providerMessage?: string;
			/** Message when there is no code, e.g. 'HTTP 502 from ProTrack'. */
			message?: string;
			description?: string;
			/** 'ifSafe': worth another try when the request is safe to repeat (server errors, "system error"). */
			retry: 'ifSafe' | 'never';
	  };

export interface ProviderTransport<R> {
	/** Display name, e.g. 'ProTrack'. */
	provider: string;
	credentialType: string;
	errors: ProviderErrorTable;
	retryPolicy: Partial<RetryPolicy>;
	/**
	 * The credential fields of a login token shared through n8n's credential store, when these
	 * credentials use one (ProTrack always; Navixy only when signing in with login and password).
	 */
	sharedToken?: (credentials: ICredentialDataDecryptedObject) => SharedTokenFields | undefined;
	/** The provider's documented request rate per user: requests are spaced to stay under it. */
	maxRequestsPerSecond?: number;
	/** Names of query parameters and JSON fields whose values never appear in an error. */
	secretParameters: readonly string[];
	/** Credential values that never appear in an error (password, token, key). */
	credentialSecrets(credentials: ICredentialDataDecryptedObject): Array<string | undefined>;
	/** The credential's base URL without a trailing slash. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	interpret(answer: HttpAnswer, call: ProviderCall): Verdict<R>;
	/**
	 * Said when a write that is not safe to repeat failed without the provider's own code (server
	 * error, dropped connection): it may have taken effect.
	 */
	notRepeatedNote: string;
	/** Said when the provider refused the login, e.g. 'Check the account and password of the ProTrack credential.' */
	loginRefusedHint: string;
}

const safeToRepeatOf = (call: ProviderCall) => call.safeToRepeat ?? call.method === 'GET';

/** Sends one call and returns what the provider's `interpret` made of a successful answer. */
export async function providerRequest<R>(
	context: ProviderContext,
	transport: ProviderTransport<R>,
	call: ProviderCall,
): Promise<R> {
	const budget: LoginBudget = { logins: 0 };
	const readStored = async () => await context.getCredentials(transport.credentialType);
	return await withRetry(async () => {
		const sendOnce = async (credentials: ICredentialDataDecryptedObject) => {
			const answer = await send(context, transport, call, credentials);
			return { answer, verdict: transport.interpret(answer, call) };
		};
		const rejectionOf = ({ verdict }: { verdict: Verdict<R> }) =>
			verdict.kind === 'tokenRejected' ? { forget: verdict.forget } : undefined;
		const stored = await readStored();
		const tokenFields = transport.sharedToken?.(stored);
		// The token loop's first read is the one just made.
		let unread: ICredentialDataDecryptedObject | undefined = stored;
		const readAgain = async () => {
			const first = unread;
			unread = undefined;
			return first ?? (await readStored());
		};
		const { credentials, attempt } = tokenFields
			? await sendWithSharedToken(tokenFields, readAgain, sendOnce, rejectionOf, budget)
			: { credentials: stored, attempt: await sendOnce(stored) };
		return settle(context, transport, call, attempt, credentials);
	}, transport.retryPolicy);
}

async function send<R>(
	context: ProviderContext,
	transport: ProviderTransport<R>,
	call: ProviderCall,
	credentials: ICredentialDataDecryptedObject,
): Promise<HttpAnswer> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${transport.baseUrl(credentials)}${call.path}`,
		qs: { ...(call.qs ?? {}) },
		headers: { ...(call.headers ?? {}) },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (call.body !== undefined) options.body = call.body;
	const nodeCredential = context.getNode().credentials?.[transport.credentialType];
	if (transport.maxRequestsPerSecond !== undefined) {
		const key = `${transport.credentialType} ${nodeCredential?.id ?? ''} ${transport.baseUrl(credentials)}`;
		await paceRequest(key, transport.maxRequestsPerSecond);
	}
	try {
		// Passing the credentials this request should use makes n8n run preAuthentication when their
		// token is empty, and store the token it returns for every other execution and worker.
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			transport.credentialType,
			options,
			{
				credentialsDecrypted: {
					id: nodeCredential?.id ?? '',
					name: nodeCredential?.name ?? transport.credentialType,
					type: transport.credentialType,
					data: credentials,
				},
			},
		)) as IN8nHttpFullResponse;
		return { status: response.statusCode, headers: (response.headers ?? {}) as IDataObject, body: response.body };
	} catch (error) {
		throw thrownFailure(context, transport, call, error, credentials);
	}
}

function secretsOf<R>(transport: ProviderTransport<R>, call: ProviderCall, credentials: ICredentialDataDecryptedObject) {
	return [...transport.credentialSecrets(credentials), ...(call.secrets ?? [])];
}

/** The value of an accepted answer, or the error (retryable or not) a refused one deserves. */
function settle<R>(
	context: ProviderContext,
	transport: ProviderTransport<R>,
	call: ProviderCall,
	attempt: { answer: HttpAnswer; verdict: Verdict<R> },
	credentials: ICredentialDataDecryptedObject,
): R {
	const { answer, verdict } = attempt;
	const redact = (text: string | undefined) =>
		text === undefined ? undefined : redactSecrets(text, secretsOf(transport, call, credentials), transport.secretParameters);
	const codeOrMessage = (code: string | number | undefined, providerMessage: string | undefined, message: string, description?: string) =>
		code !== undefined
			? withNote(
					providerApiError(context.getNode(), transport.errors, code, {
						providerMessage: redact(providerMessage),
						httpCode: answer.status >= 200 && answer.status < 300 ? undefined : answer.status,
						itemIndex: call.itemIndex,
						operation: `${call.method} ${call.path}`,
					}),
					redact(description),
				)
			: new NodeApiError(context.getNode(), { path: call.path, httpCode: String(answer.status) } as JsonObject, {
					message,
					description: redact(description),
					httpCode: String(answer.status),
					itemIndex: call.itemIndex,
				});

	switch (verdict.kind) {
		case 'ok':
			return verdict.value;
		case 'tokenRejected':
			throw codeOrMessage(
				verdict.code,
				verdict.providerMessage,
				`${transport.provider} still rejected the session token after logging in again`,
				'Another client may be logging in with the same account at the same time.',
			);
		case 'rateLimited':
			throw new RetryableFailure(
				codeOrMessage(verdict.code, verdict.providerMessage, `${transport.provider} asked to slow down`),
				parseRetryAfter(answer.headers['retry-after']),
			);
		case 'failed': {
			const error = codeOrMessage(
				verdict.code,
				verdict.providerMessage,
				verdict.message ?? `HTTP ${answer.status} from ${transport.provider}`,
				verdict.description,
			);
			const safe = safeToRepeatOf(call);
			if (verdict.retry === 'ifSafe' && safe) throw new RetryableFailure(error);
			if (verdict.retry === 'ifSafe' && verdict.code === undefined) addNote(error, transport.notRepeatedNote);
			throw error;
		}
	}
}

function addNote(error: NodeApiError, note: string): void {
	error.description = error.description ? `${error.description.replace(/\.$/, '')}. ${note}` : note;
}

/** The error with a provider's hint (e.g. what to check next) after its description, when there is one. */
function withNote(error: NodeApiError, note: string | undefined): NodeApiError {
	if (note !== undefined && note !== '') addNote(error, note);
	return error;
}

/**
 * A request that threw: the connection failed, or the login that n8n ran first did. Only a login the
 * provider refused (wrong account or password) blames the credential and is final; a login that was
 * rate limited or met a server error is retried like any other request, and so is a connection that
 * failed before the request left. The message keeps no secrets.
 */
function thrownFailure<R>(
	context: ProviderContext,
	transport: ProviderTransport<R>,
	call: ProviderCall,
	error: unknown,
	credentials: ICredentialDataDecryptedObject,
): Error {
	const redact = (text: string) => redactSecrets(text, secretsOf(transport, call, credentials), transport.secretParameters);
	const login = findLoginFailure(error);
	if (login !== undefined) {
		const wrapped = new NodeApiError(context.getNode(), { path: call.path } as JsonObject, {
			message: redact(login.message),
			description: login.refused
				? transport.loginRefusedHint
				: `The login to ${transport.provider} did not go through (tried again with backoff).`,
			itemIndex: call.itemIndex,
		});
		wrapped.message = redact(login.message);
		if (login.refused) return wrapped;
		return new RetryableFailure(wrapped, login.retryAfterMs);
	}
	const message = redact(error instanceof Error ? error.message : String(error));
	const wrapped = new NodeApiError(context.getNode(), { path: call.path } as JsonObject, {
		message: `Could not reach ${transport.provider}: ${message}`,
		description: `Request ${call.method} ${call.path} to ${transport.baseUrl(credentials)}`,
		itemIndex: call.itemIndex,
	});
	wrapped.message = `Could not reach ${transport.provider}: ${message}`;
	const kind = classifyThrownError(error);
	if (isRetryable(kind, safeToRepeatOf(call))) return new RetryableFailure(wrapped);
	if (kind === 'networkError' || kind === 'serverError') addNote(wrapped, transport.notRepeatedNote);
	return wrapped;
}
