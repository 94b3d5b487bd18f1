import { sleep } from 'n8n-workflow';

/**
 * Keeps one process's requests to a provider under its documented rate (e.g. Navixy: 50 per second per
 * user). Each key (provider, URL and credential) has a window of the send times of the last second; a
 * request that would exceed the rate waits until the oldest one leaves the window. It only spaces
 * requests out: it holds no token or answer. Several queue-mode workers each pace their own requests,
 * so the provider's own rate-limit answer (retried with backoff) stays the safety net.
 */
const windows = new Map<string, number[]>();
const WINDOW_MS = 1000;

/** Waits until sending one more request under `key` keeps it within `perSecond`, then counts it. */
export async function paceRequest(key: string, perSecond: number, now: () => number = Date.now): Promise<void> {
	if (!Number.isFinite(perSecond) || perSecond <= 0) return;
	for (;;) {
		const sent = (windows.get(key) ?? []).filter((at) => now() - at < WINDOW_MS);
		if (sent.length < perSecond) {
			sent.push(now());
			windows.set(key, sent);
			return;
		}
		windows.set(key, sent);
		await sleep(Math.max(1, WINDOW_MS - (now() - sent[0])));
	}
}
