/** The token call, token expiry, the headers every MTS request needs, error bodies, routes and the rate limit. */
import { randomUUID } from 'node:crypto';

import { OS1_AUTH_PATH, OS1_CLIENT_ID, OS1_CLIENT_SECRET, OS1_CODES, OS1_DEMO_PHONES, Os1Code } from '../index';
import { harness } from './harness';

describe('OS1 client credentials', () => {
	const env = harness({ tokenLifetimeSeconds: 600 });

	it('issues a Bearer token with its lifetime, counting logins', async () => {
		const before = env.sim.loginCount();
		const answer = await env.login();
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			data: { accessToken: expect.stringMatching(/^[0-9a-f]{32}$/), tokenType: 'Bearer', expiresIn: 600 },
			error: null,
			request: { uri: OS1_AUTH_PATH, method: 'POST', queryString: '' },
		});
		expect(env.sim.loginCount()).toBe(before + 1);
	});

	it('refuses a wrong client id or secret with 401, bad bodies and audiences with 400', async () => {
		const wrongSecret = await env.login({ clientId: OS1_CLIENT_ID, clientSecret: 'nope' });
		expect(wrongSecret.status).toBe(401);
		expect(wrongSecret.body).toEqual({
			data: null,
			error: { code: Os1Code.invalidClient, description: 'Invalid client credentials', additionalInfo: {} },
			request: { uri: OS1_AUTH_PATH, method: 'POST', queryString: '' },
		});
		expect((await env.login({ clientId: 'someone', clientSecret: OS1_CLIENT_SECRET })).body.error.code).toBe(Os1Code.invalidClient);
		const noSecret = await env.login({ clientId: OS1_CLIENT_ID });
		expect([noSecret.status, noSecret.body.error.code]).toEqual([400, Os1Code.invalidAuthBody]);
		const audience = await env.login({ clientId: OS1_CLIENT_ID, clientSecret: OS1_CLIENT_SECRET, audience: 'platform:app:other' });
		expect([audience.status, audience.body.error.code]).toEqual([400, Os1Code.invalidAudience]);
		// The audience may be left out.
		expect((await env.login({ clientId: OS1_CLIENT_ID, clientSecret: OS1_CLIENT_SECRET })).status).toBe(200);
	});

	it('needs X-COREOS-REQUEST-ID on the token call; a tenant id, when sent, must be this one', async () => {
		const body = { clientId: OS1_CLIENT_ID, clientSecret: OS1_CLIENT_SECRET };
		const noId = await env.login(body, {});
		expect([noId.status, noId.body.error.code]).toEqual([400, Os1Code.missingRequestId]);
		const otherTenant = await env.login(body, { 'x-coreos-request-id': randomUUID(), 'x-coreos-tid': 'other-tenant' });
		expect([otherTenant.status, otherTenant.body.error.code]).toEqual([403, Os1Code.tenantMismatch]);
	});

	it('answers MTS requests with a valid token; an unknown or missing one is 401 101001401001', async () => {
		env.sim.requestConsent(OS1_DEMO_PHONES.allows);
		expect((await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`)).status).toBe(200);
		for (const token of [null, 'f'.repeat(32)]) {
			const refused = await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`, { token });
			expect(refused.status).toBe(401);
			expect(refused.body.error).toEqual({ code: Os1Code.invalidAccessToken, description: 'Invalid access token', additionalInfo: {} });
		}
	});

	it('expires tokens after their lifetime and on expireTokens(): 401 101001401002 until a new login', async () => {
		env.forgetToken();
		const token = await env.token();
		env.sim.advance(599_000);
		expect((await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`, { token })).status).toBe(200);
		env.sim.advance(1_000);
		const expired = await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`, { token });
		expect([expired.status, expired.body.error.code, expired.body.error.description]).toEqual([401, Os1Code.accessTokenExpired, 'Access token expired']);
		env.forgetToken();
		const fresh = await env.token();
		expect((await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`, { token: fresh })).status).toBe(200);
		env.sim.expireTokens();
		expect((await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`, { token: fresh })).body.error.code).toBe(Os1Code.accessTokenExpired);
		env.forgetToken();
	});

	it('needs the tenant id and a request id on every MTS request, and records the request ids', async () => {
		const path = `/consents/${OS1_DEMO_PHONES.allows}/status`;
		for (const tenant of [null, 'other-tenant']) {
			const refused = await env.mts(path, { tenant });
			expect([refused.status, refused.body.error.code]).toEqual([403, Os1Code.tenantMismatch]);
		}
		const noId = await env.mts(path, { requestId: null });
		expect([noId.status, noId.body.error.code]).toEqual([400, Os1Code.missingRequestId]);
		const id = randomUUID();
		await env.mts(path, { requestId: id });
		expect(env.sim.requestIds().slice(-1)).toEqual([id]);
	});

	it('answers unknown routes 404 with the request part naming the path and query', async () => {
		const answer = await env.mts('/vehicles', { query: { page: 2 } });
		expect(answer.status).toBe(404);
		expect(answer.body).toMatchObject({
			data: null,
			error: { code: Os1Code.noRoute },
			request: { uri: '/core/api/v1/mts/vehicles', method: 'GET', queryString: 'page=2' },
		});
	});

	it('has 12-digit codes whose HTTP status the table states', () => {
		for (const [code, info] of Object.entries(OS1_CODES)) {
			expect(code).toMatch(/^\d{12}$/);
			expect(String(info.status)).toBe(code.slice(6, 9));
		}
	});
});

describe('OS1 rate limit', () => {
	const env = harness({ rateLimitPerSecond: 3 });

	it('answers 429 140100429001 with Retry-After beyond the requests per second', async () => {
		await env.token();
		const path = `/consents/${OS1_DEMO_PHONES.allows}/status`;
		const answers = [];
		for (let index = 0; index < 3; index++) answers.push(await env.mts(path));
		const limited = answers.find((answer) => answer.status === 429) ?? (await env.mts(path));
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe(Os1Code.rateLimited);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		env.sim.advance(1_000);
		expect((await env.mts(path)).status).not.toBe(429);
	});
});
