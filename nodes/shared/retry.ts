import { DateTime } from 'luxon';
import { sleep } from 'n8n-workflow';

import { toFiniteNumber } from './validation';

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30000,
	maxTotalWaitMs: 120000,
});

/**
 * Thrown by an attempt to say "this may be retried"; when retrying stops,
 * `finalError` is what the caller gets. `retryAfterMs` is the server's own wait hint.
 */
export class RetryableFailure extends Error {
	constructor(
		readonly finalError: Error,
		readonly retryAfterMs?: number,
	) {
		super(finalError.message);
		this.name = 'RetryableFailure';
	}
}

export interface RetryDeps {
	wait?: (ms: number) => Promise<void>;
	random?: () => number;
}

function resolvePolicy(policy: Partial<RetryPolicy>): RetryPolicy {
	const pick = (key: keyof RetryPolicy): number => {
		const value = policy[key];
		return typeof value === 'number' && Number.isFinite(value) && value >= 0
			? value
			: DEFAULT_RETRY_POLICY[key];
	};
	return {
		maxAttempts: Math.max(1, Math.floor(pick('maxAttempts'))),
		baseDelayMs: pick('baseDelayMs'),
		maxDelayMs: pick('maxDelayMs'),
		maxTotalWaitMs: pick('maxTotalWaitMs'),
	};
}

/** Full-jitter exponential backoff for the wait after attempt `attemptNumber` failed. */
export function backoffDelayMs(policy: RetryPolicy, attemptNumber: number, random: number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
	const fraction = Math.min(Math.max(random, 0), 1);
	return Math.floor(fraction * ceiling);
}

/**
 * Runs `attempt` (numbered from 1) until it succeeds, throws something other than a
 * RetryableFailure (propagated at once), or retrying must stop: attempts used up, or
 * the next wait would take the total waiting past maxTotalWaitMs. A server's
 * Retry-After wait is used exactly, never shortened. Giving up throws `finalError`.
 */
export async function withRetry<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	policy: Partial<RetryPolicy> = {},
	deps: RetryDeps = {},
): Promise<T> {
	const settings = resolvePolicy(policy);
	const wait = deps.wait ?? sleep;
	const random = deps.random ?? Math.random;
	let totalWaitMs = 0;
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await settle(() => attempt(attemptNumber));
		if (outcome.ok) return outcome.value;
		const failure = outcome.error;
		if (!(failure instanceof RetryableFailure)) throw failure;
		if (attemptNumber >= settings.maxAttempts) throw failure.finalError;
		const hinted = failure.retryAfterMs;
		const delayMs =
			typeof hinted === 'number' && Number.isFinite(hinted)
				? Math.max(0, Math.ceil(hinted))
				: backoffDelayMs(settings, attemptNumber, random());
		if (totalWaitMs + delayMs > settings.maxTotalWaitMs) throw failure.finalError;
		totalWaitMs += delayMs;
		await wait(delayMs);
	}
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `run`, turning a throw (synchronous or not) into a value. */
async function settle<T>(run: () => Promise<T>): Promise<Outcome<T>> {
	return Promise.resolve()
		.then(run)
		.then(
			(value): Outcome<T> => ({ ok: true, value }),
			(error: unknown): Outcome<T> => ({ ok: false, error }),
		);
}

/**
 * Reads a Retry-After header: delay-seconds ("120") or an HTTP date.
 * Returns milliseconds to wait (>= 0), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, nowMs: number = Date.now()): number | undefined {
	const first = Array.isArray(value) ? (value as unknown[])[0] : value;
	if (typeof first !== 'string' && typeof first !== 'number') return undefined;
	const text = String(first).trim();
	if (text === '') return undefined;
	const seconds = toFiniteNumber(text);
	if (seconds !== null) return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
	const date = DateTime.fromHTTP(text);
	if (!date.isValid) return undefined;
	return Math.max(0, date.toMillis() - nowMs);
}

/**
 * Why a request failed, as far as retrying is concerned:
 * - rateLimited: HTTP 429
 * - serverError: HTTP 5xx (the request may have been processed)
 * - networkError: connection broke after the request may have been sent
 * - notSent: the request never reached the server (connection refused, DNS hiccup)
 * - authentication: HTTP 401/403
 * - permanent: anything that will fail the same way again
 */
export type FailureKind =
	| 'rateLimited'
	| 'serverError'
	| 'networkError'
	| 'notSent'
	| 'authentication'
	| 'permanent';

/**
 * `safeToRepeat` is false for requests with side effects (e.g. sending an engine-stop
 * command): after a 5xx or a broken connection they may already have been carried out.
 */
export function isRetryable(kind: FailureKind, safeToRepeat: boolean): boolean {
	switch (kind) {
		case 'rateLimited':
		case 'notSent':
			return true;
		case 'serverError':
		case 'networkError':
			return safeToRepeat;
		default:
			return false;
	}
}

export function classifyHttpStatus(status: number): FailureKind | undefined {
	if (!Number.isInteger(status) || status < 400) return undefined;
	if (status === 429) return 'rateLimited';
	if (status === 401 || status === 403) return 'authentication';
	if (status >= 500 && status <= 599) return 'serverError';
	return 'permanent';
}

const CODE_KINDS: Readonly<Record<string, FailureKind>> = {
	ECONNRESET: 'networkError',
	ETIMEDOUT: 'networkError',
	EPIPE: 'networkError',
	ESOCKETTIMEDOUT: 'networkError',
	ECONNABORTED: 'networkError',
	UND_ERR_SOCKET: 'networkError',
	UND_ERR_HEADERS_TIMEOUT: 'networkError',
	UND_ERR_BODY_TIMEOUT: 'networkError',
	ECONNREFUSED: 'notSent',
	EAI_AGAIN: 'notSent',
	EHOSTUNREACH: 'notSent',
	ENETUNREACH: 'notSent',
	UND_ERR_CONNECT_TIMEOUT: 'notSent',
	ENOTFOUND: 'permanent',
};

const MESSAGE_PATTERNS: ReadonlyArray<[RegExp, FailureKind]> = [
	...Object.entries(CODE_KINDS).map(([code, kind]): [RegExp, FailureKind] => [
		new RegExp(`\\b${code}\\b`, 'i'),
		kind,
	]),
	[/socket hang up/i, 'networkError'],
];

const MAX_CHAIN_DEPTH = 5;
const NESTED_KEYS = ['cause', 'errorResponse', 'reason', 'error'];

/** The error and the objects nested in it (cause chain and similar), outermost first. */
function errorChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	const seen = new Set<unknown>();
	let level: unknown[] = [error];
	for (let depth = 0; depth <= MAX_CHAIN_DEPTH && level.length > 0; depth++) {
		const next: unknown[] = [];
		for (const candidate of level) {
			if (typeof candidate !== 'object' || candidate === null || seen.has(candidate)) continue;
			seen.add(candidate);
			const record = candidate as Record<string, unknown>;
			chain.push(record);
			for (const key of NESTED_KEYS) next.push(record[key]);
		}
		level = next;
	}
	return chain;
}

function httpStatusOf(record: Record<string, unknown>): number | undefined {
	const response = record.response;
	const candidates = [
		typeof response === 'object' && response !== null
			? ((response as Record<string, unknown>).status ??
				(response as Record<string, unknown>).statusCode)
			: undefined,
		record.httpCode,
		record.statusCode,
		record.status,
	];
	for (const candidate of candidates) {
		const status = toFiniteNumber(candidate);
		if (status !== null && Number.isInteger(status) && status >= 100 && status <= 599)
			return status;
	}
	return undefined;
}

function codesOf(record: Record<string, unknown>): string[] {
	return [record.code, record.errno, record.httpCode]
		.filter((value): value is string => typeof value === 'string')
		.map((value) => value.toUpperCase());
}

function messagesOf(record: Record<string, unknown>): string[] {
	const texts = [record.message, ...(Array.isArray(record.messages) ? record.messages : [])];
	return texts.filter((text): text is string => typeof text === 'string');
}

/**
 * Classifies a thrown error. An HTTP status anywhere in the chain wins (the server did
 * answer); then error codes (`code`, `errno`); then codes or "socket hang up" in messages.
 */
export function classifyThrownError(error: unknown): FailureKind {
	const chain = typeof error === 'string' ? [{ message: error }] : errorChain(error);
	for (const record of chain) {
		const status = httpStatusOf(record);
		const kind = status === undefined ? undefined : classifyHttpStatus(status);
		if (kind) return kind;
	}
	for (const record of chain) {
		for (const code of codesOf(record)) {
			if (Object.prototype.hasOwnProperty.call(CODE_KINDS, code)) return CODE_KINDS[code];
		}
	}
	for (const record of chain) {
		for (const text of messagesOf(record)) {
			const match = MESSAGE_PATTERNS.find(([pattern]) => pattern.test(text));
			if (match) return match[1];
		}
	}
	return 'permanent';
}
