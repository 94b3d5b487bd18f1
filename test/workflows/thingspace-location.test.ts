/**
 * ThingSpace › Device Location through the n8n engine: Get Current (synchronous, 20 devices per request),
 * Request (asynchronous, results by callback) and Cancel.
 */
import type { IDataObject } from 'n8n-workflow';

import { chain, itemsInto, node } from '../runner';
import { THINGSPACE_DEMO } from '../simulators/thingspace';
import { locationCalls, THINGSPACE, thingSpaceNode, useThingSpace } from './thingspace-fixture';

const DEMO = THINGSPACE_DEMO.account;
const GET_CURRENT = { resource: 'deviceLocation', operation: 'getCurrent' };
const REQUEST = { resource: 'deviceLocation', operation: 'request' };
const CANCEL = { resource: 'deviceLocation', operation: 'cancel' };
/** Device 49 is the fleet's 50th: no consent on file. */
const NO_CONSENT = 49;

describe('ThingSpace › Device Location, through the n8n engine', () => {
	const fx = useThingSpace({ rateLimitPerSecond: false }, { perTest: true });
	const rows = (indexes: number[]) => indexes.map((index) => fx.sim.device(index)).map((device) => ({ imei: device.imei, mdn: device.mdn }));
	const range = (count: number) => Array.from({ length: count }, (_, index) => index);
	const run = async (items: IDataObject[], parameters: IDataObject, extra = {}) =>
		await fx.n8n.run(itemsInto(items, thingSpaceNode(fx, parameters, extra)));
	const bodies = (path: string) => fx.sim.requests(path).map((call) => call.body as IDataObject);

	it('Get Current: 45 devices in requests of 20, 20 and 5; one item per device with the normalized location', async () => {
		const devices = rows(range(45));
		const result = await run(devices, GET_CURRENT);
		expect(result.error).toBeUndefined();
		expect(bodies('/api/loc/v1/locations').map((body) => (body.deviceList as unknown[]).length)).toEqual([20, 20, 5]);
		expect(bodies('/api/loc/v1/locations')[0]).toEqual({
			accountName: DEMO,
			deviceList: devices.slice(0, 20).map((device) => ({ id: device.imei, kind: 'imei', mdn: device.mdn })),
		});
		const output = result.output('ThingSpace');
		expect(output.map((item) => [item.json.deviceId, item.json.mdn, item.pairedItem])).toEqual(devices.map((device, index) => [device.imei, device.mdn, { item: index }]));
		const first = output[0].json;
		const location = first.location as IDataObject;
		expect(location).toMatchObject({ provider: 'thingspace', deviceId: devices[0].imei, accuracyM: first.accuracyMeters });
		expect(Number(location.latitude)).toBeCloseTo(Number((first.positionData as IDataObject).x), 9);
		expect(Number(location.longitude)).toBeCloseTo(Number((first.positionData as IDataObject).y), 9);
		expect(first.time).toBe(location.time);
		expect(Math.abs(Date.parse(String(first.time)) - fx.sim.now())).toBeLessThan(5_000);
		expect(first).toMatchObject({ accountName: DEMO, qosMet: false });
		expect(typeof first.accuracyMeters).toBe('number');
	});

	it('Get Current with the cache mode Cached Only answers the position the current request stored', async () => {
		const devices = rows([3, 4]);
		const current = await run(devices, GET_CURRENT);
		const cached = await run(devices, { ...GET_CURRENT, options: { cacheMode: '0' } });
		expect(bodies('/api/loc/v1/locations')[1].cacheMode).toBe('0');
		expect(cached.output('ThingSpace').map((item) => item.json.location)).toEqual(current.output('ThingSpace').map((item) => item.json.location));
	});

	it('a device ThingSpace cannot locate is an error item under Continue On Fail, and otherwise fails the node naming its item', async () => {
		const devices = rows([0, NO_CONSENT, 1]);
		const tolerant = await run(devices, GET_CURRENT, { continueOnFail: true });
		expect(tolerant.error).toBeUndefined();
		expect(tolerant.output('ThingSpace').map((item) => [item.pairedItem, item.json.deviceId ?? item.json.error])).toEqual([
			[{ item: 0 }, devices[0].imei],
			[{ item: 1 }, `ThingSpace could not locate device ${devices[1].imei}: TS CONSENT NOT FOUND: No consent on file for this device`],
			[{ item: 2 }, devices[2].imei],
		]);
		const strict = await run(devices, GET_CURRENT);
		expect(strict.error?.message).toMatch(/TS CONSENT NOT FOUND/);
		expect((strict.error as { context?: IDataObject }).context?.itemIndex).toBe(1);
	});

	it('Get Current from a list: 25 devices in two requests, every item paired with item 0; a device named twice is asked once', async () => {
		const devices = rows(range(25));
		const list = [...devices, devices[0]].map((device) => `${device.imei}:${device.mdn}`).join('\n');
		const result = await run([{}], { ...GET_CURRENT, deviceSource: 'list', devices: list });
		expect(result.error).toBeUndefined();
		expect(bodies('/api/loc/v1/locations').map((body) => (body.deviceList as unknown[]).length)).toEqual([20, 5]);
		expect(result.output('ThingSpace').map((item) => [item.json.deviceId, item.pairedItem])).toEqual(devices.map((device) => [device.imei, { item: 0 }]));
	});

	it('Request: one asynchronous request, its transaction id on every device; Cancel after it cancels that transaction once', async () => {
		const devices = rows([5, 6, 7]);
		const workflow = chain(
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Items', 'test.items', { items: JSON.stringify(devices) }),
			node('Request', THINGSPACE, { ...REQUEST, options: { cacheMode: '2', maxLocationAge: 600 } }, fx.credentials),
			node('Cancel', THINGSPACE, CANCEL, fx.credentials),
		);
		const result = await fx.n8n.run(workflow);
		expect(result.error).toBeUndefined();
		expect(bodies('/api/loc/v1/devicelocations')).toEqual([
			{ accountName: DEMO, cacheMode: '2', maxLocAge: '600', deviceList: devices.map((device) => ({ id: device.imei, kind: 'imei', mdn: device.mdn })) },
		]);
		const requested = result.output('Request');
		const txid = String(requested[0].json.transactionId);
		expect(requested.map((item) => [item.json, item.pairedItem])).toEqual(
			devices.map((device, index) => [{ deviceId: device.imei, mdn: device.mdn, transactionId: txid, status: 'QUEUED', accountName: DEMO }, { item: index }]),
		);
		expect(locationCalls(fx.sim)).toEqual(['POST /devicelocations', `DELETE /devicelocations/${txid}`]);
		expect(fx.sim.requests(`/api/loc/v1/devicelocations/${txid}`)[0].query).toEqual({ accountName: DEMO });
		expect(fx.sim.asyncRequest(txid)?.state).toBe('cancelled');
		expect(result.output('Cancel').map((item) => [item.json, item.pairedItem])).toEqual(
			devices.map((_device, index) => [{ accountName: DEMO, transactionId: txid, status: 'Cancelled' }, { item: index }]),
		);
	});

	it('Cancel of a request whose results were sent is refused with ThingSpace\'s "Unable to Cancel"', async () => {
		const requested = await run(rows([8]), REQUEST);
		const txid = String(requested.output('ThingSpace')[0].json.transactionId);
		await fx.sim.advance(1_000);
		expect(fx.sim.asyncRequest(txid)?.state).toBe('delivered');
		const result = await run([{ transactionId: txid }], CANCEL);
		expect(result.error?.message).toMatch(/ThingSpace error INVALID_PARAMETER/);
		expect(String((result.error as { description?: string }).description)).toMatch(/Unable to Cancel/);
	});
});
