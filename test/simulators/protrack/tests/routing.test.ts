/** Paths, HTTP methods and parameter encodings, with /api/geofence/create as the example endpoint. */
import { call, harness } from './harness';

describe('ProTrack routing and parameters', () => {
	const env = harness();

	it('answers 10001 for an unknown path and for a documented path with the wrong method, always HTTP 200', async () => {
		const { token } = env;
		expect(await call(env.base, '/api/nothing', { access_token: token })).toEqual({
			code: 10001,
			message: 'Unknown request',
		});
		const imeis = env.simulator.imeis()[0];
		expect((await call(env.base, '/api/track', { access_token: token, imeis }, 'POST')).code).toBe(
			10001,
		);
		expect((await call(env.base, '/api/command/send', { access_token: token }, 'GET')).code).toBe(
			10001,
		);
		expect((await call(env.base, '/api/authorization', {}, 'POST')).code).toBe(10001);
	});

	it('reads parameters from the query, a form body or a JSON body', async () => {
		const imei = env.simulator.imeis()[0];
		const geofence = {
			access_token: env.token,
			imei,
			efencename: 'home',
			alarmtype: 0,
			longitude: 113.97196,
			latitude: 22.56861,
			radius: 300,
		};
		const path = '/api/geofence/create';
		expect((await call(env.base, path, geofence, 'POST', 'query')).code).toBe(0);
		expect(
			(await call(env.base, path, { ...geofence, efencename: 'form' }, 'POST', 'form')).code,
		).toBe(0);
		expect(
			(await call(env.base, path, { ...geofence, efencename: 'json' }, 'POST', 'json')).code,
		).toBe(0);
		expect(env.simulator.geofences.map((fence) => fence.efencename)).toEqual([
			'home',
			'form',
			'json',
		]);
		expect(env.simulator.geofences[0]).toMatchObject({
			imei,
			alarmtype: 0,
			longitude: 113.97196,
			latitude: 22.56861,
			radius: 300,
			account: 'demo',
		});
	});

	it('validates geofence ranges with 10006 and types with 10004', async () => {
		const base = {
			access_token: env.token,
			imei: env.simulator.imeis()[0],
			efencename: 'x',
			alarmtype: 2,
			longitude: 10,
			latitude: 10,
			radius: 100,
		};
		const create = async (changes: Record<string, string | number>): Promise<number> =>
			(await call(env.base, '/api/geofence/create', { ...base, ...changes }, 'POST')).code;
		expect(await create({})).toBe(0);
		expect(await create({ radius: 5000 })).toBe(0);
		expect(await create({ radius: 99 })).toBe(10006);
		expect(await create({ radius: 5001 })).toBe(10006);
		expect(await create({ alarmtype: 3 })).toBe(10006);
		expect(await create({ longitude: 180.5 })).toBe(10006);
		expect(await create({ latitude: -90.1 })).toBe(10006);
		expect(await create({ radius: 'wide' })).toBe(10004);
		expect(await create({ imei: '12345' })).toBe(10004);
		expect(await create({ imei: '123456789012345' })).toBe(20005);
		const { efencename: _omitted, ...withoutName } = base;
		expect((await call(env.base, '/api/geofence/create', withoutName, 'POST')).code).toBe(10005);
	});
});
