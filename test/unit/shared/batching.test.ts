import { sleep } from 'n8n-workflow';

import { chunk, runBatched, uniqueKeys } from '../../../nodes/shared/batching';
import type { KeyedRequest } from '../../../nodes/shared/batching';

describe('chunk', () => {
	it('splits into pieces of at most size, keeping order', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([1, 2, 3, 4], 2)).toEqual([
			[1, 2],
			[3, 4],
		]);
		expect(chunk([1, 2], 5)).toEqual([[1, 2]]);
		expect(chunk([], 3)).toEqual([]);
		expect(chunk(['a', 'b'], 1)).toEqual([['a'], ['b']]);
	});

	it.each([0, -1, 1.5, Number.NaN])('rejects size %p with a plain Error', (size) => {
		expect(() => chunk([1], size)).toThrow('Chunk size must be a whole number of at least 1');
	});
});

/** A fake provider answering "<key>:v" for each key, recording every batch it receives. */
function fakeProvider(options: { failBatch?: number; missing?: Set<string> } = {}) {
	const batches: string[][] = [];
	const fetchBatch = async (keys: string[]) => {
		batches.push([...keys]);
		if (batches.length === options.failBatch) throw new Error(`batch ${batches.length} failed`);
		return new Map(
			keys.filter((key) => !options.missing?.has(key)).map((key) => [key, `${key}:v`]),
		);
	};
	return { batches, fetchBatch };
}

describe('runBatched', () => {
	const requestsFor = (count: number): KeyedRequest[] =>
		Array.from({ length: count }, (_, index) => ({ itemIndex: index, key: `dev${index}` }));

	it('sends 250 keys as batches of 100, 100 and 50 and maps every result to its item', async () => {
		const { batches, fetchBatch } = fakeProvider();
		const requests = requestsFor(250);
		const results = await runBatched(requests, 100, fetchBatch);
		expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
		expect(batches.flat()).toEqual(requests.map((request) => request.key));
		expect(results).toHaveLength(250);
		results.forEach((result, index) => {
			expect(result).toEqual({ itemIndex: index, key: `dev${index}`, result: `dev${index}:v` });
		});
	});

	it('asks for each key once and gives every item asking for it the result, in input order', async () => {
		const { batches, fetchBatch } = fakeProvider();
		const requests: KeyedRequest[] = [
			{ itemIndex: 0, key: 'b' },
			{ itemIndex: 1, key: 'a' },
			{ itemIndex: 2, key: 'b' },
			{ itemIndex: 3, key: 'c' },
			{ itemIndex: 4, key: 'a' },
		];
		const results = await runBatched(requests, 2, fetchBatch);
		expect(batches).toEqual([['b', 'a'], ['c']]);
		expect(results.map((result) => [result.itemIndex, result.key, result.result])).toEqual([
			[0, 'b', 'b:v'],
			[1, 'a', 'a:v'],
			[2, 'b', 'b:v'],
			[3, 'c', 'c:v'],
			[4, 'a', 'a:v'],
		]);
	});

	it('marks only the requests of a failing middle batch and still runs later batches', async () => {
		const { batches, fetchBatch } = fakeProvider({ failBatch: 2 });
		const results = await runBatched(requestsFor(250), 100, fetchBatch);
		expect(batches).toHaveLength(3);
		results.forEach((result, index) => {
			expect(result.itemIndex).toBe(index);
			if (index >= 100 && index < 200) {
				expect(result.error?.message).toBe('batch 2 failed');
				expect(result.result).toBeUndefined();
			} else {
				expect(result.error).toBeUndefined();
				expect(result.result).toBe(`dev${index}:v`);
			}
		});
	});

	it('wraps non-Error rejections into Errors', async () => {
		const results = await runBatched([{ itemIndex: 0, key: 'x' }], 10, async () => {
			throw 'plain string';
		});
		expect(results[0].error).toBeInstanceOf(Error);
		expect(results[0].error?.message).toBe('plain string');
	});

	it('gives keys missing from the answer neither result nor error', async () => {
		const { fetchBatch } = fakeProvider({ missing: new Set(['dev1']) });
		const results = await runBatched(requestsFor(3), 100, fetchBatch);
		expect(results[1]).toEqual({ itemIndex: 1, key: 'dev1', result: undefined });
		expect(results[1].error).toBeUndefined();
		expect(results[0].result).toBe('dev0:v');
	});

	it('runs batches one after another, never in parallel', async () => {
		let running = 0;
		let maxRunning = 0;
		const fetchBatch = async (keys: string[]) => {
			running++;
			maxRunning = Math.max(maxRunning, running);
			await sleep(1);
			running--;
			return new Map(keys.map((key) => [key, key]));
		};
		await runBatched(requestsFor(50), 10, fetchBatch);
		expect(maxRunning).toBe(1);
	});

	it('does not call the provider for no requests and validates the batch size', async () => {
		const { batches, fetchBatch } = fakeProvider();
		await expect(runBatched([], 100, fetchBatch)).resolves.toEqual([]);
		expect(batches).toEqual([]);
		await expect(runBatched(requestsFor(1), 0, fetchBatch)).rejects.toThrow('Chunk size');
	});

	it('uniqueKeys keeps first-seen order', () => {
		expect(
			uniqueKeys([
				{ itemIndex: 0, key: 'z' },
				{ itemIndex: 1, key: 'y' },
				{ itemIndex: 2, key: 'z' },
			]),
		).toEqual(['z', 'y']);
	});
});
