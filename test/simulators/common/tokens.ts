/**
 * Access-token lifetime: tokens are issued to an account, expire after a fixed lifetime and, for
 * providers that keep one token per account, stop working as soon as the account logs in again.
 * The provider maps a refusal to its own error answer.
 */
import { randomBytes } from 'node:crypto';

export interface TokenPolicy {
	lifetimeMs: number;
	/** A new login replaces the account's previous token at once (it is then refused as `replaced`). */
	onePerAccount: boolean;
	/** Makes the token text; default 32 random lower-case hex digits. */
	newToken?: () => string;
}

export type TokenRefusal = 'unknown' | 'replaced' | 'expired';

export type TokenCheck = { ok: true; account: string } | { ok: false; refusal: TokenRefusal };

interface TokenEntry {
	account: string;
	expiresAt: number;
	replaced: boolean;
}

const randomHexToken = (): string => randomBytes(16).toString('hex');

export class TokenStore {
	private readonly tokens = new Map<string, TokenEntry>();
	/** The newest token of each account. */
	private readonly current = new Map<string, string>();
	private issued = 0;

	constructor(private readonly policy: TokenPolicy) {}

	get lifetimeSeconds(): number {
		return Math.round(this.policy.lifetimeMs / 1000);
	}

	/** Tokens issued since the store was made. */
	get issuedCount(): number {
		return this.issued;
	}

	issue(account: string, nowMs: number): string {
		const previous = this.tokens.get(this.current.get(account) ?? '');
		if (previous && this.policy.onePerAccount) {
			previous.replaced = true;
		}
		const token = (this.policy.newToken ?? randomHexToken)();
		this.tokens.set(token, { account, expiresAt: nowMs + this.policy.lifetimeMs, replaced: false });
		this.current.set(account, token);
		this.issued += 1;
		return token;
	}

	/** Refusals in this order: unknown, replaced by a newer login, expired. */
	check(token: string, nowMs: number): TokenCheck {
		const entry = this.tokens.get(token);
		if (!entry) {
			return { ok: false, refusal: 'unknown' };
		}
		if (entry.replaced) {
			return { ok: false, refusal: 'replaced' };
		}
		if (nowMs >= entry.expiresAt) {
			return { ok: false, refusal: 'expired' };
		}
		return { ok: true, account: entry.account };
	}

	/** Makes every token issued so far out of date as of `nowMs`. */
	expireAll(nowMs: number): void {
		for (const entry of this.tokens.values()) {
			entry.expiresAt = Math.min(entry.expiresAt, nowMs);
		}
	}
}
