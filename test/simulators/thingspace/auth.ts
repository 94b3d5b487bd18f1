/**
 * ThingSpace's two tokens: the OAuth2 bearer token of the application (one per application key, the
 * same one handed out again while it lives) and the UWS session token of a user (idle expiry, renewed
 * by each use), with the lock after five failed logins in a row that only support lifts.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { TokenStore } from '../common/tokens';
import { THINGSPACE_APP, THINGSPACE_LIMITS, accountOfUser, type ThingSpaceAccount } from './accounts';
import { invalidBearer, invalidClient, missingBearer, unsupportedGrant, uwsError, type ThingSpaceError } from './errors';

export type SessionExpiryStyle = 'message' | 'code';

export interface TokenCounts {
	/** Requests to the token endpoint, whatever they were answered. */
	tokenRequests: number;
	/** Token requests answered with a token (new or the current one again). */
	bearerGrants: number;
	/** New bearer tokens made. */
	bearerIssued: number;
	/** Session login requests, whatever they were answered. */
	loginAttempts: number;
	/** Successful session logins. */
	sessionLogins: number;
}

export interface BearerGrant {
	token: string;
	/** Whole seconds it has left. */
	expiresIn: number;
}

interface UwsSession {
	account: ThingSpaceAccount;
	lastUsed: number;
	expired: boolean;
}

export type SessionCheck = { ok: true; account: ThingSpaceAccount } | { ok: false; refusal: 'invalid' | 'expired' };

export class ThingSpaceAuth {
	readonly counts: TokenCounts = { tokenRequests: 0, bearerGrants: 0, bearerIssued: 0, loginAttempts: 0, sessionLogins: 0 };
	sessionExpiryStyle: SessionExpiryStyle;
	private readonly bearers: TokenStore;
	private readonly currentBearer = new Map<string, string>();
	private readonly bearerExpiry = new Map<string, number>();
	private readonly sessions = new Map<string, UwsSession>();
	private readonly failures = new Map<string, number>();
	private readonly locked = new Set<string>();

	constructor(
		private readonly bearerLifetimeMs: number,
		private readonly sessionIdleMs: number,
		style: SessionExpiryStyle,
	) {
		this.bearers = new TokenStore({ lifetimeMs: bearerLifetimeMs, onePerAccount: false, newToken: () => randomBytes(20).toString('hex') });
		this.sessionExpiryStyle = style;
	}

	/** The token endpoint: Basic client credentials and a client_credentials grant. */
	grant(authorization: string | undefined, grantType: string | undefined, now: number): BearerGrant {
		this.counts.tokenRequests += 1;
		const client = basicCredentials(authorization);
		if (!client || client.key !== THINGSPACE_APP.key || client.secret !== THINGSPACE_APP.secret) throw invalidClient();
		if (grantType !== 'client_credentials') throw unsupportedGrant();
		this.counts.bearerGrants += 1;
		const current = this.currentBearer.get(client.key);
		if (current !== undefined && this.bearers.check(current, now).ok) {
			return { token: current, expiresIn: Math.floor(((this.bearerExpiry.get(current) ?? now) - now) / 1000) };
		}
		const token = this.bearers.issue(client.key, now);
		this.counts.bearerIssued += 1;
		this.currentBearer.set(client.key, token);
		this.bearerExpiry.set(token, now + this.bearerLifetimeMs);
		return { token, expiresIn: Math.floor(this.bearerLifetimeMs / 1000) };
	}

	/** Throws the gateway's 401 unless the Authorization header holds a live bearer token. */
	requireBearer(authorization: string | undefined, now: number): void {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		if (!match) throw missingBearer();
		if (!this.bearers.check(match[1], now).ok) throw invalidBearer();
	}

	expireBearers(now: number): void {
		this.bearers.expireAll(now);
	}

	/** UWS login: a new session token, or the documented refusals (locked before wrong password). */
	login(username: unknown, password: unknown, now: number): string {
		this.counts.loginAttempts += 1;
		const account = typeof username === 'string' ? accountOfUser(username) : undefined;
		if (!account) throw uwsError('invalidCredentials');
		if (this.locked.has(account.username)) throw uwsError('locked');
		if (password !== account.password) {
			const failures = (this.failures.get(account.username) ?? 0) + 1;
			this.failures.set(account.username, failures);
			if (failures >= THINGSPACE_LIMITS.loginFailuresBeforeLock) this.locked.add(account.username);
			throw uwsError('invalidCredentials');
		}
		this.failures.set(account.username, 0);
		this.counts.sessionLogins += 1;
		const token = randomUUID();
		this.sessions.set(token, { account, lastUsed: now, expired: false });
		return token;
	}

	isLocked(username: string): boolean {
		return this.locked.has(username);
	}

	/** What Verizon support does: lifts the lock and forgets the failures. */
	unlock(username: string): void {
		this.locked.delete(username);
		this.failures.delete(username);
	}

	/** Checks a VZ-M2M-Token; a live one is renewed (its idle time starts again). */
	checkSession(token: string | undefined, now: number): SessionCheck {
		const session = token === undefined ? undefined : this.sessions.get(token);
		if (!session) return { ok: false, refusal: 'invalid' };
		if (session.expired || now - session.lastUsed >= this.sessionIdleMs) {
			session.expired = true;
			return { ok: false, refusal: 'expired' };
		}
		session.lastUsed = now;
		return { ok: true, account: session.account };
	}

	/** The error a refused session token gets, in the configured style. */
	sessionRefusal(refusal: 'invalid' | 'expired'): ThingSpaceError {
		if (refusal === 'invalid') return uwsError('sessionInvalid');
		return uwsError(this.sessionExpiryStyle === 'code' ? 'sessionExpiredCode' : 'sessionExpired');
	}

	expireSessions(): void {
		for (const session of this.sessions.values()) session.expired = true;
	}

	/** Live session tokens (for tests). */
	liveSessions(now: number): string[] {
		return [...this.sessions.entries()]
			.filter(([, session]) => !session.expired && now - session.lastUsed < this.sessionIdleMs)
			.map(([token]) => token);
	}
}

function basicCredentials(authorization: string | undefined): { key: string; secret: string } | undefined {
	const match = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
