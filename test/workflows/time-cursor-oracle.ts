/** What the tests of time-paged history hold the node against, written apart from the node's code. */

/** Unix seconds as the ISO text n8n date fields and the node's `...Iso` fields use. */
export const isoOf = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString();

/**
 * A time-cursor paging rule applied to the true, ascending list of record times: each call returns the
 * first `pageSize` records with time >= its begin; after a full page the next call begins at the time of
 * that page's last record; a shorter page is the last. Returns every call's begin, so its length is the
 * number of calls.
 */
export function pagingBegintimes(times: number[], begin: number, pageSize: number): number[] {
	const begintimes: number[] = [];
	let pageBegin = begin;
	for (;;) {
		begintimes.push(pageBegin);
		const start = times.findIndex((time) => time >= pageBegin);
		const page = start < 0 ? [] : times.slice(start, start + pageSize);
		if (page.length < pageSize) return begintimes;
		pageBegin = page[pageSize - 1];
	}
}
