import { AddedItems, DayCache, collectWindow, type WindowQuery } from '../history';
import { DAY_SECONDS } from '../time';

interface Item {
	at: number;
	name: string;
}

const at = (item: Item): number => item.at;
/** Two generated items a day on days 2 to 4, at 06:00 and 18:00, named by day. */
const generated = (day: number): Item[] =>
	day < 2 || day > 4
		? []
		: [
				{ at: day * DAY_SECONDS + 6 * 3600, name: `g${day}a` },
				{ at: day * DAY_SECONDS + 18 * 3600, name: `g${day}b` },
			];

function query(partial: Partial<WindowQuery<Item>>): Item[] {
	return collectWindow<Item>({
		begin: 0,
		end: 10 * DAY_SECONDS,
		limit: Infinity,
		generatedDays: [2, 4],
		generated,
		added: [],
		timeOf: at,
		...partial,
	});
}

const names = (items: Item[]): string[] => items.map((item) => item.name);

describe('history building blocks', () => {
	it('collects generated days within their span and the window, ascending, up to the limit', () => {
		expect(names(query({}))).toEqual(['g2a', 'g2b', 'g3a', 'g3b', 'g4a', 'g4b']);
		expect(
			names(query({ begin: 3 * DAY_SECONDS + 6 * 3600, end: 4 * DAY_SECONDS + 6 * 3600 })),
		).toEqual(['g3a', 'g3b', 'g4a']);
		expect(names(query({ limit: 3 }))).toEqual(['g2a', 'g2b', 'g3a']);
		expect(query({ begin: 5, end: 4 })).toEqual([]);
		expect(query({ generatedDays: undefined })).toEqual([]);
	});

	it('merges added items, even on days without generated ones, generated first at equal times', () => {
		const added = new AddedItems<Item>(at);
		const source = { at: 7 * DAY_SECONDS, name: 'late' };
		added.add('dev', [source, { at: 2 * DAY_SECONDS + 6 * 3600, name: 'tie' }]);
		added.add('dev', [{ at: DAY_SECONDS, name: 'early' }]);
		source.name = 'changed';
		expect(names([...added.of('dev')])).toEqual(['early', 'tie', 'late']);
		expect(added.of('other')).toEqual([]);
		expect(names(query({ added: added.of('dev') }))).toEqual([
			'early',
			'g2a',
			'tie',
			'g2b',
			'g3a',
			'g3b',
			'g4a',
			'g4b',
			'late',
		]);
	});

	it('caches days up to its capacity, dropping the oldest first', () => {
		const cache = new DayCache<number[]>(2);
		let made = 0;
		const make = (): number[] => [++made];
		const first = cache.get('a', make);
		expect(cache.get('a', make)).toBe(first);
		cache.get('b', make);
		cache.get('c', make);
		expect(made).toBe(3);
		expect(cache.get('b', make)).toEqual([2]);
		expect(cache.get('a', make)).toEqual([4]);
	});
});
