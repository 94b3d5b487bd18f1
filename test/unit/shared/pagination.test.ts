import {
	advanceCursor,
	collectByTimeCursor,
	newSinceCursor,
} from '../../../nodes/shared/pagination';
import type { SeenCursor } from '../../../nodes/shared/pagination';

interface Point {
	t: number;
	/** Content identity; equal ids at equal times are exact duplicates. */
	id: string;
	/** Position in the source, only to tell duplicates apart in assertions. */
	seq: number;
}

const timeOf = (point: Point) => point.t;
const identityOf = (point: Point) => `${point.t}|${point.id}`;

/** Deterministic PRNG (mulberry32) so randomized tests are repeatable. */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}

function points(spec: Array<[number, string]>): Point[] {
	return spec.map(([t, id], seq) => ({ t, id, seq }));
}

/**
 * In-memory model of the provider: up to `pageSize` records with begin <= t <= end,
 * sorted by time. With `shuffle`, records sharing a timestamp come back in a new
 * random order on every call (APIs rarely promise a stable order within a second).
 */
function fakeApi(source: readonly Point[], pageSize: number, shuffle?: () => number) {
	const calls: Array<[number, number]> = [];
	const fetchPage = async (begin: number, end: number): Promise<Point[]> => {
		calls.push([begin, end]);
		const selected = source.filter((point) => point.t >= begin && point.t <= end);
		const keyed = selected.map((point) => ({ point, tie: shuffle ? shuffle() : point.seq }));
		keyed.sort((left, right) => left.point.t - right.point.t || left.tie - right.tie);
		return keyed.slice(0, pageSize).map(({ point }) => point);
	};
	return { calls, fetchPage };
}

/** Sorted identities: equal arrays mean equal multisets. */
function multiset(list: readonly Point[]): string[] {
	return list.map(identityOf).sort();
}

function countBy(list: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const entry of list) counts.set(entry, (counts.get(entry) ?? 0) + 1);
	return counts;
}

function isSubMultiset(part: readonly string[], whole: readonly string[]): boolean {
	const available = countBy(whole);
	return Array.from(countBy(part)).every(([key, count]) => (available.get(key) ?? 0) >= count);
}

async function collect(
	source: Point[],
	pageSize: number,
	extra: { limit?: number; maxPages?: number; begin?: number; end?: number } = {},
) {
	const api = fakeApi(source, pageSize);
	const result = await collectByTimeCursor({
		begin: extra.begin ?? 0,
		end: extra.end ?? 1000,
		pageSize,
		fetchPage: api.fetchPage,
		timeOf,
		identityOf,
		limit: extra.limit,
		maxPages: extra.maxPages,
	});
	return { ...result, calls: api.calls };
}

describe('collectByTimeCursor', () => {
	it('pages through distinct times, restarting at the last time of each full page', async () => {
		const source = points(
			Array.from({ length: 10 }, (_, index): [number, string] => [index + 1, 'p']),
		);
		const result = await collect(source, 3, { begin: 1, end: 100 });
		expect(result.records).toEqual(source);
		expect(result.calls).toEqual([
			[1, 100],
			[3, 100],
			[5, 100],
			[7, 100],
			[9, 100],
		]);
		expect(result).toMatchObject({ pages: 5, truncated: false, stalls: 0 });
	});

	it('keeps every record when several share the boundary timestamp', async () => {
		const source = points([
			[1, 'a'],
			[2, 'a'],
			[3, 'a'],
			[3, 'b'],
			[3, 'c'],
			[3, 'd'],
			[4, 'a'],
			[5, 'a'],
			[6, 'a'],
		]);
		const result = await collect(source, 5);
		expect(result.records.map((point) => point.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(result.calls.map(([begin]) => begin)).toEqual([0, 3, 4]);
		expect(result.stalls).toBe(0);
	});

	it('keeps exact duplicates that straddle a page boundary', async () => {
		const source = points([
			[1, 'a'],
			[2, 'a'],
			[3, 'x'],
			[3, 'x'],
			[3, 'x'],
			[5, 'a'],
		]);
		const result = await collect(source, 4);
		expect(multiset(result.records)).toEqual(multiset(source));
		expect(result.records.filter((point) => point.id === 'x')).toHaveLength(3);
		expect(result.stalls).toBe(0);
	});

	it('moves one time unit on when a full page is all at the current time (stall) without losing records', async () => {
		const source = points([
			[1, 'a'],
			[3, 'x'],
			[3, 'x'],
			[3, 'x'],
			[4, 'a'],
		]);
		const result = await collect(source, 3);
		expect(multiset(result.records)).toEqual(multiset(source));
		expect(result.calls.map(([begin]) => begin)).toEqual([0, 3, 4]);
		expect(result.stalls).toBe(1);
	});

	it('reports a stall when more records share one timestamp than fit a page (documented loss)', async () => {
		const source = points([
			[1, 'a'],
			[2, 'a'],
			[2, 'b'],
			[2, 'c'],
			[2, 'd'],
			[2, 'e'],
			[3, 'a'],
		]);
		const result = await collect(source, 3);
		expect(result.stalls).toBe(1);
		const ids = result.records.map(identityOf);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(['1|a', '3|a']));
		expect(result.records.filter((point) => point.t === 2)).toHaveLength(3);
	});

	it('handles a first page that is entirely at the start time', async () => {
		const source = points([
			[0, 'a'],
			[0, 'b'],
			[7, 'c'],
		]);
		const result = await collect(source, 2);
		expect(multiset(result.records)).toEqual(multiset(source));
		expect(result.stalls).toBe(1);
	});

	it('stops at limit with truncated: true, mid-page or at a full page end', async () => {
		const source = points(Array.from({ length: 20 }, (_, index): [number, string] => [index, 'p']));
		const midPage = await collect(source, 5, { limit: 7 });
		expect(midPage.records).toEqual(source.slice(0, 7));
		expect(midPage.truncated).toBe(true);
		const pageEnd = await collect(source, 5, { limit: 5 });
		expect(pageEnd.records).toEqual(source.slice(0, 5));
		expect(pageEnd).toMatchObject({ truncated: true, pages: 1 });
	});

	it('is not truncated when the limit equals what exists', async () => {
		const source = points([
			[1, 'a'],
			[2, 'a'],
			[3, 'a'],
		]);
		const result = await collect(source, 5, { limit: 3 });
		expect(result.records).toHaveLength(3);
		expect(result.truncated).toBe(false);
	});

	it('stops after maxPages with truncated: true', async () => {
		const source = points(Array.from({ length: 20 }, (_, index): [number, string] => [index, 'p']));
		const result = await collect(source, 4, { maxPages: 2 });
		expect(result.pages).toBe(2);
		expect(result.calls).toHaveLength(2);
		expect(result.truncated).toBe(true);
		expect(result.records.map((point) => point.t)).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	it('stops when the cursor passes end, and does not call at all when begin > end', async () => {
		const source = points([
			[1, 'a'],
			[2, 'a'],
			[2, 'b'],
			[5, 'a'],
		]);
		const result = await collect(source, 2, { begin: 1, end: 2 });
		expect(multiset(result.records)).toEqual(['1|a', '2|a', '2|b']);
		expect(result.truncated).toBe(false);
		const none = await collect(source, 2, { begin: 10, end: 9 });
		expect(none).toMatchObject({ records: [], pages: 0, truncated: false, calls: [] });
	});

	it('stops (truncated) instead of looping when the API ignores the cursor', async () => {
		const fixed = points([
			[1, 'a'],
			[2, 'a'],
		]);
		let calls = 0;
		const result = await collectByTimeCursor({
			begin: 0,
			end: 1_000_000,
			pageSize: 2,
			fetchPage: async () => {
				calls++;
				return fixed;
			},
			timeOf,
			identityOf,
		});
		expect(calls).toBeLessThan(5);
		expect(result.truncated).toBe(true);
	});

	it('rejects invalid options with a plain Error', async () => {
		const base = { begin: 0, end: 1, fetchPage: async () => [], timeOf, identityOf };
		await expect(collectByTimeCursor({ ...base, pageSize: 0 })).rejects.toThrow('pageSize');
		await expect(collectByTimeCursor({ ...base, pageSize: 2, limit: 0 })).rejects.toThrow('limit');
		await expect(collectByTimeCursor({ ...base, pageSize: 2, maxPages: 1.5 })).rejects.toThrow(
			'maxPages',
		);
	});

	it('collects exactly the source multiset for hundreds of random datasets', async () => {
		const random = prng(20240611);
		const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
		let exactRuns = 0;
		let overflowRuns = 0;
		let limitedRuns = 0;
		for (let run = 0; run < 600; run++) {
			const timeSpan = pick(0, 12);
			const size = pick(0, 60);
			const source = points(
				Array.from({ length: size }, (): [number, string] => [
					pick(0, timeSpan),
					'abc'[pick(0, 2)],
				]),
			);
			const pageSize = pick(1, 12);
			const limit = random() < 0.3 ? pick(1, 40) : undefined;
			const api = fakeApi(source, pageSize, random() < 0.5 ? random : undefined);
			const result = await collectByTimeCursor({
				begin: 0,
				end: timeSpan,
				pageSize,
				fetchPage: api.fetchPage,
				timeOf,
				identityOf,
				limit,
			});
			const context = `run ${run}: pageSize ${pageSize}, limit ${limit}, times ${source.map(timeOf).join(',')}`;
			const times = result.records.map(timeOf);
			expect(times).toEqual([...times].sort((a, b) => a - b));
			expect(isSubMultiset(multiset(result.records), multiset(source))).toBe(true);

			const largestGroup = Math.max(
				0,
				...Array.from(countBy(source.map((point) => String(point.t))).values()),
			);
			if (largestGroup > pageSize) {
				overflowRuns++;
				// Unless the limit stopped it first, the crowded timestamp must show up as a stall.
				if (!result.truncated) expect(result.stalls).toBeGreaterThan(0);
				continue;
			}
			if (limit !== undefined && limit < size) {
				limitedRuns++;
				expect(result.records).toHaveLength(limit);
				expect(result.truncated).toBe(true);
				const earliest = source
					.map(timeOf)
					.sort((a, b) => a - b)
					.slice(0, limit);
				expect(times).toEqual(earliest);
				continue;
			}
			exactRuns++;
			if (multiset(result.records).join() !== multiset(source).join())
				throw new Error(`mismatch in ${context}`);
			// limit === size may end on a full page, where "more may exist" is reported.
			if (limit === undefined || limit > size) expect(result.truncated).toBe(false);
		}
		expect(exactRuns).toBeGreaterThan(150);
		expect(overflowRuns).toBeGreaterThan(50);
		expect(limitedRuns).toBeGreaterThan(20);
	});
});

describe('polling cursor helpers', () => {
	const batch = points([
		[10, 'a'],
		[10, 'b'],
		[12, 'a'],
		[12, 'c'],
	]);

	it('newSinceCursor returns everything without a cursor (as a copy)', () => {
		const fresh = newSinceCursor(batch, undefined, timeOf, identityOf);
		expect(fresh).toEqual(batch);
		expect(fresh).not.toBe(batch);
	});

	it('newSinceCursor keeps later records and unseen ones at the cursor time', () => {
		const cursor: SeenCursor = { time: 12, idsAtTime: ['12|a'] };
		expect(newSinceCursor(batch, cursor, timeOf, identityOf).map(identityOf)).toEqual(['12|c']);
		const older: SeenCursor = { time: 10, idsAtTime: ['10|a'] };
		expect(newSinceCursor(batch, older, timeOf, identityOf).map(identityOf)).toEqual([
			'10|b',
			'12|a',
			'12|c',
		]);
	});

	it('advanceCursor moves to the newest time with the ids at that time', () => {
		expect(advanceCursor(undefined, batch, timeOf, identityOf)).toEqual({
			time: 12,
			idsAtTime: ['12|a', '12|c'],
		});
	});

	it('advanceCursor merges ids when the time did not change and never goes back', () => {
		const cursor: SeenCursor = { time: 12, idsAtTime: ['12|a'] };
		const more = points([
			[12, 'd'],
			[12, 'a'],
		]);
		expect(advanceCursor(cursor, more, timeOf, identityOf)).toEqual({
			time: 12,
			idsAtTime: ['12|a', '12|d'],
		});
		expect(advanceCursor(cursor, points([[11, 'z']]), timeOf, identityOf)).toBe(cursor);
		expect(advanceCursor(cursor, [], timeOf, identityOf)).toBe(cursor);
		expect(advanceCursor(undefined, [], timeOf, identityOf)).toBeUndefined();
		expect(advanceCursor(cursor, points([[13, 'e']]), timeOf, identityOf)).toEqual({
			time: 13,
			idsAtTime: ['13|e'],
		});
	});

	it('polling with both helpers emits each record once across overlapping fetches', () => {
		const all = points([
			[1, 'a'],
			[2, 'a'],
			[2, 'b'],
			[3, 'a'],
			[3, 'b'],
			[4, 'a'],
		]);
		const windows = [all.slice(0, 3), all.slice(1, 4), all.slice(2, 6), all.slice(0, 6)];
		let cursor: SeenCursor | undefined;
		const emitted: Point[] = [];
		for (const fetched of windows) {
			const fresh = newSinceCursor(fetched, cursor, timeOf, identityOf);
			emitted.push(...fresh);
			cursor = advanceCursor(cursor, fresh, timeOf, identityOf);
		}
		expect(emitted).toEqual(all);
	});
});
