/**
 * Building blocks for a device's history: generated data cached a UTC day at a time, items tests
 * add, and time-window queries that merge the two across days.
 */
import { DAY_SECONDS, dayOf } from './time';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { max, min } = Math;

/** Generated days by key, at most `capacity`; the oldest entry goes first. */
export class DayCache<V> {
	private readonly entries = new Map<string, V>();

	constructor(private readonly capacity = 600) {}

	get(key: string, make: () => V): V {
		const cached = this.entries.get(key);
		if (cached !== undefined) {
			return cached;
		}
		const value = make();
		if (this.entries.size >= this.capacity) {
			const oldest = this.entries.keys().next().value;
			if (oldest !== undefined) {
				this.entries.delete(oldest);
			}
		}
		this.entries.set(key, value);
		return value;
	}
}

/** Items tests add, by device key: stored as copies, kept ascending by time. */
export class AddedItems<T extends object> {
	private readonly byKey = new Map<string, T[]>();

	constructor(private readonly timeOf: (item: T) => number) {}

	add(key: string, items: readonly T[]): void {
		let list = this.byKey.get(key);
		if (!list) {
			list = [];
			this.byKey.set(key, list);
		}
		list.push(...items.map((item) => ({ ...item })));
		list.sort((first, second) => this.timeOf(first) - this.timeOf(second));
	}

	of(key: string): readonly T[] {
		return this.byKey.get(key) ?? [];
	}
}

export interface WindowQuery<T> {
	/** begin <= time <= end, epoch seconds. */
	begin: number;
	end: number;
	limit: number;
	/** The first and last day with generated items, or undefined when there are none. */
	generatedDays: readonly [number, number] | undefined;
	/**
	 * Generated items of one day, ascending. Also asked for days outside `generatedDays` that hold
	 * added items: it must answer none there.
	 */
	generated: (day: number) => readonly T[];
	/** Added items, ascending. */
	added: readonly T[];
	timeOf: (item: T) => number;
}

/**
 * Items with begin <= time <= end, ascending (a generated item before an added one of the same
 * time), at most `limit`. Only days that hold generated or added items are visited.
 */
export function collectWindow<T>(query: WindowQuery<T>): T[] {
	const { begin, end, limit, added, timeOf } = query;
	const result: T[] = [];
	if (begin > end || limit <= 0) {
		return result;
	}
	const [firstDay, lastDay] = daysToVisit(query);
	for (let day = firstDay; day <= lastDay && result.length < limit; day++) {
		const dayBegin = max(begin, day * DAY_SECONDS);
		const dayEnd = min(end, (day + 1) * DAY_SECONDS - 1);
		const inWindow = (item: T): boolean => timeOf(item) >= dayBegin && timeOf(item) <= dayEnd;
		const generated = query.generated(day).filter(inWindow);
		const items =
			added.length === 0
				? generated
				: [...generated, ...added.filter(inWindow)].sort((a, b) => timeOf(a) - timeOf(b));
		result.push(...items.slice(0, limit - result.length));
	}
	return result;
}

/** The query window clipped to the days where generated or added items exist. */
function daysToVisit<T>({
	begin,
	end,
	generatedDays,
	added,
	timeOf,
}: WindowQuery<T>): [number, number] {
	let first = generatedDays?.[0] ?? Infinity;
	let last = generatedDays?.[1] ?? -Infinity;
	if (added.length > 0) {
		first = min(first, dayOf(timeOf(added[0])));
		last = max(last, dayOf(timeOf(added[added.length - 1])));
	}
	return [max(first, dayOf(begin)), min(last, dayOf(end))];
}
