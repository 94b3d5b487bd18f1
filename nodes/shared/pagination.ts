export interface TimeCursorOptions<R> {
	/** First time to ask for (inclusive), in the API's time unit. */
	begin: number;
	/** Last time to ask for (inclusive). */
	end: number;
	/** Most records the API returns per call. */
	pageSize: number;
	/** Returns up to pageSize records with begin <= time <= end, oldest first. */
	fetchPage: (begin: number, end: number) => Promise<R[]>;
	timeOf: (record: R) => number;
	/** Equal identities mean "same content"; genuinely repeated points may share one. */
	identityOf: (record: R) => string;
	/** Stop after this many records. */
	limit?: number;
	/** Stop after this many calls. */
	maxPages?: number;
}

export interface TimeCursorResult<R> {
	records: R[];
	pages: number;
	/**
	 * True when collection stopped early while more records may exist: at `limit`,
	 * at `maxPages`, or because a full page ended before `begin` (the API ignored the cursor).
	 */
	truncated: boolean;
	/**
	 * Full pages that were all at one timestamp: the API cannot page within one
	 * timestamp, so the cursor skipped ahead by one time unit and records at that
	 * timestamp beyond one page may be missing.
	 */
	stalls: number;
}

/** Counts of identities; lets equal-identity records be told apart only by how many there are. */
type Multiset = Map<string, number>;

function addTo(multiset: Multiset, identity: string): void {
	multiset.set(identity, (multiset.get(identity) ?? 0) + 1);
}

/** Removes one occurrence; false when there was none left. */
function takeFrom(multiset: Multiset, identity: string): boolean {
	const count = multiset.get(identity) ?? 0;
	if (count <= 0) return false;
	multiset.set(identity, count - 1);
	return true;
}

function assertPositiveInteger(name: string, value: number | undefined): void {
	if (value === undefined) return;
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(`${name} must be a whole number of at least 1, got ${String(value)}`);
	}
}

/**
 * Collects records from an API that returns at most `pageSize` records with
 * time >= begin, oldest first, where the next call starts at the time of the last
 * record of a full page. Records at that boundary time come back on the next page;
 * those already emitted are skipped by counting identities (a multiset), so
 * boundary records are neither repeated nor lost, even when several share the
 * timestamp or are exact duplicates. A full page all at the current begin time
 * cannot be paged further: the cursor moves on by one time unit (counted in `stalls`).
 */
export async function collectByTimeCursor<R>(
	options: TimeCursorOptions<R>,
): Promise<TimeCursorResult<R>> {
	const { end, pageSize, fetchPage, timeOf, identityOf, limit, maxPages } = options;
	assertPositiveInteger('pageSize', pageSize);
	assertPositiveInteger('limit', limit);
	assertPositiveInteger('maxPages', maxPages);

	const records: R[] = [];
	let begin = options.begin;
	/** Identities already emitted whose time equals `begin`. */
	let emittedAtBegin: Multiset = new Map();
	let pages = 0;
	let stalls = 0;

	while (begin <= end) {
		if (maxPages !== undefined && pages >= maxPages) {
			return { records, pages, truncated: true, stalls };
		}
		const page = await fetchPage(begin, end);
		pages++;

		const emittedAtLast: Multiset = new Map();
		const lastTime = page.length > 0 ? timeOf(page[page.length - 1]) : begin;
		for (let index = 0; index < page.length; index++) {
			const record = page[index];
			const time = timeOf(record);
			const identity = identityOf(record);
			if (time === begin && takeFrom(emittedAtBegin, identity)) continue;
			if (limit !== undefined && records.length >= limit) {
				return { records, pages, truncated: true, stalls };
			}
			records.push(record);
			if (time === lastTime) addTo(emittedAtLast, identity);
		}

		if (page.length < pageSize) break;
		if (limit !== undefined && records.length >= limit) {
			return { records, pages, truncated: true, stalls };
		}
		if (lastTime > begin) {
			begin = lastTime;
			emittedAtBegin = emittedAtLast;
		} else if (lastTime === begin) {
			stalls++;
			begin += 1;
			emittedAtBegin = new Map();
		} else {
			// Records older than `begin`: the API ignores the cursor, so paging cannot go on.
			return { records, pages, truncated: true, stalls };
		}
	}
	return { records, pages, truncated: false, stalls };
}

/** Where a polling trigger stopped: the newest time emitted and the identities emitted at it. */
export interface SeenCursor {
	time: number;
	idsAtTime: string[];
}

/** Records not yet emitted according to `cursor` (all of them when there is no cursor). */
export function newSinceCursor<R>(
	records: readonly R[],
	cursor: SeenCursor | undefined,
	timeOf: (record: R) => number,
	identityOf: (record: R) => string,
): R[] {
	if (!cursor) return records.slice();
	const seen = new Set(cursor.idsAtTime);
	return records.filter((record) => {
		const time = timeOf(record);
		return time > cursor.time || (time === cursor.time && !seen.has(identityOf(record)));
	});
}

/**
 * Moves the cursor to the newest time among `emitted`, remembering the identities
 * at that time (merged with the old ones when the time did not change). Never moves
 * backwards; returns the old cursor when nothing newer was emitted.
 */
export function advanceCursor<R>(
	cursor: SeenCursor | undefined,
	emitted: readonly R[],
	timeOf: (record: R) => number,
	identityOf: (record: R) => string,
): SeenCursor | undefined {
	const times = emitted.map(timeOf).filter((time) => Number.isFinite(time));
	if (times.length === 0) return cursor;
	const newest = times.reduce((max, time) => Math.max(max, time));
	if (cursor && cursor.time > newest) return cursor;
	const ids = emitted.filter((record) => timeOf(record) === newest).map(identityOf);
	const previous = cursor && cursor.time === newest ? cursor.idsAtTime : [];
	return { time: newest, idsAtTime: Array.from(new Set([...previous, ...ids])) };
}
