/**
 * The ThingSpace credential's two tokens through the n8n engine: one bearer token (OAuth2 client
 * credentials) and one UWS session, fetched by preAuthentication, stored, shared by every execution, and
 * renewed only as far as ThingSpace says: a refused bearer renews the bearer alone, an expired session
 * both; refused logins are never repeated (five failures lock the user).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { itemsInto } from '../runner';
import { THINGSPACE_APP, THINGSPACE_DEMO } from '../simulators/thingspace';
import { locationCalls, thingSpaceNode, useThingSpace } from './thingspace-fixture';

const CREDENTIAL = '1';

describe('ThingSpace credential: bearer token and UWS session', () => {
	const fx = useThingSpace({ rateLimitPerSecond: false }, { perTest: true });
	const listListeners = () => itemsInto([{}], thingSpaceNode(fx, { resource: 'callbackListener', operation: 'getMany' }));
	const stored = () => fx.n8n.credentials.read(CREDENTIAL).data;
	const setStored = (changes: ICredentialDataDecryptedObject) => fx.n8n.credentials.write(CREDENTIAL, { ...stored(), ...changes });
	const counts = () => fx.sim.tokenCounts;

	it('logs in once (one bearer, one session), sends both tokens, stores them; later executions reuse them', async () => {
		for (let run = 0; run < 3; run++) expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		expect(counts()).toMatchObject({ tokenRequests: 1, bearerIssued: 1, loginAttempts: 1, sessionLogins: 1 });
		const data = stored();
		expect(typeof data.bearerToken).toBe('string');
		expect(fx.sim.liveSessionTokens()).toEqual([data.sessionToken]);
		expect(Number(data.bearerExpiresAt)).toBeGreaterThan(Date.now() + 3500_000);
		const calls = fx.sim.requests(/\/api\/loc\/v1\//);
		expect(calls).toHaveLength(3);
		for (const call of calls) {
			expect(call.headers.authorization).toBe(`Bearer ${String(data.bearerToken)}`);
			expect(call.headers['vz-m2m-token']).toBe(data.sessionToken);
		}
		const [token] = fx.sim.requests('/api/ts/v1/oauth2/token');
		expect(token.headers.authorization).toBe(`Basic ${Buffer.from(`${THINGSPACE_APP.key}:${THINGSPACE_APP.secret}`).toString('base64')}`);
		expect(token.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
		const [login] = fx.sim.requests('/api/m2m/v1/session/login');
		expect(login.headers.authorization).toBe(`Bearer ${String(data.bearerToken)}`);
		expect(login.body).toEqual({ username: THINGSPACE_DEMO.username, password: THINGSPACE_DEMO.password });
	});

	it('a refused bearer token (401, fault 900901) renews the bearer only: the session is kept', async () => {
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		const before = stored();
		fx.sim.expireBearer();
		fx.sim.clearLog();
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		expect(fx.sim.requests(/\/api\/loc\/v1\//).map((call) => call.status)).toEqual([401, 200]);
		expect(counts()).toMatchObject({ tokenRequests: 2, bearerIssued: 2, loginAttempts: 1, sessionLogins: 1 });
		expect(stored().bearerToken).not.toBe(before.bearerToken);
		expect(stored().sessionToken).toBe(before.sessionToken);
	});

	it('a bearer token about to expire (by its stored expiry) is replaced before use, without a refused request', async () => {
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		setStored({ bearerExpiresAt: Date.now() + 5_000 });
		fx.sim.clearLog();
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		expect(fx.sim.requests(/\/api\/loc\/v1\//).map((call) => call.status)).toEqual([200]);
		// Within its hour ThingSpace hands out the same token again; the session is kept.
		expect(counts()).toMatchObject({ tokenRequests: 2, bearerIssued: 1, sessionLogins: 1 });
		expect(Number(stored().bearerExpiresAt)).toBeGreaterThan(Date.now() + 3000_000);
	});

	it.each(['message', 'code'] as const)('an expired session (reported as %s) renews bearer and session, once, and resends', async (style) => {
		fx.sim.setSessionExpiryStyle(style);
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		const before = stored();
		fx.sim.expireSession();
		fx.sim.clearLog();
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		expect(fx.sim.requests(/\/api\/loc\/v1\//).map((call) => call.status)).toEqual([400, 200]);
		expect(counts()).toMatchObject({ tokenRequests: 2, bearerIssued: 1, loginAttempts: 2, sessionLogins: 2 });
		expect(stored().bearerToken).toBe(before.bearerToken);
		expect(stored().sessionToken).not.toBe(before.sessionToken);
		fx.sim.setSessionExpiryStyle('message');
	});

	it('a wrong UWS password fails once, never retried, and the message says which login and that five failures lock the user', async () => {
		setStored({ password: 'not-the-password' });
		const result = await fx.n8n.run(listListeners());
		expect(result.error?.message).toMatch(/ThingSpace session login \(UWS user "ts-demo-user"\) was refused: UnifiedWebService\.Input\.Invalid\.Credentials/);
		expect(result.error?.message).toMatch(/5 failed logins in a row lock the account/);
		expect(JSON.stringify(result.error)).not.toContain('not-the-password');
		expect(counts()).toMatchObject({ tokenRequests: 1, loginAttempts: 1, sessionLogins: 0 });
		expect(locationCalls(fx.sim)).toEqual([]);
		expect(fx.sim.isLocked(THINGSPACE_DEMO.username)).toBe(false);
	});

	it('after five refused executions the user is locked: the next login names Verizon support, and is not repeated either', async () => {
		setStored({ password: 'not-the-password' });
		for (let run = 0; run < 5; run++) expect((await fx.n8n.run(listListeners())).error).toBeDefined();
		expect(counts().loginAttempts).toBe(5);
		expect(fx.sim.isLocked(THINGSPACE_DEMO.username)).toBe(true);
		setStored({ password: THINGSPACE_DEMO.password });
		const result = await fx.n8n.run(listListeners());
		expect(result.error?.message).toMatch(/the user is locked after 5 failed logins in a row\. Only Verizon support can unlock it/);
		expect(counts().loginAttempts).toBe(6);
		fx.sim.unlockUser(THINGSPACE_DEMO.username);
	});

	it('a wrong application secret fails at the bearer token, once, naming the key and secret; no session login is tried', async () => {
		setStored({ appSecret: 'wrong-secret' });
		const result = await fx.n8n.run(listListeners());
		expect(result.error?.message).toMatch(/ThingSpace bearer token request \(application key and secret\) was refused: invalid_client/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-secret');
		expect(counts()).toMatchObject({ tokenRequests: 1, loginAttempts: 0 });
	});

	it('a rate-limited or failing token endpoint is retried with backoff (it did not refuse the credentials)', async () => {
		fx.sim.inject({ path: '/api/ts/v1/oauth2/token', fault: { kind: 'status', status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '0' } } });
		fx.sim.inject({ path: '/api/m2m/v1/session/login', fault: { kind: 'status', status: 503, body: {} } });
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		expect(fx.sim.requests('/api/ts/v1/oauth2/token').map((call) => call.status)).toEqual([429, 200, 200]);
		expect(fx.sim.requests('/api/m2m/v1/session/login').map((call) => call.status)).toEqual([503, 200]);
	});

	it('ten executions at once on an unused credential share one login (Login Sharing Wait at its default)', async () => {
		setStored({ loginWaitSeconds: 3 });
		const runs = await Promise.all(Array.from({ length: 10 }, async () => await fx.n8n.run(listListeners())));
		expect(runs.map((run) => run.error)).toEqual(runs.map(() => undefined));
		expect(counts().sessionLogins).toBeLessThanOrEqual(2);
		expect(counts().tokenRequests).toBeLessThanOrEqual(2);
	});

	it('ten executions meeting an expired session at once renew it once: the same bearer with a new session is not taken for the dead one', async () => {
		expect((await fx.n8n.run(listListeners())).error).toBeUndefined();
		setStored({ loginWaitSeconds: 3 });
		fx.sim.expireSession();
		const runs = await Promise.all(Array.from({ length: 10 }, async () => await fx.n8n.run(listListeners())));
		expect(runs.map((run) => run.error)).toEqual(runs.map(() => undefined));
		expect(counts().sessionLogins).toBeLessThanOrEqual(3);
		expect(fx.sim.liveSessionTokens()).toContain(stored().sessionToken);
	});
});
