import { RateLimiter } from '../rate-limit';

describe('RateLimiter', () => {
	it('lets everything through until a limit is set, and again after set(null)', () => {
		const limiter = new RateLimiter();
		expect(Array.from({ length: 50 }, () => limiter.allow(0)).every(Boolean)).toBe(true);
		limiter.set({ maxRequests: 1, perMs: 1000 });
		expect([limiter.allow(0), limiter.allow(1)]).toEqual([true, false]);
		limiter.set(null);
		expect(limiter.allow(2)).toBe(true);
		expect(limiter.retryAfterMs(2)).toBe(0);
	});

	it('slides the window: a request counts for perMs, rejected requests do not count', () => {
		const limiter = new RateLimiter();
		limiter.set({ maxRequests: 2, perMs: 1000 });
		expect([limiter.allow(0), limiter.allow(400), limiter.allow(500)]).toEqual([true, true, false]);
		expect(limiter.retryAfterMs(500)).toBe(500);
		expect(limiter.allow(999)).toBe(false);
		expect(limiter.allow(1000)).toBe(true);
		expect(limiter.allow(1001)).toBe(false);
		expect(limiter.retryAfterMs(1001)).toBe(399);
		expect(limiter.allow(1400)).toBe(true);
	});

	it('keeps a window per key and starts every window afresh on set()', () => {
		const limiter = new RateLimiter();
		limiter.set({ maxRequests: 1, perMs: 60_000 });
		expect(limiter.allow(0, 'alice')).toBe(true);
		expect(limiter.allow(1, 'alice')).toBe(false);
		expect(limiter.allow(2, 'bob')).toBe(true);
		expect(limiter.allow(3)).toBe(true);
		expect(limiter.retryAfterMs(10, 'alice')).toBe(59_990);
		expect(limiter.retryAfterMs(10, 'carol')).toBe(0);
		limiter.set({ maxRequests: 1, perMs: 60_000 });
		expect(limiter.allow(20, 'alice')).toBe(true);
	});
});
