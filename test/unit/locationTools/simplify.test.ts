import { simplifyIndices, simplifyRoute } from '../../../nodes/LocationTools/geometry/simplify';

const at = (longitude: number, latitude: number) => ({ latitude, longitude });
/** About 1.1 m of latitude. */
const METRE = 1 / 111195;

describe('simplifyIndices', () => {
	it('keeps only the ends of a straight run, and corners beyond the tolerance', () => {
		const straight = Array.from({ length: 50 }, (_, index) => at(10 + index * 0.001, 0));
		expect(simplifyIndices(straight, 1)).toEqual([0, 49]);
		const corner = [at(10, 0), at(10.001, 0), at(10.002, 0), at(10.002, 0.001), at(10.002, 0.002)];
		expect(simplifyIndices(corner, 1)).toEqual([0, 2, 4]);
	});

	it('drops a point exactly when it lies within the tolerance of the line', () => {
		const bump = (metres: number) => [at(10, 0), at(10.001, metres * METRE), at(10.002, 0)];
		expect(simplifyIndices(bump(4.9), 5)).toEqual([0, 2]);
		expect(simplifyIndices(bump(5.1), 5)).toEqual([0, 1, 2]);
		expect(simplifyIndices(bump(0), 0)).toEqual([0, 2]);
		expect(simplifyIndices(bump(0.001), 0)).toEqual([0, 1, 2]);
	});

	it('measures to the segment, not the endless line: a point past the end is kept', () => {
		// On the line through the ends, 890 m beyond the last: kept.
		const overshoot = [at(10, 0), at(10.01, 0), at(10.002, 0)];
		expect(simplifyIndices(overshoot, 5)).toEqual([0, 1, 2]);
	});

	it('handles a route that returns to its start (first and last equal)', () => {
		const loop = [at(0, 0), at(0.01, 0), at(0.01, 0.01), at(0, 0.01), at(0, 0)];
		expect(simplifyIndices(loop, 5)).toEqual([0, 1, 2, 3, 4]);
	});

	it('returns short routes whole and refuses a negative tolerance', () => {
		expect(simplifyIndices([], 5)).toEqual([]);
		expect(simplifyIndices([at(1, 1), at(2, 2)], 5)).toEqual([0, 1]);
		expect(() => simplifyIndices([at(1, 1)], -1)).toThrow(
			'Tolerance must be a number of metres of at least 0 (got -1)',
		);
		expect(() => simplifyIndices([at(1, 1), at(2, 2), at(200, 2)], 1)).toThrow(
			'Point 3: longitude 200 is not a number from -180 to 180',
		);
	});
});

describe('simplifyRoute', () => {
	it('returns the kept points themselves, in order, with their other fields', () => {
		const route = [0, 1, 2, 3].map((index) => ({
			...at(10 + index * 0.001, 0),
			time: `t${index}`,
		}));
		const kept = simplifyRoute(route, 1);
		expect(kept).toEqual([route[0], route[3]]);
		expect(kept[0]).toBe(route[0]);
	});
});
