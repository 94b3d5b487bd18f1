import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * ProTrack keeps one valid token per account and invalidates it whenever anyone logs in. Executions
 * and queue-mode workers share it only through n8n's credential store, so when there is no usable
 * token (the credential was never used, the token expired, or someone logged in), many executions
 * notice at once. To keep them from logging in one after another, each invalidating the last, a
 * request without a usable token (none stored, or only one it saw rejected):
 * 1. waits a random moment (up to the credential's Login Sharing Wait) and looks again, so that
 *    usually one execution logs in and the others find its token. The waits are drawn so that few end
 *    early: the first login is then usually stored before the next wait ends;
 * 2. uses a token stored meanwhile by someone else; only if there is none does it log in, by emptying
 *    the token (n8n then runs the credential's preAuthentication and stores the new token);
 * 3. when even that token is rejected (someone logged in just after it, or two logins were stored in
 *    the opposite order to the one they happened in), starts over at 1, logging in at most
 *    MAX_LOGINS_PER_REQUEST times and giving up after MAX_SHARING_MS.
 */
export const DEFAULT_TOKEN_WAIT_SECONDS = 3;
const MAX_TOKEN_WAIT_SECONDS = 60;
/** Most logins one request makes (the second only when the first one's token was overtaken). */
export const MAX_LOGINS_PER_REQUEST = 2;
/** How long one request keeps looking for a working token. */
export const MAX_SHARING_MS = 30_000;

export interface TokenAttempt<A> {
	credentials: ICredentialDataDecryptedObject;
	attempt: A;
}

type ReadStored = () => Promise<ICredentialDataDecryptedObject>;

const tokenOf = (credentials: ICredentialDataDecryptedObject) => String(credentials.accessToken ?? '');

/** The credential's Login Sharing Wait in milliseconds (default 3 s, at most 60 s). */
export function spreadMsOf(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.loginWaitSeconds ?? DEFAULT_TOKEN_WAIT_SECONDS);
	if (!Number.isFinite(seconds) || seconds <= 0) return 0;
	return Math.min(seconds, MAX_TOKEN_WAIT_SECONDS) * 1000;
}

/**
 * A wait in [0, spreadMs) distributed as spreadMs · u^(1/4): few waits end early, so the first login
 * has time to be stored before the next wait ends (for ~50 waiters this skew keeps the fewest waits
 * within one login's round trip of the first).
 */
export const spreadWaitMs = (spreadMs: number, random: () => number) => Math.floor(spreadMs * random() ** 0.25);

export interface LoginBudget {
	/** Logins this request has made so far (shared by its retries). */
	logins: number;
}

/** A token that is stored and was not seen rejected by this request. */
const usable = (credentials: ICredentialDataDecryptedObject, dead: Set<string>) =>
	tokenOf(credentials) !== '' && !dead.has(tokenOf(credentials));

/**
 * Sends a request with the shared token, finding or fetching a working one as described above.
 * `send` with an empty token makes n8n log in (and fills the new token into the object it was given).
 * Returns the last attempt: rejected only when the login budget or the time ran out.
 */
export async function sendWithSharedToken<A>(
	readStored: ReadStored,
	send: (credentials: ICredentialDataDecryptedObject) => Promise<A>,
	isRejected: (attempt: A) => boolean,
	budget: LoginBudget = { logins: 0 },
	random: () => number = Math.random,
): Promise<TokenAttempt<A>> {
	const dead = new Set<string>();
	const deadline = Date.now() + MAX_SHARING_MS;
	let stored = await readStored();
	for (;;) {
		let credentials = stored;
		if (!usable(stored, dead)) {
			const spreadMs = spreadMsOf(stored);
			if (spreadMs > 0) {
				await sleep(spreadWaitMs(spreadMs, random));
				stored = await readStored();
			}
			if (usable(stored, dead)) {
				credentials = stored;
			} else {
				credentials = { ...stored, accessToken: '' };
				budget.logins++;
			}
		}
		const attempt = await send(credentials);
		if (!isRejected(attempt)) return { credentials, attempt };
		dead.add(tokenOf(credentials));
		if (budget.logins >= MAX_LOGINS_PER_REQUEST || Date.now() >= deadline) return { credentials, attempt };
		stored = await readStored();
	}
}
