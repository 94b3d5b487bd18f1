/**
 * ThingSpace › Periodic Location through the n8n engine against the simulator: Start from input items or a
 * list (the request's fields as the node reads the document), validation before any request, batches of
 * 10,000 devices, Stop by session and 100 MDNs per request, and the request and login counts of a
 * 25,000-device fleet started and stopped.
 */
import type { IDataObject } from 'n8n-workflow';

import { chain, itemsInto, node } from '../runner';
import { THINGSPACE_DEMO, THINGSPACE_OTHER } from '../simulators/thingspace';
import { locationCalls, THINGSPACE, thingSpaceNode, useThingSpace } from './thingspace-fixture';

const DEMO = THINGSPACE_DEMO.account;
const START = { resource: 'periodicLocation', operation: 'start' };
const STOP = { resource: 'periodicLocation', operation: 'stop' };

describe('ThingSpace › Periodic Location, through the n8n engine', () => {
	const fx = useThingSpace({ rateLimitPerSecond: false }, { perTest: true });
	const rows = (count: number, first = 0) =>
		fx.sim.fleetHead(first + count).slice(first).map((device) => ({ imei: device.imei, mdn: device.mdn, name: device.name }));
	const startRun = (items: IDataObject[], parameters: IDataObject = {}, extra = {}) =>
		itemsInto(items, thingSpaceNode(fx, { ...START, ...parameters }, extra));
	const periodicBodies = () => fx.sim.requests('/api/loc/v1/devicelocations/action/periodic').map((call) => call.body as IDataObject);

	it('Start from input items: one request with numbers as strings, maxLocAge and numberOfFixes always sent; one item per device', async () => {
		const devices = rows(5);
		const result = await fx.n8n.run(startRun(devices));
		expect(result.error).toBeUndefined();
		expect(locationCalls(fx.sim)).toEqual(['POST /devicelocations/action/periodic']);
		expect(periodicBodies()[0]).toEqual({
			accountName: DEMO,
			deviceList: devices.map((device) => ({ id: device.imei, kind: 'imei', mdn: device.mdn })),
			maxLocAge: '120',
			numberOfFixes: '12',
			fixInterval: '3600',
			startTime: '0',
		});
		const output = result.output('ThingSpace');
		const transactionId = String(output[0].json.transactionId);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual(
			devices.map((device, index) => [
				{ deviceId: device.imei, mdn: device.mdn, transactionId, status: 'QUEUED', accountName: DEMO },
				{ item: index },
			]),
		);
		const session = fx.sim.periodicSession(transactionId);
		expect(session?.devices.map((device) => device.requested.id)).toEqual(devices.map((device) => device.imei));
		expect(session?.params).toMatchObject({ numberOfFixes: 12, fixInterval: 3600, startTime: 0, maxLocAge: 120 });
	});

	it('Start from a list with the settings chosen: every device pairs with item 0; 0 fixes means until stopped', async () => {
		const devices = rows(3);
		const list = devices.map((device, index) => (index === 1 ? device.imei : `${device.imei}:${device.mdn}`)).join(',\n');
		const parameters = { deviceSource: 'list', devices: list, numberOfFixes: 0, fixInterval: 60, startDelay: 25, maxLocationAge: 30, options: { cacheMode: '2' } };
		const result = await fx.n8n.run(startRun([{}, {}], parameters));
		expect(result.error).toBeUndefined();
		expect(periodicBodies()).toEqual([
			{
				accountName: DEMO,
				deviceList: [
					{ id: devices[0].imei, kind: 'imei', mdn: devices[0].mdn },
					{ id: devices[1].imei, kind: 'imei' },
					{ id: devices[2].imei, kind: 'imei', mdn: devices[2].mdn },
				],
				maxLocAge: '30',
				numberOfFixes: '0',
				fixInterval: '60',
				startTime: '25',
				cacheMode: '2',
			},
		]);
		const output = result.output('ThingSpace');
		expect(output.map((item) => [item.json.deviceId, item.json.mdn, item.pairedItem])).toEqual([
			[devices[0].imei, devices[0].mdn, { item: 0 }],
			[devices[1].imei, null, { item: 0 }],
			[devices[2].imei, devices[2].mdn, { item: 0 }],
		]);
	});

	it('the session reports on the simulated schedule: first fix after the start delay, then each interval', async () => {
		const receiver = fx.sim.registerForeignListener(DEMO, 'http://127.0.0.1:9/nobody');
		expect(receiver.url).toContain('127.0.0.1');
		const result = await fx.n8n.run(startRun(rows(2), { numberOfFixes: 3, fixInterval: 60, startDelay: 30 }));
		const transactionId = String(result.output('ThingSpace')[0].json.transactionId);
		const reports = () => fx.sim.callbacks().filter((entry) => entry.transactionID === transactionId && entry.reportType === 'LOCATION_REPORT');
		await fx.sim.advance(29_000);
		expect(reports()).toHaveLength(0);
		await fx.sim.advance(1_000);
		expect(reports()).toHaveLength(2);
		await fx.sim.advance(10 * 60_000);
		expect(reports()).toHaveLength(6);
	});

	it.each([
		['Number of Fixes', { numberOfFixes: 1001 }, /"Number of Fixes": 1001 \(expected a whole number from 0 to 1000/],
		['Fix Interval', { fixInterval: 0 }, /"Fix Interval \(Seconds\)": 0 \(expected a whole number from 1 to 1036800/],
		['Start Delay', { startDelay: 86401 }, /"Start Delay \(Seconds\)": 86401 \(expected a whole number from 0 to 86400/],
		['Maximum Location Age', { maxLocationAge: 3601 }, /"Maximum Location Age \(Seconds\)": 3601 \(expected a whole number from 0 to 3600/],
		['Account Name', { accountName: '123456-1' }, /"Account Name": "123456-1" \(expected a billing account name: 10 digits, a hyphen and 5 digits/],
		['IMEI', { imei: '35467779000000' }, /"IMEI": "35467779000000" \(expected an IMEI: 15 digits/],
		['an MDN given as IMEI', { imei: '5557330000' }, /"IMEI": "5557330000" \(expected an IMEI: 15 digits.*looks like an MDN/],
		['MDN', { mdn: '555733000' }, /"MDN": "555733000" \(expected an MDN: 10 digits/],
		['a list mixing kinds', { deviceSource: 'list', devices: '354677790000001, 5557330001' }, /"Devices": "5557330001" \(expected IMEIs \(15 digits\) only, one identifier kind per list/],
	])('%s out of its documented range fails the node naming the field, value and range, before any request', async (_name, parameters, message) => {
		const result = await fx.n8n.run(startRun(rows(2), parameters));
		expect(result.error?.message).toMatch(message);
		expect(fx.sim.requests()).toEqual([]);
	});

	it('an invalid input item stops the node before anything starts; under Continue On Fail it becomes an error item and the rest start', async () => {
		const devices: IDataObject[] = rows(3);
		devices[1] = { ...devices[1], imei: 'not-an-imei' };
		const failed = await fx.n8n.run(startRun(devices));
		expect(failed.error?.message).toMatch(/"IMEI": "not-an-imei"/);
		expect(fx.sim.requests()).toEqual([]);
		const result = await fx.n8n.run(startRun(devices, {}, { continueOnFail: true }));
		expect(result.error).toBeUndefined();
		const output = result.output('ThingSpace');
		expect(output.map((item) => [item.pairedItem, item.json.status ?? item.json.error])).toEqual([
			[{ item: 0 }, 'QUEUED'],
			[{ item: 1 }, expect.stringMatching(/"IMEI": "not-an-imei"/)],
			[{ item: 2 }, 'QUEUED'],
		]);
		expect(periodicBodies()[0].deviceList).toHaveLength(2);
	});

	it('a refused start names the session already started: here the second account is not the UWS user\'s', async () => {
		const devices: IDataObject[] = [...rows(2), { ...rows(1, 2)[0], accountName: THINGSPACE_OTHER.account }];
		const parameters = { accountName: '={{ $json.accountName ?? "" }}' };
		const result = await fx.n8n.run(startRun(devices, parameters));
		expect(result.error?.message).toMatch(/ThingSpace error INVALID_PARAMETER/);
		const [started] = fx.sim.periodicSessions();
		const description = String((result.error as { description?: string }).description);
		expect(description).toMatch(/Unregistered account/);
		expect(description).toContain(`Already started before this failure, and not undone: ${started.transactionID} (2 devices of ${DEMO})`);
		const tolerant = await fx.n8n.run(startRun(devices, parameters, { continueOnFail: true }));
		expect(tolerant.output('ThingSpace').map((item) => item.json.status ?? item.json.error)).toEqual([
			'QUEUED',
			'QUEUED',
			expect.stringMatching(/INVALID_PARAMETER/),
		]);
	});

	it('a gateway fault on Start is not retried (a second session would start) and says it may have started', async () => {
		fx.sim.inject({ path: '/api/loc/v1/devicelocations/action/periodic', fault: { kind: 'status', status: 502, body: { fault: { code: 101503, message: 'Runtime Error' } } } });
		const result = await fx.n8n.run(startRun(rows(2)));
		expect(result.error?.message).toMatch(/HTTP 502 from ThingSpace \(101503\): Runtime Error/);
		expect(String((result.error as { description?: string }).description)).toMatch(/may already have carried it out/);
		expect(locationCalls(fx.sim)).toEqual(['POST /devicelocations/action/periodic']);
	});

	it('Stop after Start: the Start output as input, one DELETE per session with its MDNs, each device stopped once, paired', async () => {
		const devices = rows(5);
		const workflow = chain(
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Items', 'test.items', { items: JSON.stringify(devices) }),
			node('Start periodic', THINGSPACE, START, fx.credentials),
			node('Stop periodic', THINGSPACE, STOP, fx.credentials),
		);
		const result = await fx.n8n.run(workflow);
		expect(result.error).toBeUndefined();
		const transactionId = String(result.output('Start periodic')[0].json.transactionId);
		const [stop] = fx.sim.requests(/\/periodic\//);
		expect([stop.method, stop.path, stop.query, stop.body]).toEqual([
			'DELETE',
			`/api/loc/v1/devicelocations/action/periodic/${transactionId}`,
			{ accountName: DEMO },
			{ mdn: devices.map((device) => device.mdn) },
		]);
		expect([...fx.sim.stoppedDevices(transactionId).values()]).toEqual(devices.map(() => 1));
		const output = result.output('Stop periodic');
		expect(output.map((item) => [item.json.mdn, item.json.transactionId, item.json.status, item.pairedItem])).toEqual(
			devices.map((device, index) => [device.mdn, transactionId, 'COMPLETED', { item: index }]),
		);
		expect(typeof output[0].json.stopTransactionId).toBe('string');
		expect(output[0].json.stopTransactionId).not.toBe(transactionId);
	});

	it('Stop from a list: one session and its MDNs, read once; repeats sent once', async () => {
		const start = await fx.n8n.run(startRun(rows(3)));
		const transactionId = String(start.output('ThingSpace')[0].json.transactionId);
		const mdns = rows(3).map((device) => device.mdn);
		fx.sim.clearLog();
		const result = await fx.n8n.run(startRun([{}], { ...STOP, deviceSource: 'list', transactionId, mdns: `${mdns.join('\n')}, ${mdns[0]}` }));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests().map((call) => call.body)).toEqual([{ mdn: mdns }]);
		expect(result.output('ThingSpace').map((item) => [item.json.mdn, item.pairedItem])).toEqual(mdns.map((mdn) => [mdn, { item: 0 }]));
	});

	it('Stop needs an MDN per item, and ThingSpace\'s refusal of an unknown session names it', async () => {
		const missing = await fx.n8n.run(startRun([{ transactionId: 'abc', mdn: '' }], STOP));
		expect(missing.error?.message).toMatch(/"MDN": "" \(expected an MDN: 10 digits, e.g. 5557337468 \(ThingSpace stops periodic location by MDN\)/);
		expect(fx.sim.requests()).toEqual([]);
		const unknown = await fx.n8n.run(startRun([{ transactionId: 'no-such-session', mdn: '5557330000' }], STOP));
		expect(unknown.error?.message).toMatch(/ThingSpace error INVALID_PARAMETER/);
		expect(String((unknown.error as { description?: string }).description)).toMatch(/Transaction not found/);
	});

	it('a gateway fault on Stop is retried (stopping twice leaves the device stopped)', async () => {
		const start = await fx.n8n.run(startRun(rows(2)));
		fx.sim.inject({ path: /\/periodic\/.+/, fault: { kind: 'status', status: 503, body: {} } });
		const stop = await fx.n8n.run(chain(node('Start', 'n8n-nodes-base.manualTrigger'), node('Items', 'test.items', { items: JSON.stringify(start.output('ThingSpace').map((item) => item.json)) }), thingSpaceNode(fx, STOP)));
		expect(stop.error).toBeUndefined();
		expect(fx.sim.requests(/\/periodic\/.+/).map((call) => call.status)).toEqual([503, 200]);
	});
});

describe('ThingSpace › Periodic Location at fleet scale: 25,000 devices started and stopped', () => {
	// The simulator's default rate limit (50 requests a second) stays on: the node paces itself under it.
	const fx = useThingSpace();

	it('starts 3 sessions (10,000 + 10,000 + 5,000), stops them with ⌈MDNs/100⌉ requests each, with 1 bearer and 1 session login', async () => {
		const fleet = fx.sim.fleetHead(25_000).map((device) => ({ imei: device.imei, mdn: device.mdn }));
		const workflow = chain(
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Fleet', 'test.items', { items: JSON.stringify(fleet) }),
			node('Start periodic', THINGSPACE, START, fx.credentials),
			node('Stop periodic', THINGSPACE, STOP, fx.credentials),
		);
		const began = Date.now();
		const result = await fx.n8n.run(workflow);
		const seconds = (Date.now() - began) / 1000;
		expect(result.error).toBeUndefined();

		const starts = fx.sim.requests('/api/loc/v1/devicelocations/action/periodic');
		const stops = fx.sim.requests(/\/api\/loc\/v1\/devicelocations\/action\/periodic\/.+/);
		const counts = fx.sim.tokenCounts;
		const figures = {
			devices: fleet.length,
			startRequests: starts.length,
			devicesPerStart: starts.map((call) => ((call.body as IDataObject).deviceList as unknown[]).length),
			stopRequests: stops.length,
			largestStop: Math.max(...stops.map((call) => ((call.body as IDataObject).mdn as unknown[]).length)),
			refusedRequests: fx.sim.requests().filter((call) => call.status !== 200).length,
			tokenRequests: counts.tokenRequests,
			sessionLogins: counts.sessionLogins,
			seconds,
			nodeSeconds: Object.fromEntries(
				Object.entries(result.run.data.resultData.runData).map(([name, runs]) => [name, (runs[0]?.executionTime ?? 0) / 1000]),
			),
		};
		console.log(`ThingSpace 25,000-device periodic start and stop: ${JSON.stringify(figures)}`);

		expect(figures).toMatchObject({ startRequests: 3, devicesPerStart: [10_000, 10_000, 5_000], stopRequests: 250, largestStop: 100, refusedRequests: 0, tokenRequests: 1, sessionLogins: 1 });
		const sessions = [...new Set(result.output('Start periodic').map((item) => String(item.json.transactionId)))];
		expect(sessions).toHaveLength(3);
		for (const transactionId of sessions) {
			const stopped = fx.sim.stoppedDevices(transactionId);
			expect(stopped.size).toBe(fx.sim.periodicSession(transactionId)?.devices.length);
			expect([...stopped.values()].every((times) => times === 1)).toBe(true);
		}
		const stopOutput = result.output('Stop periodic');
		expect(stopOutput).toHaveLength(25_000);
		expect(stopOutput.every((item, index) => item.pairedItem !== undefined && (item.pairedItem as { item: number }).item === index && item.json.status === 'COMPLETED')).toBe(true);
	}, 300_000);
});
