/** A sliding-window request limiter; off until a limit is set. Rejected requests do not count. */
import type { RateLimit } from './types';

export class RateLimiter {
	private limit: RateLimit | null = null;
	private times: number[] = [];

	set(limit: RateLimit | null): void {
		this.limit = limit;
		this.times = [];
	}

	/** Records a request at `nowMs` and tells whether it is within the limit. */
	allow(nowMs: number): boolean {
		if (!this.limit) {
			return true;
		}
		const windowStart = nowMs - this.limit.perMs;
		this.times = this.times.filter((time) => time > windowStart);
		if (this.times.length >= this.limit.maxRequests) {
			return false;
		}
		this.times.push(nowMs);
		return true;
	}
}
