import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import {
	DEFAULT_RETRY_POLICY,
	RetryableFailure,
	backoffDelayMs,
	classifyHttpStatus,
	classifyThrownError,
	isRetryable,
	parseRetryAfter,
	withRetry,
} from '../../../nodes/shared/retry';
import type { FailureKind } from '../../../nodes/shared/retry';
import { testNode } from '../test-node';

function recorder() {
	const delays: number[] = [];
	return { delays, wait: async (ms: number) => void delays.push(ms) };
}

/** An attempt function that fails with RetryableFailure `failures` times, then returns 'ok'. */
function failingTimes(failures: number, retryAfterMs?: number) {
	const calls: number[] = [];
	const finalError = new Error('provider busy');
	const attempt = async (attemptNumber: number) => {
		calls.push(attemptNumber);
		if (calls.length <= failures) throw new RetryableFailure(finalError, retryAfterMs);
		return 'ok';
	};
	return { calls, attempt, finalError };
}

describe('withRetry', () => {
	it('returns the first success without waiting', async () => {
		const { delays, wait } = recorder();
		const { calls, attempt } = failingTimes(0);
		await expect(withRetry(attempt, {}, { wait })).resolves.toBe('ok');
		expect(calls).toEqual([1]);
		expect(delays).toEqual([]);
	});

	it('numbers attempts from 1 and uses full-jitter exponential backoff', async () => {
		const { delays, wait } = recorder();
		const { calls, attempt } = failingTimes(4);
		const result = await withRetry(
			attempt,
			{ baseDelayMs: 100, maxDelayMs: 10_000 },
			{ wait, random: () => 0.5 },
		);
		expect(result).toBe('ok');
		expect(calls).toEqual([1, 2, 3, 4, 5]);
		expect(delays).toEqual([50, 100, 200, 400]);
	});

	it('caps each backoff at maxDelayMs', async () => {
		const { delays, wait } = recorder();
		const { attempt } = failingTimes(5);
		await withRetry(
			attempt,
			{ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 3000, maxTotalWaitMs: 1e9 },
			{ wait, random: () => 0.999 },
		);
		expect(delays).toEqual([999, 1998, 2997, 2997, 2997]);
	});

	it('honours Retry-After exactly, even beyond maxDelayMs', async () => {
		const { delays, wait } = recorder();
		const { attempt } = failingTimes(2, 45_000);
		await expect(withRetry(attempt, { maxDelayMs: 1000 }, { wait, random: () => 0 })).resolves.toBe(
			'ok',
		);
		expect(delays).toEqual([45_000, 45_000]);
	});

	it('stops after maxAttempts and throws finalError', async () => {
		const { delays, wait } = recorder();
		const { calls, attempt, finalError } = failingTimes(100);
		await expect(withRetry(attempt, { maxAttempts: 3 }, { wait, random: () => 0.5 })).rejects.toBe(
			finalError,
		);
		expect(calls).toEqual([1, 2, 3]);
		expect(delays).toHaveLength(2);
	});

	it('uses the default policy of 5 attempts', async () => {
		const { delays, wait } = recorder();
		const { calls, attempt, finalError } = failingTimes(100);
		await expect(withRetry(attempt, {}, { wait, random: () => 0.5 })).rejects.toBe(finalError);
		expect(calls).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(delays).toEqual([250, 500, 1000, 2000]);
	});

	it('gives up at once when the next wait would pass maxTotalWaitMs', async () => {
		const { delays, wait } = recorder();
		const { calls, attempt, finalError } = failingTimes(100, 50_000);
		await expect(
			withRetry(attempt, { maxAttempts: 10, maxTotalWaitMs: 120_000 }, { wait }),
		).rejects.toBe(finalError);
		// 50 s + 50 s = 100 s; a third wait would reach 150 s.
		expect(delays).toEqual([50_000, 50_000]);
		expect(calls).toEqual([1, 2, 3]);
	});

	it('allows a wait that lands exactly on maxTotalWaitMs', async () => {
		const { delays, wait } = recorder();
		const { attempt } = failingTimes(2, 60_000);
		await expect(withRetry(attempt, { maxTotalWaitMs: 120_000 }, { wait })).resolves.toBe('ok');
		expect(delays).toEqual([60_000, 60_000]);
	});

	it('does not wait for a Retry-After longer than the whole budget', async () => {
		const { delays, wait } = recorder();
		const { calls, attempt, finalError } = failingTimes(1, 600_000);
		await expect(withRetry(attempt, {}, { wait })).rejects.toBe(finalError);
		expect(calls).toEqual([1]);
		expect(delays).toEqual([]);
	});

	it('propagates other errors after exactly one attempt', async () => {
		const { delays, wait } = recorder();
		const permanent = new Error('bad IMEI');
		let calls = 0;
		const attempt = async () => {
			calls++;
			throw permanent;
		};
		await expect(withRetry(attempt, {}, { wait })).rejects.toBe(permanent);
		expect(calls).toBe(1);
		expect(delays).toEqual([]);
	});

	it('treats a synchronous throw like a rejected attempt', async () => {
		const finalError = new Error('sync');
		let calls = 0;
		const attempt = (() => {
			calls++;
			throw new RetryableFailure(finalError);
		}) as unknown as () => Promise<string>;
		await expect(
			withRetry(attempt, { maxAttempts: 2 }, { wait: async () => undefined }),
		).rejects.toBe(finalError);
		expect(calls).toBe(2);
	});

	it('falls back to defaults for nonsense policy values and always tries once', async () => {
		const { calls, attempt, finalError } = failingTimes(100);
		await expect(
			withRetry(
				attempt,
				{ maxAttempts: 0, baseDelayMs: Number.NaN },
				{ wait: async () => undefined },
			),
		).rejects.toBe(finalError);
		expect(calls).toEqual([1]);
	});

	it('really waits (with n8n sleep) when no wait function is given', async () => {
		const { attempt } = failingTimes(1);
		const started = Date.now();
		await expect(withRetry(attempt, { baseDelayMs: 40 }, { random: () => 1 })).resolves.toBe('ok');
		expect(Date.now() - started).toBeGreaterThanOrEqual(35);
	});

	it('backoffDelayMs clamps the random factor', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100 };
		expect(backoffDelayMs(policy, 1, 2)).toBe(100);
		expect(backoffDelayMs(policy, 3, -1)).toBe(0);
		expect(backoffDelayMs(policy, 3, 0.25)).toBe(100);
	});
});

describe('RetryableFailure', () => {
	it('carries the final error and the wait hint', () => {
		const finalError = new Error('429 Too Many Requests');
		const failure = new RetryableFailure(finalError, 1500);
		expect(failure).toBeInstanceOf(Error);
		expect(failure.finalError).toBe(finalError);
		expect(failure.retryAfterMs).toBe(1500);
		expect(failure.message).toBe('429 Too Many Requests');
		expect(failure.name).toBe('RetryableFailure');
	});
});

describe('parseRetryAfter', () => {
	const now = Date.UTC(2015, 9, 21, 7, 28, 0);

	it.each<[unknown, number | undefined]>([
		['120', 120_000],
		[' 0 ', 0],
		[3, 3000],
		['1.5', 1500],
		[['7', '9'], 7000],
		['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
		['Wednesday, 21-Oct-15 07:29:00 GMT', 60_000],
		['Wed Oct 21 07:28:10 2015', 10_000],
		['Wed, 21 Oct 2015 07:27:00 GMT', 0],
		['-5', undefined],
		['soon', undefined],
		['', undefined],
		[undefined, undefined],
		[null, undefined],
		[[], undefined],
		[{}, undefined],
	])('%p -> %p', (value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});
});

describe('isRetryable', () => {
	it.each<[FailureKind, boolean, boolean]>([
		['rateLimited', true, true],
		['rateLimited', false, true],
		['notSent', true, true],
		['notSent', false, true],
		['serverError', true, true],
		['serverError', false, false],
		['networkError', true, true],
		['networkError', false, false],
		['authentication', true, false],
		['authentication', false, false],
		['permanent', true, false],
		['permanent', false, false],
	])('%s with safeToRepeat=%s -> %s', (kind, safe, expected) => {
		expect(isRetryable(kind, safe)).toBe(expected);
	});
});

describe('classifyHttpStatus', () => {
	it.each<[number, FailureKind | undefined]>([
		[200, undefined],
		[204, undefined],
		[302, undefined],
		[399, undefined],
		[400, 'permanent'],
		[401, 'authentication'],
		[403, 'authentication'],
		[404, 'permanent'],
		[422, 'permanent'],
		[429, 'rateLimited'],
		[500, 'serverError'],
		[502, 'serverError'],
		[503, 'serverError'],
		[504, 'serverError'],
		[507, 'serverError'],
		[Number.NaN, undefined],
	])('%p -> %p', (status, expected) => {
		expect(classifyHttpStatus(status)).toBe(expected);
	});
});

describe('classifyThrownError', () => {
	const withCode = (code: string, message = 'request failed') =>
		Object.assign(new Error(message), { code });
	/** `new Error(message, { cause })` without needing the es2022 lib typings. */
	const causedBy = (message: string, cause: unknown) =>
		Object.assign(new Error(message), { cause });

	it.each<[string, unknown, FailureKind]>([
		['code ECONNRESET', withCode('ECONNRESET'), 'networkError'],
		['code ETIMEDOUT', withCode('ETIMEDOUT'), 'networkError'],
		['code EPIPE', withCode('EPIPE'), 'networkError'],
		['code ESOCKETTIMEDOUT', withCode('ESOCKETTIMEDOUT'), 'networkError'],
		['code ECONNABORTED', withCode('ECONNABORTED'), 'networkError'],
		['code ECONNREFUSED', withCode('ECONNREFUSED'), 'notSent'],
		['code EAI_AGAIN', withCode('EAI_AGAIN'), 'notSent'],
		['code ENOTFOUND', withCode('ENOTFOUND'), 'permanent'],
		['lower-case code', withCode('econnreset'), 'networkError'],
		['errno string', Object.assign(new Error('x'), { errno: 'ECONNREFUSED' }), 'notSent'],
		['cause', causedBy('wrapped', withCode('ECONNRESET')), 'networkError'],
		['cause of cause', causedBy('outer', causedBy('middle', withCode('EAI_AGAIN'))), 'notSent'],
		['message only', new Error('connect ECONNREFUSED 127.0.0.1:443'), 'notSent'],
		['socket hang up', new Error('socket hang up'), 'networkError'],
		['Socket Hang Up in cause', causedBy('x', new Error('Socket Hang Up')), 'networkError'],
		['message getaddrinfo ENOTFOUND', new Error('getaddrinfo ENOTFOUND api.example'), 'permanent'],
		['response.status 503', { message: 'x', response: { status: 503 } }, 'serverError'],
		['response.status 429', { response: { status: 429 } }, 'rateLimited'],
		['httpCode 401 (NodeApiError style)', { httpCode: '401', message: 'x' }, 'authentication'],
		['httpCode 404', { httpCode: 404 }, 'permanent'],
		['statusCode in cause', causedBy('x', { statusCode: 502 }), 'serverError'],
		[
			'status wins over code text in body',
			{ response: { status: 502 }, message: 'ECONNREFUSED upstream' },
			'serverError',
		],
		['non-numeric httpCode holding a code', { httpCode: 'ECONNRESET' }, 'networkError'],
		[
			'NodeApiError-like messages list',
			{ message: 'The connection was closed', messages: ['read ECONNRESET'] },
			'networkError',
		],
		['errorResponse', { message: 'x', errorResponse: { code: 'ETIMEDOUT' } }, 'networkError'],
		['plain error', new Error('Invalid IMEI'), 'permanent'],
		['string', 'read ECONNRESET', 'networkError'],
		['null', null, 'permanent'],
		['undefined', undefined, 'permanent'],
		['word containing a code is not a code', new Error('XECONNRESETX'), 'permanent'],
	])('%s', (_label, error, expected) => {
		expect(classifyThrownError(error)).toBe(expected);
	});

	it('sees through an n8n NodeApiError wrapping a network error', () => {
		const node = testNode();
		const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
		const wrapped = new NodeApiError(node, reset as unknown as JsonObject);
		expect(wrapped.message).not.toContain('ECONNRESET');
		expect(classifyThrownError(wrapped)).toBe('networkError');
		const refused = new NodeApiError(node, {
			code: 'ECONNREFUSED',
			message: 'connect ECONNREFUSED',
		});
		expect(classifyThrownError(refused)).toBe('notSent');
		const busy = new NodeApiError(node, { message: 'busy' }, { httpCode: '503' });
		expect(classifyThrownError(busy)).toBe('serverError');
	});

	it('survives cyclic cause chains', () => {
		const a: Record<string, unknown> = { message: 'a' };
		const b: Record<string, unknown> = { message: 'b', cause: a };
		a.cause = b;
		expect(classifyThrownError(a)).toBe('permanent');
		b.code = 'EPIPE';
		expect(classifyThrownError(a)).toBe('networkError');
	});
});
