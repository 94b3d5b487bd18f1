/** Credentials (API key, session hash), sessions' idle expiry and limit, routing, encodings, rate limit. */
import {
	NAVIXY_DEMO_KEY,
	NAVIXY_DEMO_LOGIN,
	NAVIXY_DEMO_PASSWORD,
	NAVIXY_SESSION_TIME_ZONE,
} from '../index';
import { DAY, harness } from './harness';

describe('Navixy credentials', () => {
	const env = harness({ sessionLimit: 3, sessionIdleSeconds: 10 * DAY });
	const info = (hash: string | null, hashIn: 'header' | 'body' = 'header') =>
		env.call('/user/get_info', {}, { hash, hashIn });

	it('accepts the API key in the Authorization header, the body and the query string', async () => {
		expect((await info(NAVIXY_DEMO_KEY)).body.user_info.time_zone).toBe('Europe/Berlin');
		expect((await info(NAVIXY_DEMO_KEY, 'body')).status).toBe(200);
		const query = await env.call('/user/get_info', {}, { hashIn: 'body', encoding: 'query' });
		expect(query.body.success).toBe(true);
	});

	it('answers 3 for a missing or malformed hash and 4 for an unknown one', async () => {
		expect(env.failure(await info(null))).toBe(3);
		expect(env.failure(await info('not-a-hash'))).toBe(3);
		expect(env.failure(await info('0'.repeat(32)))).toBe(4);
	});

	it('logs in with login and password; wrong ones are 102, an overlong password 7', async () => {
		const hash = await env.login();
		const me = await info(hash);
		expect(me.body.user_info).toMatchObject({
			login: NAVIXY_DEMO_LOGIN,
			time_zone: NAVIXY_SESSION_TIME_ZONE,
		});
		const wrong = await env.call(
			'/user/auth',
			{ login: NAVIXY_DEMO_LOGIN, password: 'nope' },
			{ hash: null },
		);
		expect(env.failure(wrong)).toBe(102);
		const long = await env.call(
			'/user/auth',
			{ login: NAVIXY_DEMO_LOGIN, password: 'x'.repeat(41) },
			{ hash: null },
		);
		expect(env.failure(long)).toBe(7);
		expect(long.body.errors).toEqual([{ parameter: 'password', error: expect.any(String) }]);
		const missing = await env.call('/user/auth', { login: NAVIXY_DEMO_LOGIN }, { hash: null });
		expect(missing.body.errors[0].parameter).toBe('password');
	});

	it('ends a session after the idle time, counted from its last use', async () => {
		env.simulator.expireSessions();
		const hash = await env.login();
		env.clock += 9 * DAY * 1000;
		expect((await info(hash)).status).toBe(200);
		env.clock += 9 * DAY * 1000;
		expect((await info(hash)).status).toBe(200);
		env.clock += 10 * DAY * 1000;
		expect(env.failure(await info(hash))).toBe(4);
	});

	it('refuses a login beyond the session limit with 104 while older sessions keep working', async () => {
		env.simulator.expireSessions();
		const before = env.simulator.loginCount();
		const hashes = [await env.login(), await env.login(), await env.login()];
		const refused = await env.call(
			'/user/auth',
			{ login: NAVIXY_DEMO_LOGIN, password: NAVIXY_DEMO_PASSWORD },
			{ hash: null },
		);
		expect(env.failure(refused)).toBe(104);
		expect(env.simulator.loginCount()).toBe(before + 3);
		expect(env.simulator.sessionsOf(NAVIXY_DEMO_LOGIN).sort()).toEqual([...hashes].sort());
		expect((await info(hashes[0])).status).toBe(200);
		await env.call('/user/logout', {}, { hash: hashes[0] });
		expect(env.failure(await info(hashes[0]))).toBe(4);
		await env.login();
	});

	it('ends every session with expireSessions(); API keys stay valid', async () => {
		env.simulator.expireSessions();
		const hash = await env.login();
		env.simulator.expireSessions();
		expect(env.failure(await info(hash))).toBe(4);
		expect(env.simulator.sessionsOf(NAVIXY_DEMO_LOGIN)).toEqual([]);
		expect((await info(NAVIXY_DEMO_KEY)).status).toBe(200);
	});

	it('keeps fleets apart: another user’s tracker is not found', async () => {
		env.simulator.expireSessions();
		const hash = await env.login();
		const demoTracker = env.simulator.trackerIds()[0];
		expect(
			env.failure(await env.call('/tracker/read', { tracker_id: demoTracker }, { hash })),
		).toBe(201);
		const own = env.simulator.trackerIds('all', NAVIXY_DEMO_LOGIN)[0];
		expect((await env.call('/tracker/read', { tracker_id: own }, { hash })).body.value.id).toBe(
			own,
		);
	});

	it('answers 111 for an unknown action and reads form bodies like JSON', async () => {
		expect(env.failure(await env.call('/tracker/fly'))).toBe(111);
		const ids = env.simulator.trackerIds('regular').slice(0, 2);
		const form = await env.call('/tracker/get_states', { trackers: ids }, { encoding: 'form' });
		expect(Object.keys(form.body.states)).toEqual(ids.map(String));
	});
});

describe('Navixy rate limit', () => {
	const env = harness({ rateLimit: true });

	it('answers 15 with HTTP 429 past 50 requests a second, per API key and per user session', async () => {
		const hash = await env.login();
		const answers = await Promise.all(Array.from({ length: 51 }, () => env.call('/user/get_info')));
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(50);
		const limited = answers.find((answer) => answer.status === 429);
		expect(limited?.body.status.code).toBe(15);
		expect((await env.call('/user/get_info', {}, { hash })).status).toBe(200);
		env.clock += 1000;
		expect((await env.call('/user/get_info')).status).toBe(200);
	});

	it('can be turned off', async () => {
		env.simulator.setRateLimit(false);
		const answers = await Promise.all(Array.from({ length: 60 }, () => env.call('/user/get_info')));
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});
});
