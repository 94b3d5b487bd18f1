import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	EXPIRY_MARGIN_MS,
	loginSharingWaitMs,
	sendWithSharedToken,
	sharedTokenProperties,
	spreadWaitMs,
	type SharedTokenFields,
} from '../../../nodes/shared/sharedToken';

/** Field names other than ProTrack's, so that nothing here works by ProTrack's names alone. */
const FIELDS: SharedTokenFields = { token: 'sessionHash', wait: 'shareWaitSeconds' };

/**
 * A credential store and a provider that accepts one token: `send` with an empty token "logs in" the way
 * n8n's preAuthentication does (a new token, filled into the object given and stored), unless the test
 * stores its own. `valid` is the token the provider accepts right now.
 */
function world(initial: string, waitSeconds = 0) {
	let stored: ICredentialDataDecryptedObject = { sessionHash: initial, shareWaitSeconds: waitSeconds };
	let issued = 0;
	const state = { valid: initial, logins: 0, sent: [] as string[], storeAfterLogin: true };
	const readStored = async () => ({ ...stored });
	const send = async (credentials: ICredentialDataDecryptedObject) => {
		if (credentials.sessionHash === '') {
			state.logins++;
			const token = `t${++issued}`;
			state.valid = token;
			credentials.sessionHash = token;
			if (state.storeAfterLogin) stored = { ...stored, sessionHash: token };
		}
		state.sent.push(String(credentials.sessionHash));
		return { rejected: credentials.sessionHash !== state.valid };
	};
	const store = (token: string) => (stored = { ...stored, sessionHash: token });
	return { state, readStored, send, store, isRejected: (attempt: { rejected: boolean }) => (attempt.rejected ? {} : undefined) };
}

describe('Shared login token (sendWithSharedToken)', () => {
	it('uses a stored working token without logging in', async () => {
		const w = world('t0');
		const { attempt } = await sendWithSharedToken(FIELDS, w.readStored, w.send, w.isRejected);
		expect(attempt.rejected).toBe(false);
		expect(w.state).toMatchObject({ logins: 0, sent: ['t0'] });
	});

	it('logs in once when nothing is stored', async () => {
		const w = world('');
		const { attempt, credentials } = await sendWithSharedToken(FIELDS, w.readStored, w.send, w.isRejected);
		expect(attempt.rejected).toBe(false);
		expect(credentials.sessionHash).toBe('t1');
		expect(w.state.logins).toBe(1);
	});

	it('takes a token another execution stored while it waited instead of logging in', async () => {
		const w = world('old', 1);
		w.state.valid = 'theirs';
		// The random wait ends at 0 ms; the other execution's token is stored when the store is read again.
		let reads = 0;
		const readStored = async () => {
			if (++reads === 2) w.store('theirs');
			return await w.readStored();
		};
		const { attempt } = await sendWithSharedToken(FIELDS, readStored, w.send, w.isRejected, { logins: 0 }, () => 0);
		expect(attempt.rejected).toBe(false);
		expect(w.state).toMatchObject({ logins: 0, sent: ['old', 'theirs'] });
	});

	it('logs in when the stored token is rejected and nobody stores a newer one (e.g. logins stored out of order)', async () => {
		const w = world('t0');
		w.state.valid = 'nobody-stored-this';
		const first = await sendWithSharedToken(FIELDS, w.readStored, w.send, w.isRejected);
		expect(first.attempt.rejected).toBe(false);
		expect(w.state).toMatchObject({ logins: 1, sent: ['t0', 't1'] });
	});

	it('logs in at most twice for one request, then returns the rejection', async () => {
		const w = world('t0');
		w.state.storeAfterLogin = true;
		// Someone else logs in right after each of our logins.
		const send = async (credentials: ICredentialDataDecryptedObject) => {
			const result = await w.send(credentials);
			w.state.valid = 'someone-else';
			return { rejected: result.rejected || credentials.sessionHash !== 't0' };
		};
		w.state.valid = 'expired';
		const budget = { logins: 0 };
		const { attempt } = await sendWithSharedToken(FIELDS, w.readStored, send, w.isRejected, budget);
		expect(attempt.rejected).toBe(true);
		expect(budget.logins).toBe(2);
		expect(w.state.logins).toBe(2);
	});

	it('reads the wait from the credential (default 3 s, at most 60 s, 0 to log in at once)', () => {
		expect(loginSharingWaitMs(FIELDS, {})).toBe(3000);
		expect(loginSharingWaitMs(FIELDS, { shareWaitSeconds: 15 })).toBe(15000);
		expect(loginSharingWaitMs(FIELDS, { shareWaitSeconds: 600 })).toBe(60000);
		expect(loginSharingWaitMs(FIELDS, { shareWaitSeconds: 0 })).toBe(0);
		expect(spreadWaitMs(3000, () => 1 / 16)).toBe(1500);
		expect(spreadWaitMs(3000, () => 0)).toBe(0);
	});

	it('adds the Login Sharing Wait and the hidden expirable token under the given names', () => {
		const [wait, token] = sharedTokenProperties(FIELDS, 'Why it matters.');
		expect(wait).toMatchObject({ name: 'shareWaitSeconds', type: 'number', default: 3 });
		expect(wait.description).toContain('Why it matters.');
		expect(token).toMatchObject({ name: 'sessionHash', type: 'hidden', typeOptions: { expirable: true, password: true } });
	});

	it('replaces a token the credential says expires within the margin, and keeps one that does not', async () => {
		const fields: SharedTokenFields = { token: 'accessToken', expiresAt: 'accessTokenExpiresAt' };
		const now = 1_000_000_000;
		const logins: string[] = [];
		const send = async (credentials: ICredentialDataDecryptedObject) => {
			if (credentials.accessToken === '') {
				logins.push('login');
				credentials.accessToken = 'fresh';
			}
			return String(credentials.accessToken);
		};
		const notRejected = () => undefined;
		const fresh = { accessToken: 'old', accessTokenExpiresAt: now + EXPIRY_MARGIN_MS + 1 };
		expect((await sendWithSharedToken(fields, async () => ({ ...fresh }), send, notRejected, undefined, Math.random, () => now)).attempt).toBe('old');
		const stale = { accessToken: 'old', accessTokenExpiresAt: now + EXPIRY_MARGIN_MS };
		expect((await sendWithSharedToken(fields, async () => ({ ...stale }), send, notRejected, undefined, Math.random, () => now)).attempt).toBe('fresh');
		expect(logins).toEqual(['login']);
		expect(loginSharingWaitMs(fields, {})).toBe(0);
	});

	it('empties the fields a rejection names along with the token before the next login', async () => {
		const fields: SharedTokenFields = { token: 'bearer' };
		const seen: ICredentialDataDecryptedObject[] = [];
		const send = async (credentials: ICredentialDataDecryptedObject) => {
			seen.push({ ...credentials });
			return seen.length === 1 ? 'session expired' : 'ok';
		};
		const rejectionOf = (attempt: string) => (attempt === 'session expired' ? { forget: ['session'] } : undefined);
		const stored = { bearer: 'b1', session: 's1', other: 'kept' };
		const { attempt } = await sendWithSharedToken(fields, async () => ({ ...stored }), send, rejectionOf);
		expect(attempt).toBe('ok');
		expect(seen).toEqual([stored, { bearer: '', session: '', other: 'kept' }]);
	});

	it('without a wait field adds only the hidden token (and its expiry when named)', () => {
		const properties = sharedTokenProperties({ token: 'accessToken', expiresAt: 'expiresAt' }, 'unused');
		expect(properties.map((property) => [property.name, property.type])).toEqual([
			['accessToken', 'hidden'],
			['expiresAt', 'hidden'],
		]);
	});
});
