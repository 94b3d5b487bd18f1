/** The rate limit (10009) and the framework's injected faults, as seen through the ProTrack API. */
import { call, harness } from './harness';

describe('ProTrack rate limit and faults', () => {
	const env = harness();
	const userInfo = async (): Promise<number> =>
		(await call(env.base, '/api/user/info', { access_token: env.token, account: 'demo' })).code;

	it('answers 10009 beyond the configured rate and recovers after the window', async () => {
		env.simulator.setRateLimit({ maxRequests: 3, perMs: 1000 });
		const codes: number[] = [];
		for (let attempt = 0; attempt < 4; attempt++) {
			codes.push(await userInfo());
		}
		expect(codes).toEqual([0, 0, 0, 10009]);
		env.clock += 1001;
		expect(await userInfo()).toBe(0);
		env.simulator.setRateLimit(null);
	});

	it('lets a body fault stand in for a provider error once, then answers normally', async () => {
		const { token } = env;
		env.simulator.inject({
			path: '/api/track',
			fault: { kind: 'body', body: { code: 10012, message: 'Access token is out of date' } },
		});
		const imeis = env.simulator.imeis()[0];
		expect((await call(env.base, '/api/track', { access_token: token, imeis })).code).toBe(10012);
		expect((await call(env.base, '/api/track', { access_token: token, imeis })).code).toBe(0);
		env.simulator.inject({ path: /^\/api\/device\//, fault: { kind: 'status', status: 502 } });
		const response = await fetch(`${env.base}/api/device/list?access_token=${token}`);
		expect(response.status).toBe(502);
		expect(env.simulator.requests('/api/device/list').map((entry) => entry.status)).toEqual([502]);
	});
});
