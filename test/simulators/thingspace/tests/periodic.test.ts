/** Periodic location: request limits and errors, the schedule (startTime, fixInterval, numberOfFixes), stop, consent, signatures. */
import { createHmac } from 'node:crypto';

import { THINGSPACE_OTHER, tsTime } from '../index';
import { DEMO, LOC, deviceEntry, harness, type ThingSpaceEnv } from './harness';

const START = `${LOC}/devicelocations/action/periodic`;
const SECOND = 1000;

const start = async (env: ThingSpaceEnv, devices: unknown[], options: Record<string, unknown> = {}) =>
	await env.call('POST', START, { accountName: DEMO, deviceList: devices, ...options });

const stop = async (env: ThingSpaceEnv, transactionID: string, mdn: unknown[], account = DEMO) =>
	await env.call('DELETE', `${START}/${transactionID}?accountName=${account}`, { mdn });

/** Starts a session and returns its transaction id (expects QUEUED). */
async function started(env: ThingSpaceEnv, devices: unknown[], options: Record<string, unknown> = {}): Promise<string> {
	const answer = await start(env, devices, options);
	expect(answer.status).toBe(200);
	expect(answer.body).toEqual({ transactionID: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'QUEUED' });
	return answer.body.transactionID as string;
}

describe('ThingSpace periodic location: request checks', () => {
	const env = harness();

	beforeAll(async () => await env.signIn());

	it('takes up to 10,000 devices and refuses more, or none', async () => {
		const many = Array.from({ length: 10_000 }, (_, index) => deviceEntry(env, index));
		await started(env, many);
		const tooMany = await start(env, [...many, deviceEntry(env, 10_000)]);
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'deviceList can contain a maximum of 10000 devices' });
		expect((await start(env, [])).body.errorCode).toBe('INVALID_PARAMETER');
		expect((await env.call('POST', START, { accountName: DEMO })).status).toBe(400);
	});

	it('refuses mixed or unsupported identifier kinds and devices without an id', async () => {
		expect((await start(env, [deviceEntry(env, 0), deviceEntry(env, 1, 'meid')])).status).toBe(400);
		expect((await start(env, [deviceEntry(env, 0, 'mdn')])).status).toBe(400);
		expect((await start(env, [{ kind: 'imei' }])).status).toBe(400);
		await started(env, [deviceEntry(env, 0, 'IMEI'), deviceEntry(env, 1, 'imei')]);
	});

	it.each([
		['maxLocAge', 3601],
		['maxLocAge', -1],
		['maxLocationAge', '3601'],
		['numberOfFixes', 1001],
		['fixInterval', 0],
		['fixInterval', '1036801'],
		['startTime', 86401],
		['startTime', '1.5'],
		['numberOfFixes', 'twelve'],
	])('refuses %s = %p', async (field, value) => {
		const answer = await start(env, [deviceEntry(env, 0)], { [field]: value });
		expect(answer.status).toBe(400);
		expect(answer.body.errorCode).toBe('INVALID_PARAMETER');
		expect(answer.body.errorMessage).toContain(field === 'maxLocationAge' ? 'maxLocAge' : field);
	});

	it('takes the range limits as strings (the table) or numbers (the example)', async () => {
		const id = await started(env, [deviceEntry(env, 0)], { maxLocAge: '3600', numberOfFixes: '1000', fixInterval: '1036800', startTime: '86400' });
		expect(env.sim.periodicSession(id)?.params).toEqual({ maxLocAge: 3600, numberOfFixes: 1000, fixInterval: 1036800, startTime: 86400, cacheMode: 1 });
		const example = await started(env, [deviceEntry(env, 0)], { maxLocationAge: 120, numberOfFixes: 4, fixInterval: 60, startTime: 25 });
		expect(env.sim.periodicSession(example)?.params).toMatchObject({ maxLocAge: 120, numberOfFixes: 4, fixInterval: 60, startTime: 25 });
		const defaults = await started(env, [deviceEntry(env, 0)]);
		expect(env.sim.periodicSession(defaults)?.params).toEqual({ maxLocAge: 120, numberOfFixes: 12, fixInterval: 3600, startTime: 0, cacheMode: 1 });
	});

	it('checks the account name and that it is the session user’s, and the JSON', async () => {
		expect((await env.call('POST', START, { accountName: '123456-1', deviceList: [deviceEntry(env, 0)] })).body.errorMessage).toBe('Invalid account name');
		const other = await env.call('POST', START, { accountName: THINGSPACE_OTHER.account, deviceList: [deviceEntry(env, 0)] });
		expect(other.body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'Unregistered account' });
		const raw = await fetch(`${env.base}${START}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${env.tokens.bearer}`, 'vz-m2m-token': env.tokens.session, 'content-type': 'application/json' },
			body: '{"accountName": ',
		});
		expect(raw.status).toBe(400);
		expect(await raw.json()).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'Invalid JSON' });
	});
});

describe('ThingSpace periodic location: schedule, stop and callbacks', () => {
	const env = harness();
	let sharedKey = '';

	beforeAll(async () => {
		await env.signIn();
		sharedKey = await env.listen();
	});
	beforeEach(async () => {
		env.receiver.clear();
		await env.signIn();
	});

	it('waits startTime, then reports every fixInterval until numberOfFixes, one signed callback per device', async () => {
		const devices = [0, 1, 2].map((index) => deviceEntry(env, index));
		const id = await started(env, devices, { numberOfFixes: '3', fixInterval: '60', startTime: '25' });
		const createdAt = env.sim.periodicSession(id)!.createdAt;
		await env.sim.advance(24 * SECOND);
		expect(env.receiver.received).toHaveLength(0);
		await env.sim.advance(1 * SECOND);
		expect(env.receiver.received).toHaveLength(3);
		await env.sim.advance(59 * SECOND);
		expect(env.receiver.received).toHaveLength(3);
		await env.sim.advance(1 * SECOND);
		expect(env.receiver.received).toHaveLength(6);
		await env.sim.advance(600 * SECOND);
		expect(env.receiver.received).toHaveLength(9);

		const bodies = env.receiver.bodies();
		const times = [...new Set(bodies.map((body) => body.deviceList[0].positionData.time))];
		expect(times).toEqual([25, 85, 145].map((offset) => tsTime(createdAt + offset * SECOND)));
		for (const body of bodies) {
			expect(Object.keys(body)).toEqual(['accountName', 'deviceList', 'reportType', 'status', 'transactionID']);
			expect(body).toMatchObject({ accountName: DEMO, reportType: 'LOCATION_REPORT', status: 'SUCCESS', transactionID: id });
			const [device] = body.deviceList;
			expect(devices.map((entry) => entry.id)).toContain(device.id);
			expect(device).toEqual({
				id: device.id,
				kind: 'IMEI',
				mdn: devices.find((entry) => entry.id === device.id)!.mdn,
				positionData: { locationType: '1', radius: expect.stringMatching(/^\d+$/), time: expect.stringMatching(/^\d{14}$/), x: expect.any(String), y: expect.any(String) },
			});
			expect(Math.abs(Number(device.positionData.x) - 41.88)).toBeLessThan(0.3);
			expect(Math.abs(Number(device.positionData.y) + 87.63)).toBeLessThan(0.3);
		}
		for (const { headers, body } of env.receiver.received) {
			expect(headers['vz-signature']).toBe(createHmac('sha256', sharedKey).update(body, 'utf8').digest('hex'));
		}
		expect(env.sim.periodicSession(id)!.devices.map((device) => device.fixes)).toEqual([3, 3, 3]);
	});

	it('reports 12 times an hour apart when neither numberOfFixes nor fixInterval is given', async () => {
		const id = await started(env, [deviceEntry(env, 3)]);
		const createdAt = env.sim.periodicSession(id)!.createdAt;
		await env.sim.advance(13 * 3600 * SECOND);
		const times = env.receiver.bodies().map((body) => body.deviceList[0].positionData.time);
		expect(times).toEqual(Array.from({ length: 12 }, (_, hour) => tsTime(createdAt + hour * 3600 * SECOND)));
	});

	it('with numberOfFixes 0 reports until stopped, then answers the stop with one STOP_PERIODIC_LOCATION_RESPONSE', async () => {
		const device = deviceEntry(env, 4);
		const id = await started(env, [device], { numberOfFixes: 0, fixInterval: 10 });
		await env.sim.advance(100 * SECOND);
		expect(env.receiver.received).toHaveLength(11);
		env.receiver.clear();
		const answer = await stop(env, id, [device.mdn]);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ transactionID: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'COMPLETED' });
		expect(answer.body.transactionID).not.toBe(id);
		await env.sim.idle();
		expect(env.receiver.bodies()).toEqual([
			{ accountName: DEMO, deviceList: [{ id: device.id, mdn: device.mdn }], reportType: 'STOP_PERIODIC_LOCATION_RESPONSE', status: 'SUCCESS', transactionID: id },
		]);
		await env.sim.advance(1000 * SECOND);
		expect(env.receiver.received).toHaveLength(1);
	});

	it('stops the listed devices only, once each; a device stopped again is counted again', async () => {
		const devices = [5, 6, 7, 8, 9].map((index) => deviceEntry(env, index));
		const id = await started(env, devices, { numberOfFixes: 0, fixInterval: 60, startTime: 30 });
		await stop(env, id, [devices[0].mdn, devices[1].mdn, '5550000000']);
		await env.sim.advance(30 * SECOND);
		const reports = env.receiver.bodies();
		expect(reports.filter((body) => body.reportType === 'STOP_PERIODIC_LOCATION_RESPONSE').map((body) => body.deviceList[0].id).sort()).toEqual([devices[0].id, devices[1].id].sort());
		expect(reports.filter((body) => body.reportType === 'LOCATION_REPORT').map((body) => body.deviceList[0].id).sort()).toEqual(devices.slice(2).map((entry) => entry.id).sort());
		await stop(env, id, devices.slice(1).map((entry) => entry.mdn));
		await env.sim.idle();
		expect(Object.fromEntries(env.sim.stoppedDevices(id))).toEqual({ [devices[0].id]: 1, [devices[1].id]: 2, [devices[2].id]: 1, [devices[3].id]: 1, [devices[4].id]: 1 });
		expect(env.sim.periodicSession(id)!.stopRequests.map((request) => request.mdns.length)).toEqual([3, 4]);
	});

	it('refuses stops with no or more than 100 MDNs, an unknown transaction or another account', async () => {
		const id = await started(env, [deviceEntry(env, 10)]);
		const mdns = Array.from({ length: 101 }, (_, index) => env.sim.device(index).mdn);
		expect((await stop(env, id, mdns)).body).toEqual({ errorCode: 'INVALID_PARAMETER', errorMessage: 'mdn can contain a maximum of 100 MDNs' });
		expect((await stop(env, id, mdns.slice(0, 100))).status).toBe(200);
		expect((await stop(env, id, [])).status).toBe(400);
		const unknown = await stop(env, '00000000-0000-4000-8000-000000000000', [mdns[0]]);
		expect(unknown.status).toBe(400);
		expect(unknown.body.errorCode).toBe('INVALID_PARAMETER');
		expect((await stop(env, id, [mdns[0]], THINGSPACE_OTHER.account)).body.errorMessage).toBe('Unregistered account');
	});

	it('sends FAILED reports for devices without consent or not owned, every fix', async () => {
		const noConsent = deviceEntry(env, 49);
		const revoked = deviceEntry(env, 11);
		env.sim.setConsent(revoked.id, false);
		const foreign = env.sim.device(0, THINGSPACE_OTHER.account);
		const devices = [noConsent, revoked, { id: foreign.imei, kind: 'imei', mdn: foreign.mdn }, deviceEntry(env, 12)];
		await started(env, devices, { numberOfFixes: 2, fixInterval: 5 });
		await env.sim.advance(5 * SECOND);
		const bodies = env.receiver.bodies();
		expect(bodies).toHaveLength(8);
		const failed = bodies.filter((body) => body.status === 'FAILED');
		expect(failed).toHaveLength(6);
		const byId = (id: string) => failed.filter((body) => body.deviceList[0].id === id).map((body) => body.deviceList[0]);
		for (const entry of [noConsent, revoked]) {
			expect(byId(entry.id)).toEqual([0, 1].map(() => ({ error: { info: 'No consent on file for this device', time: expect.stringMatching(/^\d{14}$/), type: 'TS CONSENT NOT FOUND' }, id: entry.id, kind: 'IMEI', mdn: entry.mdn })));
		}
		expect(byId(foreign.imei).map((device) => device.error.type)).toEqual(['TS OWNERSHIP CHECK FAILED', 'TS OWNERSHIP CHECK FAILED']);
		env.sim.setConsent(revoked.id, true);
		expect(env.sim.hasConsent(revoked.id)).toBe(true);
		expect(env.sim.hasConsent(noConsent.id)).toBe(false);
	});
});

describe('ThingSpace periodic location at fleet scale', () => {
	const env = harness();

	it('starts 25,000 devices in 3 requests and stops each exactly once by MDN, 100 a request', async () => {
		await env.signIn();
		const fleet = env.sim.fleetHead(25_000);
		const ids: string[] = [];
		for (let first = 0; first < fleet.length; first += 10_000) {
			const batch = fleet.slice(first, first + 10_000).map((device) => ({ id: device.imei, kind: 'imei', mdn: device.mdn }));
			ids.push(await started(env, batch, { numberOfFixes: 0 }));
		}
		for (const id of ids) {
			const mdns = env.sim.periodicSession(id)!.devices.map((device) => device.mdn);
			for (let first = 0; first < mdns.length; first += 100) expect((await stop(env, id, mdns.slice(first, first + 100))).status).toBe(200);
		}
		await env.sim.idle();
		const stops = ids.flatMap((id) => [...env.sim.stoppedDevices(id).values()]);
		expect(stops).toHaveLength(25_000);
		expect(stops.every((count) => count === 1)).toBe(true);
		const responses = env.sim.callbacks().filter((delivery) => delivery.reportType === 'STOP_PERIODIC_LOCATION_RESPONSE');
		expect(responses).toHaveLength(25_000);
		expect(new Set(responses.map((delivery) => delivery.transactionID))).toEqual(new Set(ids));
		expect(env.sim.requests(/periodic/).length).toBe(3 + 250);
	});
});
