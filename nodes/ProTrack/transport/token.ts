import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * ProTrack keeps one valid token per account and invalidates it whenever anyone logs in. Executions
 * and queue-mode workers share it only through n8n's credential store, so when there is no usable
 * token (the credential was never used, the token expired, or someone logged in), many executions
 * notice at once. To keep them from logging in one after another, each invalidating the last:
 * 1. a token stored by someone else since ours was read is used as is;
 * 2. otherwise the execution waits a random moment (up to the credential's Login Sharing Wait) and
 *    looks again, so that usually one execution logs in and the others find its token. The waits are
 *    drawn so that few end early: the first login is then usually stored before the next wait ends;
 * 3. only then does it log in, by emptying the token (n8n then runs the credential's
 *    preAuthentication and stores the new token);
 * 4. if its new token is rejected, someone logged in just after it: it keeps taking the newest stored
 *    token until one works or MAX_ADOPT_MS has passed. It never logs in twice for one request.
 */
export const DEFAULT_TOKEN_WAIT_SECONDS = 3;
const MAX_TOKEN_WAIT_SECONDS = 60;
/** How long a request whose own login was overtaken keeps looking for the newer stored token. */
export const MAX_ADOPT_MS = 15_000;
const ADOPT_POLL_MS = 250;

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

/** A token other than `used` was stored since `used` was read. */
const replacedSince = (stored: ICredentialDataDecryptedObject, used: ICredentialDataDecryptedObject) =>
	tokenOf(stored) !== '' && tokenOf(stored) !== tokenOf(used);

/**
 * For a credential with no token yet: waits a random moment for another execution's login, then
 * returns the stored credential (with that token, or still without one: the caller's request then
 * logs in).
 */
export async function waitForSharedLogin(
	readStored: ReadStored,
	unused: ICredentialDataDecryptedObject,
	random: () => number = Math.random,
): Promise<ICredentialDataDecryptedObject> {
	if (tokenOf(unused) !== '') return unused;
	const spreadMs = spreadMsOf(unused);
	if (spreadMs === 0) return unused;
	await sleep(spreadWaitMs(spreadMs, random));
	return await readStored();
}

export async function retryWithFreshToken<A>(
	readStored: ReadStored,
	send: (credentials: ICredentialDataDecryptedObject) => Promise<A>,
	isRejected: (attempt: A) => boolean,
	rejected: ICredentialDataDecryptedObject,
	random: () => number = Math.random,
): Promise<TokenAttempt<A>> {
	let stored = await readStored();
	const spreadMs = spreadMsOf(stored);
	if (!replacedSince(stored, rejected) && spreadMs > 0) {
		await sleep(spreadWaitMs(spreadMs, random));
		stored = await readStored();
	}
	// Log in only if nobody else stored a token meanwhile. send() fills in the new token.
	let credentials = replacedSince(stored, rejected) ? stored : { ...stored, accessToken: '' };
	let attempt = await send(credentials);

	const deadline = Date.now() + MAX_ADOPT_MS;
	while (isRejected(attempt) && Date.now() < deadline) {
		const latest = await readStored();
		if (!replacedSince(latest, credentials)) {
			// Whoever logged in after us has not stored its token yet.
			await sleep(ADOPT_POLL_MS);
			continue;
		}
		credentials = latest;
		attempt = await send(latest);
	}
	return { credentials, attempt };
}
