import * as shared from '../../../nodes/shared';

describe('nodes/shared index', () => {
	it.each([
		'invalidValue',
		'parseIdList',
		'parseDateTimeInput',
		'formatTime',
		'withRetry',
		'RetryableFailure',
		'classifyThrownError',
		'runBatched',
		'collectByTimeCursor',
		'advanceCursor',
		'normalizeLocation',
		'summarizeTrack',
		'providerApiError',
		'redactSecrets',
	])('re-exports %s', (name) => {
		expect(typeof (shared as Record<string, unknown>)[name]).toBe('function');
	});

	it('re-exports the default retry policy', () => {
		expect(shared.DEFAULT_RETRY_POLICY).toEqual({
			maxAttempts: 5,
			baseDelayMs: 500,
			maxDelayMs: 30000,
			maxTotalWaitMs: 120000,
		});
	});
});
