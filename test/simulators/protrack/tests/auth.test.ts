/** /api/authorization and the access-token rules of every other endpoint. */
import { PROTRACK_FLEET_EAST, protrackSignature } from '../index';
import { call, harness } from './harness';

describe('ProTrack authorization', () => {
	const documentClock = 1556243443;
	const env = harness({
		accounts: [{ account: 'test', password: 'Abc@34590' }],
		now: () => documentClock * 1000,
		login: false,
	});
	const authorize = async (time: number, account: string, signature: string): Promise<number> =>
		(await call(env.base, '/api/authorization', { time, account, signature })).code;

	it("accepts the document's signature example", async () => {
		expect(protrackSignature('Abc@34590', documentClock)).toBe('3844afd2c3bf68f0f3f4aa0a9ee8ee6c');
		const answer = await call<{ access_token: string; expires_in: number }>(
			env.base,
			'/api/authorization',
			{
				time: documentClock,
				account: 'test',
				signature: '3844afd2c3bf68f0f3f4aa0a9ee8ee6c',
			},
		);
		expect(answer.code).toBe(0);
		expect(answer.record?.expires_in).toBe(7200);
		expect(answer.record?.access_token).toMatch(/^[0-9a-f]{32}$/);
	});

	it('rejects a wrong signature or unknown account with 20001 and missing parameters with 10005', async () => {
		const time = documentClock;
		expect(await authorize(time, 'test', protrackSignature('wrong', time))).toBe(20001);
		expect(await authorize(time, 'nobody', protrackSignature('Abc@34590', time))).toBe(20001);
		expect(await authorize(time, 'test', '3844AFD2C3BF68F0F3F4AA0A9EE8EE6C')).toBe(20001);
		const missing = await call(env.base, '/api/authorization', { time, account: 'test' });
		expect(missing).toEqual({ code: 10005, message: expect.stringContaining('signature') });
	});

	it('rejects a time outside the allowed clock skew with 10014', async () => {
		const early = documentClock - 601;
		expect(await authorize(early, 'test', protrackSignature('Abc@34590', early))).toBe(10014);
		const edge = documentClock + 600;
		expect(await authorize(edge, 'test', protrackSignature('Abc@34590', edge))).toBe(0);
	});
});

describe('ProTrack access tokens', () => {
	const env = harness({ tokenLifetimeSeconds: 100, login: false });
	const track = async (token: string): Promise<number> =>
		(await call(env.base, '/api/track', { access_token: token, imeis: env.simulator.imeis()[0] }))
			.code;

	it('invalidates the previous token as soon as a new one is issued (10011)', async () => {
		const first = await env.login();
		expect(await track(first)).toBe(0);
		const second = await env.login();
		expect(await track(first)).toBe(10011);
		expect(await track(second)).toBe(0);
		env.simulator.issueTokenElsewhere();
		expect(await track(second)).toBe(10011);
	});

	it('keeps tokens of different accounts independent', async () => {
		const demo = await env.login();
		await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		expect(
			(await call(env.base, '/api/user/info', { access_token: demo, account: 'demo' })).code,
		).toBe(0);
	});

	it('answers 10012 once a token is out of date, by lifetime or by expireTokens()', async () => {
		const token = await env.login();
		env.clock += 99_000;
		expect(await track(token)).toBe(0);
		env.clock += 1_000;
		expect(await track(token)).toBe(10012);
		const fresh = await env.login();
		env.simulator.expireTokens();
		expect(await track(fresh)).toBe(10012);
	});

	it('answers 10010 for an unknown token and 10005 for a missing one', async () => {
		expect(await track('f'.repeat(32))).toBe(10010);
		expect((await call(env.base, '/api/track', { imeis: env.simulator.imeis()[0] })).code).toBe(
			10005,
		);
	});

	it('counts authorization requests and issued tokens', async () => {
		env.simulator.clearLog();
		await env.login();
		await call(env.base, '/api/authorization', {
			time: env.nowSec(),
			account: 'demo',
			signature: 'x',
		});
		expect(env.simulator.authorizationCount()).toBe(2);
		const issued = env.simulator.tokensIssued();
		await env.login();
		expect(env.simulator.tokensIssued()).toBe(issued + 1);
	});
});
