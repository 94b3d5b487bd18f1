/** Splits `list` into consecutive pieces of at most `size` elements. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) {
		throw new Error(`Chunk size must be a whole number of at least 1, got ${String(size)}`);
	}
	const pieces: T[][] = [];
	for (let start = 0; start < list.length; start += size) {
		pieces.push(list.slice(start, start + size));
	}
	return pieces;
}

/** One input item asking for one key (e.g. a device ID). */
export interface KeyedRequest {
	itemIndex: number;
	key: string;
}

export interface KeyedResult<R> {
	itemIndex: number;
	key: string;
	result?: R;
	error?: Error;
}

function asError(thrown: unknown): Error {
	return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** Keys without repeats, in the order first requested. */
export function uniqueKeys(requests: readonly KeyedRequest[]): string[] {
	return Array.from(new Set(requests.map((request) => request.key)));
}

/**
 * Fetches the distinct keys of all requests in batches of at most `maxPerBatch`,
 * one batch after another (providers rate-limit), and answers every request in its
 * original order. A failed batch marks its requests with `error`; later batches still
 * run. A key the provider did not return gets neither result nor error.
 */
export async function runBatched<R>(
	requests: readonly KeyedRequest[],
	maxPerBatch: number,
	fetchBatch: (keys: string[]) => Promise<Map<string, R>>,
): Promise<Array<KeyedResult<R>>> {
	const batches = chunk(uniqueKeys(requests), maxPerBatch);
	const results = new Map<string, R>();
	const failures = new Map<string, Error>();
	for (const keys of batches) {
		try {
			const answer = await fetchBatch(keys);
			for (const key of keys) {
				if (answer.has(key)) results.set(key, answer.get(key) as R);
			}
		} catch (thrown) {
			const error = asError(thrown);
			for (const key of keys) failures.set(key, error);
		}
	}
	return requests.map(({ itemIndex, key }) => {
		const error = failures.get(key);
		if (error) return { itemIndex, key, error };
		return { itemIndex, key, result: results.get(key) };
	});
}
