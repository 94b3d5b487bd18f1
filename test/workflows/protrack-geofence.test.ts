import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { PROTRACK_DEMO } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const PROTRACK = packageNodeType('proTrack');

describe('ProTrack › Geofence › Create, through the n8n engine', () => {
	const fx = useProvider(protrack);
	let imei: string;

	beforeAll(() => {
		imei = fx.sim.imeis()[0];
	});

	const HOME: INodeParameters = {
		name: 'Depot',
		alarmWhen: 'leaving',
		latitude: 22.56861,
		longitude: 113.97196,
		radius: 300,
	};

	const create = (parameters: INodeParameters, extra = {}) =>
		node(
			'ProTrack',
			PROTRACK,
			{
				resource: 'geofence',
				operation: 'create',
				imei: { __rl: true, mode: 'id', value: imei },
				...HOME,
				...parameters,
			},
			fx.credentials,
			extra,
		);

	const run = async (parameters: INodeParameters = {}, extra = {}) =>
		await fx.n8n.run(itemsInto([{}], create(parameters, extra)));

	it('creates the geofence with the documented parameters and outputs what was created', async () => {
		const before = fx.sim.geofences.length;
		const result = await run();
		expect(result.error).toBeUndefined();

		const calls = fx.sim.requests('/api/geofence/create');
		expect(calls).toHaveLength(1);
		expect(calls[0].method).toBe('POST');
		expect(calls[0].params).toEqual(
			expect.objectContaining({
				imei,
				efencename: 'Depot',
				alarmtype: '0',
				latitude: '22.56861',
				longitude: '113.97196',
				radius: '300',
			}),
		);
		expect(fx.sim.geofences.slice(before)).toEqual([
			expect.objectContaining({
				imei,
				efencename: 'Depot',
				alarmtype: 0,
				latitude: 22.56861,
				longitude: 113.97196,
				radius: 300,
				account: PROTRACK_DEMO.account,
			}),
		]);
		expect(result.output('ProTrack').map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					imei,
					name: 'Depot',
					alarmType: 0,
					alarmWhen: 'leaving',
					latitude: 22.56861,
					longitude: 113.97196,
					radiusM: 300,
					created: true,
				},
				{ item: 0 },
			],
		]);
	});

	it.each([
		['entering', 1],
		['enteringOrLeaving', 2],
		['leaving', 0],
	])('maps Alarm When %s to alarmtype %d', async (alarmWhen, alarmtype) => {
		const before = fx.sim.geofences.length;
		const result = await run({ alarmWhen });
		expect(result.error).toBeUndefined();
		expect(fx.sim.geofences.slice(before).map((fence) => fence.alarmtype)).toEqual([alarmtype]);
		expect(result.output('ProTrack')[0].json.alarmType).toBe(alarmtype);
	});

	it.each([100, 5000])('accepts the radius limit %d m', async (radius) => {
		const before = fx.sim.geofences.length;
		const result = await run({ radius });
		expect(result.error).toBeUndefined();
		expect(fx.sim.geofences.slice(before).map((fence) => fence.radius)).toEqual([radius]);
	});

	it('sends the edge coordinates -90/180 and a tiny coordinate as plain decimals', async () => {
		const before = fx.sim.geofences.length;
		const result = await run({ latitude: -90, longitude: 180 });
		expect(result.error).toBeUndefined();
		const tiny = await run({ latitude: 0.0000001, longitude: -0.0000005 });
		expect(tiny.error).toBeUndefined();
		expect(fx.sim.requests('/api/geofence/create')[1].params).toEqual(
			expect.objectContaining({ latitude: '0.0000001', longitude: '-0.0000005' }),
		);
		expect(fx.sim.geofences.slice(before).map((fence) => [fence.latitude, fence.longitude])).toEqual([
			[-90, 180],
			[0.0000001, -0.0000005],
		]);
	});

	it('creates one geofence per input item with values from expressions', async () => {
		const before = fx.sim.geofences.length;
		const fences = [
			{ name: 'North gate', radius: 150 },
			{ name: 'South gate', radius: 4000 },
		];
		const result = await fx.n8n.run(
			itemsInto(fences, create({ name: '={{ $json.name }}', radius: '={{ $json.radius }}' })),
		);
		expect(result.error).toBeUndefined();
		expect(fx.sim.geofences.slice(before).map((fence) => [fence.efencename, fence.radius])).toEqual([
			['North gate', 150],
			['South gate', 4000],
		]);
		expect(result.output('ProTrack').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('does NOT create again after HTTP 503 (exactly one request)', async () => {
		fx.sim.inject({ path: '/api/geofence/create', fault: { kind: 'status', status: 503 } });
		const result = await run();
		expect(result.error?.message).toMatch(/503/);
		expect(fx.sim.requests('/api/geofence/create')).toHaveLength(1);
	});

	it('retries after a 10009 refusal and creates exactly one geofence', async () => {
		const before = fx.sim.geofences.length;
		fx.sim.inject({ path: '/api/geofence/create', fault: { kind: 'body', body: { code: 10009, message: '' } } });
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/api/geofence/create')).toHaveLength(2);
		expect(fx.sim.geofences.length - before).toBe(1);
	});

	it('turns an IMEI the account does not have into a documented error', async () => {
		const result = await run({ imei: { __rl: true, mode: 'id', value: '999999999999999' } });
		expect(result.error?.message).toMatch(/^ProTrack error \d+: /);
		expect(fx.sim.requests('/api/geofence/create')).toHaveLength(1);
	});

	describe('bad input is rejected before any request', () => {
		it.each([
			['radius 99', { radius: 99 }, /Radius \(Metres\).*99.*100 to 5000 metres/],
			['radius 5001', { radius: 5001 }, /Radius \(Metres\).*5001.*100 to 5000 metres/],
			['a radius with decimals', { radius: '={{ 150.5 }}' }, /Radius \(Metres\).*150\.5.*whole number/],
			['latitude 91', { latitude: 91 }, /Latitude.*91.*-90 to 90/],
			['longitude -181', { longitude: -181 }, /Longitude.*-181.*-180 to 180/],
			['an empty name from an expression', { name: '={{ "" }}' }, /Name/],
			['a blank name', { name: '   ' }, /Name/],
			['an unknown Alarm When from an expression', { alarmWhen: '={{ "out" }}' }, /Alarm When.*out/],
			['a latitude that is not a number', { latitude: '={{ "north" }}' }, /Latitude.*north/],
		])('%s', async (_label, parameters, message) => {
			const before = fx.sim.geofences.length;
			const result = await run(parameters);
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
			expect(fx.sim.geofences.length).toBe(before);
		});

		it('an empty name typed in the field (n8n itself refuses to run the node)', async () => {
			await expect(run({ name: '' })).rejects.toThrow(/Name.*required/);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('an invalid second item stops the node before the first geofence is created', async () => {
			const result = await fx.n8n.run(
				itemsInto([{ radius: 300 }, { radius: 99 }], create({ radius: '={{ $json.radius }}' })),
			);
			expect(result.error?.message).toMatch(/Radius/);
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('with Continue On Fail, creates the valid items and gives the bad one an error item', async () => {
			const before = fx.sim.geofences.length;
			const result = await fx.n8n.run(
				itemsInto(
					[{ radius: 300 }, { radius: 99 }, { radius: 500 }],
					create({ radius: '={{ $json.radius }}' }, { onError: 'continueRegularOutput' }),
				),
			);
			const output = result.output('ProTrack');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output[1].json.error).toMatch(/Radius.*99/);
			expect(fx.sim.geofences.slice(before).map((fence) => fence.radius)).toEqual([300, 500]);
		});
	});
});
