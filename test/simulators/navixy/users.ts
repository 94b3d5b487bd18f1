/**
 * The demo users and how requests prove who they are: API keys (never expire, a rate-limit counter
 * of their own) and session hashes from user/auth (end after an idle time; a user holds at most
 * `limit` live sessions, and user/auth answers 104 while it does: older sessions keep working).
 *
 * common/tokens.ts does not fit: its tokens expire a fixed time after issue, while a Navixy session
 * ends after a time without use and many sessions per user live side by side.
 */
import { randomBytes } from 'node:crypto';
import type { NavixyUser } from './types';

/** The API-key user: 60 trackers, Europe/Berlin. */
export const NAVIXY_DEMO: Readonly<NavixyUser> = {
	id: 43568,
	login: 'demo@navixy.sim',
	apiKeys: ['9c3b6d1e2f4a5b6c7d8e9f0a1b2c3d4e'],
	title: 'Demo Fleet',
	timeZone: 'Europe/Berlin',
	trackerCount: 60,
};

/** The login/password user: 8 trackers of its own, America/New_York. */
export const NAVIXY_SESSION_USER: Readonly<NavixyUser> = {
	id: 43569,
	login: 'dispatch@navixy.sim',
	password: 'Nvx-Demo-2024',
	apiKeys: [],
	title: 'Dispatch Desk',
	timeZone: 'America/New_York',
	trackerCount: 8,
};

export const NAVIXY_DEMO_KEY = NAVIXY_DEMO.apiKeys[0];
export const NAVIXY_DEMO_TIME_ZONE = NAVIXY_DEMO.timeZone;
export const NAVIXY_DEMO_LOGIN = NAVIXY_SESSION_USER.login;
export const NAVIXY_DEMO_PASSWORD = NAVIXY_SESSION_USER.password ?? '';
export const NAVIXY_SESSION_TIME_ZONE = NAVIXY_SESSION_USER.timeZone;
export const NAVIXY_USERS: readonly NavixyUser[] = [NAVIXY_DEMO, NAVIXY_SESSION_USER];

/** Hashes and keys are 32 lower-case hex digits; anything else is code 3 (wrong hash). */
export const HASH_PATTERN = /^[0-9a-f]{32}$/;

interface Session {
	user: number;
	lastUsedMs: number;
	ended: boolean;
}

export type Caller = { user: NavixyUser; rateKey: string; session?: string };

export class SessionStore {
	private readonly sessions = new Map<string, Session>();
	private logins = 0;

	constructor(
		private readonly idleMs: number,
		private readonly limit: number,
	) {}

	/** Successful user/auth calls so far. */
	get loginCount(): number {
		return this.logins;
	}

	/** Live session hashes of a user. */
	live(userId: number, nowMs: number): string[] {
		return [...this.sessions.entries()]
			.filter(([, session]) => session.user === userId && this.alive(session, nowMs))
			.map(([hash]) => hash);
	}

	/** A new session, or undefined when the user already holds `limit` live ones. */
	open(userId: number, nowMs: number): string | undefined {
		if (this.live(userId, nowMs).length >= this.limit) {
			return undefined;
		}
		const hash = randomBytes(16).toString('hex');
		this.sessions.set(hash, { user: userId, lastUsedMs: nowMs, ended: false });
		this.logins += 1;
		return hash;
	}

	/** The user of a live session (its idle time starts again), or undefined. */
	use(hash: string, nowMs: number): number | undefined {
		const session = this.sessions.get(hash);
		if (!session || !this.alive(session, nowMs)) {
			return undefined;
		}
		session.lastUsedMs = nowMs;
		return session.user;
	}

	end(hash: string): void {
		const session = this.sessions.get(hash);
		if (session) {
			session.ended = true;
		}
	}

	/** Ends every session (of one user when given). */
	endAll(userId?: number): void {
		for (const session of this.sessions.values()) {
			if (userId === undefined || session.user === userId) {
				session.ended = true;
			}
		}
	}

	private alive(session: Session, nowMs: number): boolean {
		return !session.ended && nowMs - session.lastUsedMs < this.idleMs;
	}
}
