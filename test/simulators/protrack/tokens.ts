/** Access tokens: one valid token per account; issuing a new one invalidates the previous at once. */
import { randomBytes } from 'node:crypto';

import { ProTrackCode } from './codes';

interface TokenEntry {
	account: string;
	expiresAt: number;
	replaced: boolean;
}

export type TokenCheck = { ok: true; account: string } | { ok: false; code: number };

export class TokenStore {
	private readonly tokens = new Map<string, TokenEntry>();
	private readonly current = new Map<string, string>();
	private issued = 0;

	constructor(private readonly lifetimeMs: number) {}

	get lifetimeSeconds(): number {
		return Math.round(this.lifetimeMs / 1000);
	}

	get issuedCount(): number {
		return this.issued;
	}

	issue(account: string, nowMs: number): string {
		const previous = this.current.get(account);
		if (previous !== undefined) {
			const entry = this.tokens.get(previous);
			if (entry) {
				entry.replaced = true;
			}
		}
		const token = randomBytes(16).toString('hex');
		this.tokens.set(token, { account, expiresAt: nowMs + this.lifetimeMs, replaced: false });
		this.current.set(account, token);
		this.issued += 1;
		return token;
	}

	check(token: string, nowMs: number): TokenCheck {
		const entry = this.tokens.get(token);
		if (!entry) {
			return { ok: false, code: ProTrackCode.tokenNotFound };
		}
		if (entry.replaced) {
			return { ok: false, code: ProTrackCode.tokenInvalid };
		}
		if (nowMs >= entry.expiresAt) {
			return { ok: false, code: ProTrackCode.tokenOutOfDate };
		}
		return { ok: true, account: entry.account };
	}

	/** Makes every current token out of date. */
	expireAll(nowMs: number): void {
		for (const token of this.current.values()) {
			const entry = this.tokens.get(token);
			if (entry) {
				entry.expiresAt = Math.min(entry.expiresAt, nowMs);
			}
		}
	}
}
