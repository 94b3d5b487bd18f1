/**
 * The ThingSpace Trigger active in the in-process n8n, over real HTTP: activation registers the workflow's
 * URL as the account's DeviceLocation listener (never taking over another system's without being told),
 * callbacks signed with the registration's shared key become one item per device, forged, unsigned and
 * repeated ones start nothing, and deactivation removes only its own listener. The seed's callback
 * examples are the test vectors.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { chain, itemsInto, node, TestN8n, type ActiveWorkflow, type WorkflowJson } from '../runner';
import { THINGSPACE_DEMO, THINGSPACE_OTHER, THINGSPACE_OTHER_LISTENER, ThingSpaceSimulator, type ReportBody } from '../simulators/thingspace';
import { thingspace, THINGSPACE, THINGSPACE_TRIGGER } from './thingspace-fixture';

const DEMO = THINGSPACE_DEMO.account;
const TRIGGER = 'On location report';
const STATIC_KEY = `node:${TRIGGER}`;

/** The seed's SUCCESS example (account changed to the demo account, which has the listener). */
const SEED_SUCCESS: ReportBody = {
	accountName: DEMO,
	deviceList: [
		{
			id: '354677790348290',
			kind: 'IMEI',
			mdn: '5557337468',
			positionData: { locationType: '1', radius: '1782', time: '20200723030357', x: '37.65996174987342', y: '-122.46907314206896' },
		},
	],
	reportType: 'LOCATION_REPORT',
	status: 'SUCCESS',
	transactionID: '9d98e12b-5287-4db2-8b1b-f295ced4527e',
};

/** The seed's FAILED example. */
const SEED_FAILED: ReportBody = {
	accountName: DEMO,
	deviceList: [
		{
			error: { info: 'Specified device category is not IoT', time: '20201002010140', type: 'TS DEVICE TYPE CHECK FAILED' },
			id: '354677790348290',
			kind: 'IMEI',
			mdn: '5557337468',
		},
	],
	reportType: 'LOCATION_REPORT',
	status: 'FAILED',
	transactionID: '58ad1c75-f423-4987-adda-b171d7a18207',
};

let sim: ThingSpaceSimulator;
let n8n: TestN8n;

function workflow(parameters: INodeParameters = {}): WorkflowJson {
	const credentials = { thingSpaceApi: { id: thingspace.credential.id, name: thingspace.credential.name } };
	return chain(
		node(TRIGGER, THINGSPACE_TRIGGER, parameters, credentials, { webhookId: '6f1c9a52-3d4e-4b8f-9a7c-2e5d8b1f0c34' }),
		node('Handle', 'n8n-nodes-base.noOp'),
	);
}

async function activate(parameters: INodeParameters = {}, staticData: IDataObject = {}): Promise<ActiveWorkflow> {
	return await n8n.activate(workflow(parameters), staticData);
}

const items = async (active: ActiveWorkflow) => (await active.executions()).map((execution) => execution.items.map((item) => item.json));

beforeEach(async () => {
	sim = new ThingSpaceSimulator({ rateLimitPerSecond: false });
	await sim.start(0);
	n8n = new TestN8n();
	n8n.credentials.add(thingspace.credential.type, { ...thingspace.credential.data(sim.baseUrl), ...thingspace.credential.inTests }, thingspace.credential.name, thingspace.credential.id);
});
afterEach(async () => {
	await n8n.stop();
	await sim.stop();
});

describe('ThingSpace Trigger: the DeviceLocation listener', () => {
	it('activation registers the webhook URL (the listing was an empty body) and keeps the shared key, account and URL', async () => {
		const active = await activate();
		const listener = sim.listener();
		expect(listener?.url).toBe(active.webhookUrl());
		expect(active.webhookUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/6f1c9a52-3d4e-4b8f-9a7c-2e5d8b1f0c34\/webhook$/);
		expect(sim.requests(/callbacks/).map((call) => `${call.method} ${call.status}`)).toEqual(['GET 200', 'POST 200']);
		expect(sim.requests(/callbacks/)[1].body).toEqual({ name: 'DeviceLocation', url: active.webhookUrl() });
		expect(active.staticData[STATIC_KEY]).toEqual({ sharedKey: listener?.secret, accountName: DEMO, listenerUrl: active.webhookUrl() });
	});

	it('re-activation with the stored static data finds its listener and registers nothing; a lost listener is registered again', async () => {
		const first = await activate();
		const stored = first.staticData;
		const url = first.webhookUrl();
		await n8n.stop();
		sim.clearLog();
		await activate({}, stored);
		expect(sim.requests(/callbacks/).map((call) => call.method)).toEqual(['GET']);
		await n8n.stop();
		sim.clearLog();
		const foreign = sim.registerForeignListener(DEMO, url);
		const third = await activate({}, {});
		// Our URL, but the shared key is not in this static data: registering again is the only way to learn one.
		expect(sim.requests(/callbacks/).map((call) => call.method)).toEqual(['GET', 'POST']);
		expect(sim.listener()?.secret).not.toBe(foreign.secret);
		expect((third.staticData[STATIC_KEY] as IDataObject).sharedKey).toBe(sim.listener()?.secret);
	});

	it('a listener that points at another system refuses activation, naming its URL, and is left as it was', async () => {
		const foreign = sim.registerForeignListener(DEMO, 'https://fleet.example.com/thingspace');
		await expect(activate()).rejects.toThrow(`The ThingSpace account ${DEMO} already sends its DeviceLocation callbacks to https://fleet.example.com/thingspace`);
		expect(sim.listener()).toEqual(foreign);
		expect(sim.requests(/callbacks/).map((call) => call.method)).toEqual(['GET', 'GET']);
	});

	it('with "Replace Existing Listener" it takes the listener over; deactivation then removes it', async () => {
		sim.registerForeignListener(DEMO, 'https://fleet.example.com/thingspace');
		const active = await activate({ replaceExisting: true });
		expect(sim.listener()?.url).toBe(active.webhookUrl());
		await active.deactivate();
		expect(sim.listeners()).toEqual([]);
	});

	it("another account's existing listener is named too (the trigger's own Account Name)", async () => {
		n8n.credentials.add(thingspace.credential.type, { ...thingspace.credential.data(sim.baseUrl), username: THINGSPACE_OTHER.username, password: THINGSPACE_OTHER.password, accountName: THINGSPACE_OTHER.account, loginWaitSeconds: 0 }, thingspace.credential.name, thingspace.credential.id);
		await expect(activate()).rejects.toThrow(`already sends its DeviceLocation callbacks to ${THINGSPACE_OTHER_LISTENER}`);
	});

	it('deactivation removes the listener only while it is still this workflow\'s', async () => {
		const active = await activate();
		const [, registration] = sim.requests(/callbacks/);
		expect(registration.method).toBe('POST');
		const foreign = sim.registerForeignListener(DEMO, 'https://fleet.example.com/thingspace');
		sim.clearLog();
		await active.deactivate();
		expect(sim.listener()).toEqual(foreign);
		expect(sim.requests(/callbacks/).map((call) => call.method)).toEqual(['GET']);
		expect(active.staticData[STATIC_KEY]).toEqual({});
	});

	it('deactivation of its own listener deletes it', async () => {
		const active = await activate();
		sim.clearLog();
		await active.deactivate();
		expect(sim.listeners()).toEqual([]);
		expect(sim.requests(/callbacks/).map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /api/loc/v1/callbacks/${DEMO}`,
			`DELETE /api/loc/v1/callbacks/${DEMO}/name/DeviceLocation`,
		]);
	});

	it('a refused registration fails activation; its error says the webhook URL is not HTTPS', async () => {
		// The listing (first) finds none; the registration (second) is refused.
		sim.inject({ path: `/api/loc/v1/callbacks/${DEMO}`, fault: { kind: 'status', status: 200, body: [] } });
		sim.inject({ path: `/api/loc/v1/callbacks/${DEMO}`, fault: { kind: 'status', status: 400, body: { errorCode: 'INVALID_PARAMETER', errorMessage: 'Invalid callback URL' } } });
		await expect(activate()).rejects.toMatchObject({ description: expect.stringMatching(/Invalid callback URL.*is not HTTPS: ThingSpace calls only public HTTPS addresses/) });
	});
});

describe('ThingSpace Trigger: callbacks', () => {
	it('a signed callback (the seed\'s SUCCESS example) starts one execution with the device as an item', async () => {
		const active = await activate();
		const delivery = await sim.sendReport(SEED_SUCCESS);
		expect(delivery.httpStatus).toBe(200);
		expect(await items(active)).toEqual([
			[
				{
					accountName: DEMO,
					reportType: 'LOCATION_REPORT',
					status: 'SUCCESS',
					transactionId: '9d98e12b-5287-4db2-8b1b-f295ced4527e',
					deviceId: '354677790348290',
					kind: 'IMEI',
					mdn: '5557337468',
					time: '2020-07-23T03:03:57.000Z',
					cached: false,
					accuracyMeters: 1782,
					location: {
						provider: 'thingspace',
						deviceId: '354677790348290',
						latitude: 37.65996174987342,
						longitude: -122.46907314206896,
						time: '2020-07-23T03:03:57.000Z',
						speedKmh: null,
						headingDeg: null,
						accuracyM: 1782,
						altitudeM: null,
					},
				},
			],
		]);
		const [execution] = await active.executions();
		expect(execution.result.output('Handle')).toHaveLength(1);
	});

	it("the seed's FAILED example gives the device with its error; a callback of several devices gives one item each", async () => {
		const active = await activate({ options: { includeRaw: true } });
		await sim.sendReport(SEED_FAILED);
		const fleet = [sim.device(0), sim.device(1)];
		await sim.sendReport({
			...SEED_SUCCESS,
			transactionID: 'c0ffee00-0000-4000-8000-000000000001',
			deviceList: fleet.map((device) => ({ id: device.imei, kind: 'IMEI', mdn: device.mdn, positionData: { locationType: '0', radius: '12', time: '20260101120000', x: '41.88', y: '-87.63' } })),
		});
		const [failed, several] = await items(active);
		expect(failed).toEqual([
			expect.objectContaining({
				status: 'FAILED',
				time: '2020-10-02T01:01:40.000Z',
				cached: null,
				accuracyMeters: null,
				location: null,
				error: { type: 'TS DEVICE TYPE CHECK FAILED', info: 'Specified device category is not IoT', time: '2020-10-02T01:01:40.000Z' },
				raw: SEED_FAILED.deviceList[0],
			}),
		]);
		expect(several.map((item) => [item.deviceId, item.mdn, item.cached, item.time])).toEqual(fleet.map((device) => [device.imei, device.mdn, true, '2026-01-01T12:00:00.000Z']));
	});

	it('forged and unsigned callbacks are answered 401 and start nothing', async () => {
		const active = await activate();
		const forged = await sim.sendReport(SEED_SUCCESS, 'forged');
		const unsigned = await sim.sendReport(SEED_FAILED, 'unsigned');
		expect([forged.httpStatus, unsigned.httpStatus]).toEqual([401, 401]);
		expect(await active.executions()).toEqual([]);
	});

	it('a repeated delivery (same bytes, same signature) is answered 200 and starts nothing', async () => {
		const active = await activate();
		const first = await sim.sendReport(SEED_SUCCESS);
		const repeated = await sim.redeliver(first.seq);
		expect([first.httpStatus, repeated.httpStatus]).toEqual([200, 200]);
		expect(JSON.parse(repeated.responseBody)).toEqual({ received: true, repeated: true });
		expect(await active.executions()).toHaveLength(1);
	});

	it('a callback signed with the key of an earlier registration is refused after the listener was registered again', async () => {
		const active = await activate({ replaceExisting: true });
		const stale = sim.listener()!.secret;
		sim.registerForeignListener(DEMO, active.webhookUrl());
		expect(sim.listener()?.secret).not.toBe(stale);
		expect((await sim.sendReport(SEED_SUCCESS)).httpStatus).toBe(401);
	});

	it('filters: failed only, stop responses left out, failed devices left out: a callback with nothing left is answered 200 and starts nothing', async () => {
		const failedOnly = await activate({ options: { status: 'failed' } });
		expect((await sim.sendReport(SEED_SUCCESS)).httpStatus).toBe(200);
		expect((await sim.sendReport(SEED_FAILED)).httpStatus).toBe(200);
		expect((await items(failedOnly)).map((execution) => execution.map((item) => item.status))).toEqual([['FAILED']]);
		await failedOnly.deactivate();

		const locationsOnly = await activate({ options: { reportTypes: ['LOCATION_REPORT'], failedDevices: 'filter' } });
		const stop = await sim.sendReport({ accountName: DEMO, deviceList: [{ id: '354677790348290', mdn: '5557337468' }], reportType: 'STOP_PERIODIC_LOCATION_RESPONSE', status: 'SUCCESS', transactionID: 'x' });
		const failed = await sim.sendReport({ ...SEED_FAILED, transactionID: 'y' });
		const located = await sim.sendReport({ ...SEED_SUCCESS, transactionID: 'z' });
		expect([stop.httpStatus, failed.httpStatus, located.httpStatus]).toEqual([200, 200, 200]);
		expect(JSON.parse(stop.responseBody)).toEqual({ received: true, started: false });
		expect(JSON.parse(located.responseBody)).toEqual({ received: true });
		expect((await items(locationsOnly)).map((execution) => execution.map((item) => item.transactionId))).toEqual([['z']]);
	});

	it('with Verify Signatures off an unsigned callback starts the workflow; a source allowlist without the sender refuses with 403', async () => {
		const unverified = await activate({ verifySignatures: false });
		expect((await sim.sendReport(SEED_SUCCESS, 'unsigned')).httpStatus).toBe(200);
		expect(await unverified.executions()).toHaveLength(1);
		await unverified.deactivate();
		const allowlisted = await activate({ options: { sourceAllowlist: '68.128.212.217' } });
		expect((await sim.sendReport({ ...SEED_SUCCESS, transactionID: 'other' })).httpStatus).toBe(403);
		expect(await allowlisted.executions()).toEqual([]);
	});

	it('end to end: Start periodic location, the session\'s fixes and the Stop confirmations arrive as items, one per device', async () => {
		const active = await activate();
		const devices = [sim.device(10), sim.device(11)];
		const credentials = { thingSpaceApi: { id: thingspace.credential.id, name: thingspace.credential.name } };
		const start = await n8n.run(
			itemsInto(
				devices.map((device) => ({ imei: device.imei, mdn: device.mdn })),
				node('ThingSpace', THINGSPACE, { resource: 'periodicLocation', operation: 'start', numberOfFixes: 2, fixInterval: 60 }, credentials),
			),
		);
		expect(start.error).toBeUndefined();
		const transactionId = String(start.output('ThingSpace')[0].json.transactionId);
		await sim.advance(61_000);
		await n8n.run(itemsInto(start.output('ThingSpace').map((item) => item.json), node('ThingSpace', THINGSPACE, { resource: 'periodicLocation', operation: 'stop' }, credentials)));
		await sim.idle();
		const received = (await items(active)).flat();
		const reports = received.filter((item) => item.reportType === 'LOCATION_REPORT');
		expect(reports.map((item) => [item.transactionId, item.deviceId]).sort()).toEqual(
			[...devices, ...devices].map((device) => [transactionId, device.imei]).sort(),
		);
		expect(reports.every((item) => (item.location as IDataObject).latitude !== null)).toBe(true);
		const stops = received.filter((item) => item.reportType === 'STOP_PERIODIC_LOCATION_RESPONSE');
		expect(stops.map((item) => [item.transactionId, item.deviceId, item.mdn, item.time]).sort()).toEqual(
			devices.map((device) => [transactionId, device.imei, device.mdn, null]).sort(),
		);
	});
});
