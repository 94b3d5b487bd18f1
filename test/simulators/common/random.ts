/** Seeded randomness: the same seed gives the same simulated data on every run. */

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { floor, imul, trunc } = Math;

/** Deterministic PRNG (mulberry32) so simulated data is the same for the same seed. */
export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let value = this.state;
		value = imul(value ^ (value >>> 15), value | 1);
		value ^= value + imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number {
		return min + floor(this.next() * (max - min + 1));
	}

	float(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[floor(this.next() * items.length)];
	}
}

/** Mixes integers into one 32-bit seed. */
export function hashSeed(...parts: number[]): number {
	let hash = 0x9e3779b9;
	for (const part of parts) {
		hash = imul(hash ^ (trunc(part) | 0), 0x85ebca6b);
		hash ^= hash >>> 13;
		hash = imul(hash, 0xc2b2ae35);
		hash ^= hash >>> 16;
	}
	return hash >>> 0;
}
