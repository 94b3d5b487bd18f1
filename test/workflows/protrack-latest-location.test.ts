import type { IDataObject } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const PROTRACK = packageNodeType('proTrack');

describe('ProTrack › Device › Get Latest Location, through the n8n engine', () => {
	const fx = useProvider(protrack);

	const latestLocation = (imeis: string, extra = {}) =>
		node('ProTrack', PROTRACK, { resource: 'device', operation: 'getLatestLocation', imeis }, fx.credentials, extra);

	const oneItemPerImei = (imeis: string[]) =>
		itemsInto(
			imeis.map((imei) => ({ imei })),
			latestLocation('={{ $json.imei }}'),
		);

	it('sends 250 IMEIs from 250 items as 1 login and 3 track requests, each output paired to its item', async () => {
		const imeis = fx.sim.imeis().slice(0, 250);
		expect(imeis).toHaveLength(250);

		const result = await fx.n8n.run(oneItemPerImei(imeis));

		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
		const trackCalls = fx.sim.requests('/api/track');
		expect(trackCalls.map((call) => call.query.imeis.split(',').length)).toEqual([100, 100, 50]);

		const output = result.output('ProTrack');
		expect(output).toHaveLength(250);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.imei).toBe(imeis[index]);
			expect(item.json.found).toBe(true);
		});
	});

	it('outputs the seed fields, decoded statuses, ISO times and the normalized location', async () => {
		const imei = fx.sim.imeis()[0];
		const device = fx.sim.device(imei)!;
		const result = await fx.n8n.run(oneItemPerImei([imei]));
		const json = result.output('ProTrack')[0].json;

		expect(json.latitude).toBe(device.latitude);
		expect(json.longitude).toBe(device.longitude);
		expect(json.gpstimeIso).toBe(new Date(device.gpstime * 1000).toISOString());
		expect(json.statuses).toEqual(
			expect.objectContaining({
				acc: { 1: 'on', 0: 'off', [-1]: 'unknown' }[device.accstatus as 1 | 0 | -1],
				connection: ['', 'neverOnline', 'online', 'expired', 'offline', 'blocked'][device.datastatus],
			}),
		);
		expect(json.location).toEqual({
			provider: 'protrack',
			deviceId: imei,
			latitude: device.latitude,
			longitude: device.longitude,
			time: new Date(device.gpstime * 1000).toISOString(),
			speedKmh: device.speed,
			headingDeg: device.course % 360,
			accuracyM: null,
			altitudeM: null,
		});
	});

	it('takes several IMEIs from one item and pairs every result to that item', async () => {
		const imeis = fx.sim.imeis().slice(0, 3);
		const result = await fx.n8n.run(itemsInto([{}], latestLocation(imeis.join(', '))));
		const output = result.output('ProTrack');
		expect(output.map((item) => item.json.imei)).toEqual(imeis);
		expect(output.every((item) => (item.pairedItem as unknown as IDataObject).item === 0)).toBe(true);
	});

	it('reports an IMEI the account does not have as not found instead of dropping it', async () => {
		const known = fx.sim.imeis()[0];
		const result = await fx.n8n.run(oneItemPerImei([known, '999999999999999']));
		const output = result.output('ProTrack');
		expect(output).toHaveLength(2);
		expect(output[1].json).toEqual(expect.objectContaining({ imei: '999999999999999', found: false }));
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	it('reuses the stored token in the next execution, and refreshes it exactly once after it expires', async () => {
		const imeis = fx.sim.imeis().slice(0, 5);
		await fx.n8n.run(oneItemPerImei(imeis));
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
		const firstToken = fx.n8n.credentials.read('1').data.accessToken;
		expect(firstToken).toEqual(expect.any(String));

		const second = await fx.n8n.run(oneItemPerImei(imeis));
		expect(second.error).toBeUndefined();
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);

		fx.sim.expireTokens();
		fx.sim.clearLog();
		const third = await fx.n8n.run(oneItemPerImei(imeis));
		expect(third.error).toBeUndefined();
		expect(third.output('ProTrack')).toHaveLength(5);
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
		const trackCodes = fx.sim.requests('/api/track').map((call) => call.status);
		expect(trackCodes).toHaveLength(2); // the rejected call and its single retry
		expect(fx.n8n.credentials.read('1').data.accessToken).not.toBe(firstToken);
	});

	it('refreshes once when the token expires between two batches of one execution', async () => {
		const imeis = fx.sim.imeis().slice(0, 250);
		await fx.n8n.run(oneItemPerImei(imeis.slice(0, 1)));
		fx.sim.clearLog();
		// The first batch goes through; the token is reported out of date on the second.
		fx.sim.inject({ path: '/api/track', fault: { kind: 'latency', ms: 1 } });
		fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code: 10012, message: 'expired' } } });

		const result = await fx.n8n.run(oneItemPerImei(imeis));
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack')).toHaveLength(250);
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
		const tokens = fx.sim.requests('/api/track').map((call) => call.query.access_token);
		expect(tokens).toHaveLength(4); // batch 1, batch 2 rejected, batch 2 again, batch 3
		expect(tokens[0]).toBe(tokens[1]);
		expect(tokens[2]).not.toBe(tokens[1]);
		expect(tokens[3]).toBe(tokens[2]);
	});

	it('uses a token another worker stored meanwhile instead of logging in again', async () => {
		const imeis = fx.sim.imeis().slice(0, 2);
		await fx.n8n.run(oneItemPerImei(imeis));
		fx.sim.clearLog();

		// While our track request is in flight, another worker logs in and stores its token.
		fx.sim.inject({ path: '/api/track', fault: { kind: 'latency', ms: 600 } });
		const running = fx.n8n.run(oneItemPerImei(imeis));
		await new Promise((resolve) => setTimeout(resolve, 200));
		const fresh = fx.sim.issueTokenElsewhere();
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, accessToken: fresh });

		const result = await running;
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/api/authorization')).toHaveLength(0);
		expect(fx.sim.requests('/api/track')).toHaveLength(2);
		expect(fx.sim.requests('/api/track')[1].query.access_token).toBe(fresh);
	});

	it('refreshes once when another client invalidated the token; logs in at most twice for a request, then fails clearly', async () => {
		const imeis = fx.sim.imeis().slice(0, 2);
		await fx.n8n.run(oneItemPerImei(imeis));
		fx.sim.issueTokenElsewhere();
		fx.sim.clearLog();
		const recovered = await fx.n8n.run(oneItemPerImei(imeis));
		expect(recovered.error).toBeUndefined();
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);

		fx.sim.clearLog();
		fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code: 10011, message: 'invalid token' } }, times: 3 });
		const failed = await fx.n8n.run(oneItemPerImei(imeis));
		expect(failed.error?.message).toMatch(/10011/);
		expect(fx.sim.requests('/api/authorization')).toHaveLength(2);
		expect(fx.sim.requests('/api/track')).toHaveLength(3);
	});

	it('fails on a wrong password with the documented meaning and logs in only once', async () => {
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, password: 'wrong' });
		const result = await fx.n8n.run(oneItemPerImei(fx.sim.imeis().slice(0, 2)));
		expect(result.error?.message).toMatch(/20001/);
		expect(result.error?.message).toMatch(/Account or password error/);
		expect(result.error?.message).not.toContain('wrong');
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
		expect(fx.sim.requests('/api/track')).toHaveLength(0);
	});

	it('waits and retries when ProTrack says requests are too frequent (10009) or HTTP 429/503', async () => {
		const imeis = fx.sim.imeis().slice(0, 3);
		fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code: 10009, message: 'too frequent' } } });
		fx.sim.inject({ path: '/api/track', fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } } });
		fx.sim.inject({ path: '/api/track', fault: { kind: 'status', status: 503 } });
		const result = await fx.n8n.run(oneItemPerImei(imeis));
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack')).toHaveLength(3);
		const calls = fx.sim.requests('/api/track');
		expect(calls.map((call) => call.status)).toEqual([200, 429, 503, 200]);
		expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(1000);
	});

	it('retries a malformed answer and a dropped connection on this read-only call', async () => {
		fx.sim.inject({ path: '/api/track', fault: { kind: 'malformed' } });
		fx.sim.inject({ path: '/api/track', fault: { kind: 'reset' } });
		const result = await fx.n8n.run(oneItemPerImei(fx.sim.imeis().slice(0, 1)));
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack')).toHaveLength(1);
		expect(fx.sim.requests('/api/track')).toHaveLength(3);
	});

	it('turns a documented error code into a message with the code and its meaning', async () => {
		fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code: 10013, message: '' } } });
		const result = await fx.n8n.run(oneItemPerImei(fx.sim.imeis().slice(0, 1)));
		expect(result.error?.message).toBe('ProTrack error 10013: IMEI is not authorized');
	});

	it('reads "No data" (20023) as an empty answer: every IMEI reported as not found, no failure', async () => {
		const imeis = fx.sim.imeis().slice(0, 2);
		fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code: 20023, message: 'No Data' } } });
		const result = await fx.n8n.run(oneItemPerImei(imeis));
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack').map((item) => item.json.found)).toEqual([false, false]);
	});

	describe('bad input is rejected before any request', () => {
		it.each([
			['an IMEI with letters', ['35889905102533A'], /IMEIs.*35889905102533A/],
			['an empty list', [''], /IMEIs/],
		])('%s', async (_label, imeis, message) => {
			const result = await fx.n8n.run(oneItemPerImei(imeis));
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('fails with the index of the bad item among good ones', async () => {
			const imeis = [...fx.sim.imeis().slice(0, 3), 'abc'];
			const result = await fx.n8n.run(oneItemPerImei(imeis));
			expect(result.error?.message).toMatch(/IMEIs.*abc/);
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(3);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('with Continue On Fail, keeps good items and gives the bad one an error item', async () => {
			const imeis = [fx.sim.imeis()[0], 'abc', fx.sim.imeis()[1]];
			const result = await fx.n8n.run(
				itemsInto(
					imeis.map((imei) => ({ imei })),
					latestLocation('={{ $json.imei }}', { onError: 'continueRegularOutput' }),
				),
			);
			const output = result.output('ProTrack');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output[1].json.error).toMatch(/IMEIs/);
			expect(output[0].json.found).toBe(true);
			expect(fx.sim.requests('/api/track')).toHaveLength(1);
		});
	});
});
