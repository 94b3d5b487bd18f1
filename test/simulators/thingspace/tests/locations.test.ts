/** Device location: synchronous (20 devices), asynchronous (callbacks per device), cancel, cache modes. */
import { THINGSPACE_OTHER, isoOfTsTime } from '../index';
import { DEMO, LOC, deviceEntry, harness } from './harness';

describe('ThingSpace device location', () => {
	const env = harness();

	beforeAll(async () => {
		await env.signIn();
		await env.listen();
	});
	beforeEach(async () => {
		env.receiver.clear();
		await env.signIn();
	});

	const sync = async (devices: unknown[], options: Record<string, unknown> = {}) =>
		await env.call('POST', `${LOC}/locations`, { accountName: DEMO, deviceList: devices, ...options });
	const request = async (devices: unknown[], options: Record<string, unknown> = {}) =>
		await env.call('POST', `${LOC}/devicelocations`, { accountName: DEMO, deviceList: devices, ...options });

	it('locates up to 20 devices at once and refuses more', async () => {
		const devices = Array.from({ length: 20 }, (_, index) => deviceEntry(env, 100 + index));
		const answer = await sync(devices);
		expect(answer.status).toBe(200);
		expect(answer.body.map((entry: { msid: string }) => entry.msid)).toEqual(devices.map((device) => device.id));
		expect(answer.body[0]).toEqual({
			msid: devices[0].id,
			pd: { time: expect.stringMatching(/^\d{14}$/), utcoffset: '+0000', x: expect.any(String), y: expect.any(String), radius: expect.stringMatching(/^\d+$/), qos: false },
			error: null,
		});
		expect(Math.abs(Date.parse(isoOfTsTime(answer.body[0].pd.time)) - env.sim.now())).toBeLessThan(2000);
		const tooMany = await sync([...devices, deviceEntry(env, 120)]);
		expect(tooMany.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'deviceList can contain a maximum of 20 devices' });
	});

	it('answers an error instead of a position for a device without consent or not owned', async () => {
		const foreign = env.sim.device(1, THINGSPACE_OTHER.account);
		const answer = await sync([deviceEntry(env, 149), { id: foreign.imei, kind: 'imei' }, { ...deviceEntry(env, 150), mdn: '5550000001' }]);
		expect(answer.body.map((entry: { pd: unknown }) => entry.pd)).toEqual([null, null, null]);
		expect(answer.body.map((entry: { error: { type: string } }) => entry.error.type)).toEqual(['TS CONSENT NOT FOUND', 'TS OWNERSHIP CHECK FAILED', 'TS OWNERSHIP CHECK FAILED']);
		expect(answer.body[0].error).toEqual({ type: 'TS CONSENT NOT FOUND', info: 'No consent on file for this device', time: expect.stringMatching(/^\d{14}$/) });
	});

	it('serves the cache as asked: 0 cached only, 2 cached when young enough, 1 always current', async () => {
		const device = deviceEntry(env, 160);
		const none = await sync([device], { cacheMode: 0 });
		expect(none.body[0].error.type).toBe('CACHE_UNAVAILABLE');
		const current = await sync([device], { cacheMode: '1' });
		await env.sim.advance(60_000);
		const cached = await sync([device], { cacheMode: 2, maxLocAge: 120 });
		expect(cached.body[0].pd).toEqual(current.body[0].pd);
		const cachedOnly = await sync([device], { cacheMode: '0' });
		expect(cachedOnly.body[0].pd).toEqual(current.body[0].pd);
		const fresh = await sync([device], { cacheMode: 2, maxLocAge: 30 });
		expect(fresh.body[0].pd.time).not.toBe(current.body[0].pd.time);
		expect((await sync([device], { cacheMode: 3 })).body.errorMessage).toBe('Invalid cache mode');
		expect((await sync([device], { accuracyMode: 'x' })).body.errorMessage).toBe('Invalid accuracy mode');
	});

	it('queues an asynchronous request and sends one LOCATION_REPORT per device when the clock moves', async () => {
		const devices = [deviceEntry(env, 170), deviceEntry(env, 199)];
		const answer = await request(devices);
		expect(answer.body).toEqual({ txid: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'QUEUED' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(env.receiver.received).toHaveLength(0);
		await env.sim.advance(0);
		const bodies = env.receiver.bodies();
		expect(bodies.map((body) => [body.transactionID, body.deviceList[0].id, body.status])).toEqual([
			[answer.body.txid, devices[0].id, 'SUCCESS'],
			[answer.body.txid, devices[1].id, 'FAILED'],
		]);
		expect(env.sim.asyncRequest(answer.body.txid)?.state).toBe('delivered');
		const late = await env.call('DELETE', `${LOC}/devicelocations/${answer.body.txid}?accountName=${DEMO}`);
		expect(late.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'Unable to Cancel' });
	});

	it('cancels a queued request: nothing is sent; unknown or foreign ones are 400', async () => {
		const answer = await request([deviceEntry(env, 171)]);
		const path = `${LOC}/devicelocations/${answer.body.txid}?accountName=${DEMO}`;
		const cancelled = await env.call('DELETE', path);
		expect(cancelled.body).toEqual({ txid: answer.body.txid, status: 'Cancelled' });
		await env.sim.advance(1000);
		expect(env.receiver.received).toHaveLength(0);
		expect((await env.call('DELETE', `${LOC}/devicelocations/nope?accountName=${DEMO}`)).body.errorCode).toBe('INVALID_PARAMETER');
		expect((await env.call('DELETE', `${LOC}/devicelocations/${answer.body.txid}?accountName=${THINGSPACE_OTHER.account}`)).body.errorMessage).toBe('Unregistered account');
	});

	it('takes up to 10,000 devices asynchronously', async () => {
		const many = Array.from({ length: 10_001 }, (_, index) => deviceEntry(env, index));
		expect((await request(many)).body.errorMessage).toBe('deviceList can contain a maximum of 10000 devices');
		const answer = await request(many.slice(0, 10_000));
		expect(answer.status).toBe(200);
		await env.call('DELETE', `${LOC}/devicelocations/${answer.body.txid}?accountName=${DEMO}`);
	});

	it('in live mode sends asynchronous results without waiting for the clock', async () => {
		env.sim.setLive(true);
		try {
			const answer = await request([deviceEntry(env, 172)]);
			await env.sim.idle();
			expect(env.receiver.bodies().map((body) => body.transactionID)).toEqual([answer.body.txid]);
		} finally {
			env.sim.setLive(false);
		}
	});
});
