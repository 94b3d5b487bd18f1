import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { sendWithSharedToken } from '../../../nodes/shared/sharedToken';

/**
 * ThingSpace renews an expired session under the same bearer token (the token endpoint gives the same
 * bearer within its hour), so the shared-token loop must take "this bearer with that session" as dead,
 * not the bearer itself: another execution's new session, stored meanwhile, is used instead of a login.
 */
describe('Shared token with a second token renewed under the same first one', () => {
	it('uses a session stored by another execution after its own was refused, without logging in', async () => {
		let stored: ICredentialDataDecryptedObject = { bearerToken: 'B', sessionToken: 'S1' };
		let logins = 0;
		const sent: string[] = [];
		const send = async (credentials: ICredentialDataDecryptedObject) => {
			if (credentials.bearerToken === '') {
				logins++;
				credentials.bearerToken = 'B';
				credentials.sessionToken = `S${logins + 2}`;
			}
			sent.push(`${String(credentials.bearerToken)}/${String(credentials.sessionToken)}`);
			// Another execution renewed the session while this request was on its way.
			if (credentials.sessionToken === 'S1') stored = { bearerToken: 'B', sessionToken: 'S2' };
			return { expired: credentials.sessionToken === 'S1' };
		};
		const result = await sendWithSharedToken(
			{ token: 'bearerToken' },
			async () => ({ ...stored }),
			send,
			(attempt) => (attempt.expired ? { forget: ['sessionToken'] } : undefined),
		);
		expect(sent).toEqual(['B/S1', 'B/S2']);
		expect(logins).toBe(0);
		expect(result.credentials.sessionToken).toBe('S2');
	});

	it('logs in once (emptying both) when no other session was stored; the same pair refused again is not retried forever', async () => {
		const stored: ICredentialDataDecryptedObject = { bearerToken: 'B', sessionToken: 'S1' };
		let logins = 0;
		const sent: string[] = [];
		const send = async (credentials: ICredentialDataDecryptedObject) => {
			if (credentials.bearerToken === '') {
				logins++;
				expect(credentials.sessionToken).toBe('');
				credentials.bearerToken = 'B';
				credentials.sessionToken = 'S9';
			}
			sent.push(String(credentials.sessionToken));
			return { expired: credentials.sessionToken === 'S1' };
		};
		await sendWithSharedToken(
			{ token: 'bearerToken' },
			async () => ({ ...stored }),
			send,
			(attempt) => (attempt.expired ? { forget: ['sessionToken'] } : undefined),
		);
		expect(sent).toEqual(['S1', 'S9']);
		expect(logins).toBe(1);
	});
});
