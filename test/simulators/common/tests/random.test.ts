import { SeededRandom, hashSeed } from '../random';

describe('SeededRandom', () => {
	it('is deterministic per seed and stays in range', () => {
		const first = new SeededRandom(42);
		const second = new SeededRandom(42);
		const other = new SeededRandom(43);
		const sequence = Array.from({ length: 20 }, () => first.int(1, 6));
		expect(Array.from({ length: 20 }, () => second.int(1, 6))).toEqual(sequence);
		expect(Array.from({ length: 20 }, () => other.int(1, 6))).not.toEqual(sequence);
		expect(sequence.every((value) => value >= 1 && value <= 6)).toBe(true);
		expect(hashSeed(1, 2, 3)).toBe(hashSeed(1, 2, 3));
		expect(hashSeed(1, 2, 3)).not.toBe(hashSeed(3, 2, 1));
	});
});
