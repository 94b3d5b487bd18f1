/** Both token flows: the OAuth bearer token (reuse, expiry) and the UWS session (lock, idle expiry), plus gateway answers. */
import { THINGSPACE_APP, THINGSPACE_DEMO, THINGSPACE_OTHER } from '../index';
import { DEMO, LOC, MINUTE, basic, harness } from './harness';

const listPath = `${LOC}/callbacks/${DEMO}`;

describe('ThingSpace bearer token', () => {
	const env = harness({ bearerLifetimeSeconds: 600 });

	it('grants a bearer token for the right client and the same one again while it lives', async () => {
		const before = env.sim.tokenCounts;
		const first = await env.grant();
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{40}$/), token_type: 'bearer', expires_in: 600, scope: expect.any(String) });
		await env.sim.advance(2 * MINUTE);
		const second = await env.grant();
		expect(second.body.access_token).toBe(first.body.access_token);
		expect(second.body.expires_in).toBeLessThanOrEqual(480);
		expect(second.body.expires_in).toBeGreaterThan(470);
		const after = env.sim.tokenCounts;
		expect(after.tokenRequests - before.tokenRequests).toBe(2);
		expect(after.bearerGrants - before.bearerGrants).toBe(2);
		expect(after.bearerIssued - before.bearerIssued).toBe(1);
	});

	it('refuses a wrong client with invalid_client and another grant type with unsupported_grant_type', async () => {
		const wrong = await env.grant(basic(THINGSPACE_APP.key, 'nope'));
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
		expect((await env.grant('Bearer x')).status).toBe(401);
		const grant = await env.grant(undefined, 'grant_type=password');
		expect(grant.status).toBe(400);
		expect(grant.body.error).toBe('unsupported_grant_type');
	});

	it('answers 900902 without a bearer token and 900901 for an unknown or expired one', async () => {
		await env.signIn();
		const missing = await env.call('GET', listPath, undefined, { bearer: null });
		expect(missing.status).toBe(401);
		expect(missing.body.fault).toMatchObject({ code: 900902, message: 'Missing Credentials' });
		const unknown = await env.call('GET', listPath, undefined, { bearer: 'f'.repeat(40) });
		expect(unknown.status).toBe(401);
		expect(unknown.body.fault).toMatchObject({ code: 900901, message: 'Invalid Credentials' });
		expect((await env.call('GET', listPath)).status).toBe(200);
		await env.sim.advance(11 * MINUTE);
		expect((await env.call('GET', listPath)).body.fault.code).toBe(900901);
		const fresh = await env.grant();
		expect(fresh.body.access_token).not.toBe(env.tokens.bearer);
		expect(fresh.body.expires_in).toBe(600);
	});

	it('expireBearer() ends every token at once; the login endpoint needs one too', async () => {
		await env.signIn();
		env.sim.expireBearer();
		expect((await env.call('GET', listPath)).status).toBe(401);
		const login = await env.login();
		expect(login.status).toBe(401);
		expect(login.body.fault.code).toBe(900901);
	});

	it('answers 404 with a gateway fault for a path it does not serve', async () => {
		await env.signIn();
		const answer = await env.call('GET', `${LOC}/devicelocations/action/unknown`);
		expect(answer.status).toBe(404);
		expect(answer.body.fault.code).toBe(900906);
	});
});

describe('ThingSpace UWS session', () => {
	const env = harness();

	beforeEach(async () => {
		await env.signIn();
	});

	it('logs in with user and password and answers a session token', async () => {
		const before = env.sim.tokenCounts.sessionLogins;
		const answer = await env.login();
		expect(answer.status).toBe(200);
		expect(Object.keys(answer.body)).toEqual(['sessionToken']);
		expect(env.sim.tokenCounts.sessionLogins).toBe(before + 1);
		expect(env.sim.liveSessionTokens()).toContain(answer.body.sessionToken);
	});

	it('refuses a missing, unknown or wrong session token on the Location API', async () => {
		for (const session of [null, 'not-a-session']) {
			const answer = await env.call('GET', listPath, undefined, { session });
			expect(answer.status).toBe(400);
			expect(answer.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'UWS verification failure (Invalid session token.)' });
		}
	});

	it('expires a session after 20 idle minutes; each use renews it', async () => {
		await env.sim.advance(15 * MINUTE);
		expect((await env.call('GET', listPath)).status).toBe(200);
		await env.sim.advance(15 * MINUTE);
		expect((await env.call('GET', listPath)).status).toBe(200);
		await env.sim.advance(20 * MINUTE);
		const expired = await env.call('GET', listPath, undefined, { bearer: (await env.grant()).body.access_token });
		expect(expired.status).toBe(400);
		expect(expired.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'UWS verification failure (The Session has expired.)' });
	});

	it('expireSession() expires every session; the code style answers REQUEST_FAILED.SessionToken.Expired', async () => {
		env.sim.expireSession();
		expect((await env.call('GET', listPath)).body.errorMessage).toBe('UWS verification failure (The Session has expired.)');
		env.sim.setSessionExpiryStyle('code');
		expect((await env.call('GET', listPath)).body).toEqual({ errorCode: 'REQUEST_FAILED.SessionToken.Expired', errorMessage: 'Session token expired' });
		env.sim.setSessionExpiryStyle('message');
	});

	it('keeps accounts apart: a session may only name its own account', async () => {
		const other = await env.call('GET', `${LOC}/callbacks/${THINGSPACE_OTHER.account}`);
		expect(other.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'Unregistered account' });
		const malformed = await env.call('GET', `${LOC}/callbacks/123-45`);
		expect(malformed.body.errorMessage).toBe('Invalid account name');
	});

	it('a success resets the failure count; the fifth failure in a row locks the user for good', async () => {
		const wrong = () => env.login(THINGSPACE_DEMO.username, 'wrong');
		for (let attempt = 0; attempt < 4; attempt++) {
			expect((await wrong()).body).toEqual({ errorCode: 'UnifiedWebService.Input.Invalid.Credentials', errorMessage: 'Invalid username or password' });
		}
		expect((await env.login()).status).toBe(200);
		for (let attempt = 0; attempt < 4; attempt++) expect((await wrong()).status).toBe(400);
		expect(env.sim.isLocked(THINGSPACE_DEMO.username)).toBe(false);
		expect((await wrong()).body.errorCode).toBe('UnifiedWebService.Input.Invalid.Credentials');
		expect(env.sim.isLocked(THINGSPACE_DEMO.username)).toBe(true);
		const locked = { errorCode: 'UnifiedWebService.Account.Locked', errorMessage: 'The account is locked. Contact Verizon support.' };
		expect((await env.login()).body).toEqual(locked);
		expect((await wrong()).body).toEqual(locked);
		await env.sim.advance(24 * 60 * MINUTE);
		expect((await env.login(THINGSPACE_DEMO.username, THINGSPACE_DEMO.password, (await env.grant()).body.access_token)).body).toEqual(locked);
		expect((await env.login(THINGSPACE_OTHER.username, THINGSPACE_OTHER.password, (await env.grant()).body.access_token)).status).toBe(200);
		env.sim.unlockUser(THINGSPACE_DEMO.username);
		expect((await env.login(THINGSPACE_DEMO.username, THINGSPACE_DEMO.password, (await env.grant()).body.access_token)).status).toBe(200);
	});

	it('an unknown user gets the invalid-credentials answer', async () => {
		expect((await env.login('nobody', 'x')).body.errorCode).toBe('UnifiedWebService.Input.Invalid.Credentials');
	});
});

describe('ThingSpace rate limit', () => {
	const env = harness({ rateLimitPerSecond: 5 });

	it('answers 429 Too Many Requests with Retry-After above the limit', async () => {
		const answers = await Promise.all(Array.from({ length: 7 }, () => env.grant()));
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(5);
		const limited = answers.filter((answer) => answer.status === 429);
		expect(limited).toHaveLength(2);
		expect(limited[0].body).toEqual({ message: 'Too Many Requests' });
		expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		await env.sim.advance(1000);
		expect((await env.grant()).status).toBe(200);
		env.sim.setRateLimit(false);
		const many = await Promise.all(Array.from({ length: 20 }, () => env.grant()));
		expect(many.every((answer) => answer.status === 200)).toBe(true);
	});
});
