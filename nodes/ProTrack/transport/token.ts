import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * ProTrack keeps one valid token per account and invalidates it whenever anyone logs in. Executions
 * and queue-mode workers share it only through n8n's credential store, so when there is no usable
 * token (the credential was never used, the token expired, or someone logged in), many executions
 * notice at once. To keep them from logging in one after another, each invalidating the last:
 * 1. a token stored by someone else since ours was read is used as is;
 * 2. otherwise the execution waits a random moment (up to LOGIN_SPREAD_MS) and looks again, so that
 *    usually one execution logs in and the others find its token. The waits are drawn so that few
 *    end early: the first login is then usually stored before the next wait ends;
 * 3. only then does it log in, by emptying the token (n8n then runs the credential's
 *    preAuthentication and stores the new token);
 * 4. if its new token is rejected because another execution logged in just after it, it uses that
 *    execution's token once. It never logs in twice for one request.
 * The price: the first request on a credential without a token waits up to LOGIN_SPREAD_MS once.
 */
export const LOGIN_SPREAD_MS = 2000;

export interface TokenAttempt<A> {
	credentials: ICredentialDataDecryptedObject;
	attempt: A;
}

const tokenOf = (credentials: ICredentialDataDecryptedObject) => String(credentials.accessToken ?? '');

/** A wait in [0, LOGIN_SPREAD_MS) whose distribution rises with time (few waits end early). */
export const spreadWaitMs = (random: () => number) => Math.floor(Math.sqrt(random()) * LOGIN_SPREAD_MS);

/**
 * For a credential with no token yet: waits a random moment for another execution's login, then
 * returns the stored credential (with that token, or still without one: the caller's request then
 * logs in).
 */
export async function waitForSharedLogin(
	readStored: () => Promise<ICredentialDataDecryptedObject>,
	unused: ICredentialDataDecryptedObject,
	random: () => number = Math.random,
): Promise<ICredentialDataDecryptedObject> {
	if (tokenOf(unused) !== '') return unused;
	await sleep(spreadWaitMs(random));
	return await readStored();
}

export async function retryWithFreshToken<A>(
	readStored: () => Promise<ICredentialDataDecryptedObject>,
	send: (credentials: ICredentialDataDecryptedObject) => Promise<A>,
	isRejected: (attempt: A) => boolean,
	rejected: ICredentialDataDecryptedObject,
	random: () => number = Math.random,
): Promise<TokenAttempt<A>> {
	const replacedSince = (stored: ICredentialDataDecryptedObject, used: ICredentialDataDecryptedObject) =>
		tokenOf(stored) !== '' && tokenOf(stored) !== tokenOf(used);

	let stored = await readStored();
	if (!replacedSince(stored, rejected)) {
		await sleep(spreadWaitMs(random));
		stored = await readStored();
	}
	// Log in only if nobody else stored a token meanwhile. send() fills in the new token.
	const credentials = replacedSince(stored, rejected) ? stored : { ...stored, accessToken: '' };
	const attempt = await send(credentials);
	if (!isRejected(attempt)) return { credentials, attempt };

	const latest = await readStored();
	if (!replacedSince(latest, credentials)) return { credentials, attempt };
	return { credentials: latest, attempt: await send(latest) };
}
