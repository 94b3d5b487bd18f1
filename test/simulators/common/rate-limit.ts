/**
 * A sliding-window request limiter, per key (an account, a client id, or one shared key for the
 * whole API); off until a limit is set. Rejected requests do not count against the window.
 * What a limited request is answered with is the provider's business.
 */

export interface RateLimit {
	maxRequests: number;
	perMs: number;
}

/** The key of callers that share one window, when the provider limits the API as a whole. */
export const WHOLE_API = '';

export class RateLimiter {
	private limit: RateLimit | null = null;
	private readonly windows = new Map<string, number[]>();

	/** Sets or, with null, turns off the limit; every window starts empty. */
	set(limit: RateLimit | null): void {
		this.limit = limit;
		this.windows.clear();
	}

	/** Records a request at `nowMs` and tells whether it is within the limit. */
	allow(nowMs: number, key = WHOLE_API): boolean {
		if (!this.limit) {
			return true;
		}
		const times = this.recent(nowMs, key);
		if (times.length >= this.limit.maxRequests) {
			return false;
		}
		times.push(nowMs);
		return true;
	}

	/** Milliseconds until `key` may make a request again: 0 when it may now. Records nothing. */
	retryAfterMs(nowMs: number, key = WHOLE_API): number {
		if (!this.limit) {
			return 0;
		}
		const times = this.recent(nowMs, key);
		if (times.length < this.limit.maxRequests) {
			return 0;
		}
		return times[times.length - this.limit.maxRequests] + this.limit.perMs - nowMs;
	}

	/** The key's request times still inside the window ending at `nowMs`. */
	private recent(nowMs: number, key: string): number[] {
		const windowStart = nowMs - (this.limit?.perMs ?? 0);
		const times = (this.windows.get(key) ?? []).filter((time) => time > windowStart);
		this.windows.set(key, times);
		return times;
	}
}
