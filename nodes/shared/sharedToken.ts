import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Sharing one login token between every execution and queue-mode worker that uses a credential.
 *
 * n8n keeps a fetched token in the credential's hidden expirable field (its `preAuthentication` fills
 * it and n8n stores it), which is the only state executions and workers share. Providers that allow
 * one session per account (a new login invalidates the previous token) or limit the number of
 * sessions turn "many executions notice at once that there is no usable token" into a storm of
 * logins. So a request without a usable token (none stored, or only one it saw rejected):
 * A token also counts as unusable when the credential says it expires within EXPIRY_MARGIN_MS, and a
 * rejection may name other fields to empty with it (a second token derived from the first).
 * 1. waits a random moment (up to the credential's Login Sharing Wait) and looks again, so that
 *    usually one execution logs in and the others find its token. The waits are drawn so that few end
 *    early: the first login is then usually stored before the next wait ends;
 * 2. uses a token stored meanwhile by someone else; only if there is none does it log in, by emptying
 *    the token (n8n then runs the credential's preAuthentication and stores the new token);
 * 3. when even that token is rejected (someone logged in just after it, or two logins were stored in
 *    the opposite order to the one they happened in), starts over at 1, logging in at most
 *    MAX_LOGINS_PER_REQUEST times and giving up after MAX_SHARING_MS.
 */

/** The credential fields the mechanism reads: the hidden expirable token and the Login Sharing Wait. */
export interface SharedTokenFields {
	/** Name of the hidden expirable field holding the token, e.g. 'accessToken'. */
	token: string;
	/**
	 * Name of the number field holding the Login Sharing Wait in seconds, e.g. 'loginWaitSeconds'. None:
	 * log in at once (providers where parallel logins do no harm).
	 */
	wait?: string;
	/**
	 * Name of a hidden field holding when the token expires (epoch milliseconds), for providers that say
	 * how long a token lives: a token that expires within EXPIRY_MARGIN_MS is not used but replaced.
	 */
	expiresAt?: string;
}

/** A token this close to its expiry is replaced before use, so that it cannot expire in flight. */
export const EXPIRY_MARGIN_MS = 30_000;

/** Why an attempt's token was refused: credential fields to empty too before logging in again. */
export interface TokenRejection {
	/** E.g. a session token that the provider said expired, beside the token of the login that made it. */
	forget?: string[];
}

export const DEFAULT_LOGIN_WAIT_SECONDS = 3;
const MAX_LOGIN_WAIT_SECONDS = 60;
/** Most logins one request makes (the second only when the first one's token was overtaken). */
export const MAX_LOGINS_PER_REQUEST = 2;
/** How long one request keeps looking for a working token. */
export const MAX_SHARING_MS = 30_000;

/**
 * The two credential properties the mechanism needs, for a credential's `properties`: the Login Sharing
 * Wait (visible) and the hidden expirable token that makes n8n run `preAuthentication`.
 * `why` completes the wait's description: why parallel logins hurt with this provider.
 */
export function sharedTokenProperties(fields: SharedTokenFields, why: string): INodeProperties[] {
	const token: INodeProperties = {
		displayName: 'Session Token',
		name: fields.token,
		type: 'hidden',
		typeOptions: { expirable: true, password: true },
		default: '',
	};
	const expiry: INodeProperties[] =
		fields.expiresAt === undefined ? [] : [{ displayName: 'Token Expires At', name: fields.expiresAt, type: 'hidden', default: 0 }];
	if (fields.wait === undefined) return [token, ...expiry];
	return [
		{
			displayName: 'Login Sharing Wait (Seconds)',
			name: fields.wait,
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_LOGIN_WAIT_SECONDS },
			default: DEFAULT_LOGIN_WAIT_SECONDS,
			description: `When there is no valid token, an execution waits a random moment of up to this long for another execution or queue-mode worker to log in and store one, before logging in itself. ${why} 0 logs in at once: fine when executions never overlap.`,
		},
		token,
		...expiry,
	];
}

export interface TokenAttempt<A> {
	credentials: ICredentialDataDecryptedObject;
	attempt: A;
}

export interface LoginBudget {
	/** Logins this request has made so far (shared by its retries). */
	logins: number;
}

/** The credential's Login Sharing Wait in milliseconds (default 3 s, at most 60 s). */
export function loginSharingWaitMs(fields: SharedTokenFields, credentials: ICredentialDataDecryptedObject): number {
	if (fields.wait === undefined) return 0;
	const seconds = Number(credentials[fields.wait] ?? DEFAULT_LOGIN_WAIT_SECONDS);
	if (!Number.isFinite(seconds) || seconds <= 0) return 0;
	return Math.min(seconds, MAX_LOGIN_WAIT_SECONDS) * 1000;
}

/**
 * A wait in [0, spreadMs) distributed as spreadMs · u^(1/4): few waits end early, so the first login
 * has time to be stored before the next wait ends (for ~50 waiters this skew keeps the fewest waits
 * within one login's round trip of the first).
 */
export const spreadWaitMs = (spreadMs: number, random: () => number) => Math.floor(spreadMs * random() ** 0.25);

/**
 * Sends a request with the shared token, finding or fetching a working one as described above.
 * `send` with an empty token makes n8n log in (and fills the new token into the object it was given).
 * Returns the last attempt: rejected only when the login budget or the time ran out.
 */
export async function sendWithSharedToken<A>(
	fields: SharedTokenFields,
	readStored: () => Promise<ICredentialDataDecryptedObject>,
	send: (credentials: ICredentialDataDecryptedObject) => Promise<A>,
	rejectionOf: (attempt: A) => TokenRejection | undefined,
	budget: LoginBudget = { logins: 0 },
	random: () => number = Math.random,
	now: () => number = Date.now,
): Promise<TokenAttempt<A>> {
	const tokenOf = (credentials: ICredentialDataDecryptedObject) => String(credentials[fields.token] ?? '');
	// What was refused: the token, with the values of the fields the refusal named (a session token can be
	// renewed under the same token, e.g. ThingSpace's bearer): only that combination is dead.
	const dead: Array<{ token: string; fields: Record<string, string> }> = [];
	const isDead = (credentials: ICredentialDataDecryptedObject) =>
		dead.some(
			(entry) =>
				entry.token === tokenOf(credentials) &&
				Object.entries(entry.fields).every(([field, value]) => String(credentials[field] ?? '') === value),
		);
	const forget = new Set<string>();
	const expiring = (credentials: ICredentialDataDecryptedObject) =>
		fields.expiresAt !== undefined && Number(credentials[fields.expiresAt] ?? 0) - EXPIRY_MARGIN_MS <= now();
	const usable = (credentials: ICredentialDataDecryptedObject) =>
		tokenOf(credentials) !== '' && !isDead(credentials) && !expiring(credentials);
	const deadline = Date.now() + MAX_SHARING_MS;
	let stored = await readStored();
	for (;;) {
		let credentials = stored;
		if (!usable(stored)) {
			const waitMs = loginSharingWaitMs(fields, stored);
			if (waitMs > 0) {
				await sleep(spreadWaitMs(waitMs, random));
				stored = await readStored();
			}
			if (usable(stored)) {
				credentials = stored;
			} else {
				credentials = { ...stored, [fields.token]: '' };
				for (const field of forget) credentials[field] = '';
				budget.logins++;
			}
		}
		const attempt = await send(credentials);
		const rejection = rejectionOf(attempt);
		if (rejection === undefined) return { credentials, attempt };
		for (const field of rejection.forget ?? []) forget.add(field);
		const named = rejection.forget ?? [];
		dead.push({ token: tokenOf(credentials), fields: Object.fromEntries(named.map((field) => [field, String(credentials[field] ?? '')])) });
		if (budget.logins >= MAX_LOGINS_PER_REQUEST || Date.now() >= deadline) return { credentials, attempt };
		stored = await readStored();
	}
}
