import type { IDataObject } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { NavixySimulator } from '../simulators/navixy';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const NAVIXY = packageNodeType('navixy');
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

describe('Navixy › State, through the n8n engine', () => {
	// 520 trackers, so that a batch of states is more than a handful; no rate limit (tests run one at a time).
	const fx = useProvider(navixy, {
		simulator: () => new NavixySimulator({ trackerCount: 520, rateLimit: false }),
	});

	const stateNode = (operation: string, parameters: IDataObject = {}, extra = {}) =>
		node('Navixy', NAVIXY, { resource: 'state', operation, ...parameters }, fx.credentials, extra);
	const getStateOf = (ids: Array<number | string>, extra = {}) =>
		itemsInto(
			ids.map((id) => ({ id })),
			stateNode('get', { trackerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, extra),
		);

	it('reads one tracker with tracker/get_state, with Navixy fields and the normalized location', async () => {
		const id = fx.sim.trackerIds('regular')[0];
		const result = await fx.n8n.run(getStateOf([id]));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests().map((request) => request.path)).toEqual(['/tracker/get_state']);
		const json = result.output('Navixy')[0].json;
		const truth = fx.sim.state(id);
		expect(json).toMatchObject({
			trackerId: id,
			connection_status: truth.connection_status,
			movement_status: truth.movement_status,
		});
		const gps = json.gps as { location: { lat: number; lng: number }; speed: number };
		expect(json.location).toMatchObject({
			provider: 'navixy',
			deviceId: String(id),
			latitude: gps.location.lat,
			longitude: gps.location.lng,
			speedKmh: gps.speed,
		});
		expect(String((json.location as IDataObject).time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('reads 500 input items with ONE tracker/get_states request, each state paired to its item', async () => {
		const ids = fx.sim.trackerIds('regular').slice(0, 500);
		expect(ids).toHaveLength(500);
		const result = await fx.n8n.run(getStateOf(ids));
		expect(result.error).toBeUndefined();
		const calls = fx.sim.requests();
		expect(calls.map((call) => call.path)).toEqual(['/tracker/get_states']);
		expect(calls[0].body).toMatchObject({ trackers: ids, list_blocked: true, allow_not_exist: true });
		const output = result.output('Navixy');
		expect(output).toHaveLength(500);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.trackerId).toBe(ids[index]);
			expect(item.json.connection_status).toBe(fx.sim.state(ids[index]).connection_status);
		});
	});

	it('fails only the items of a blocked or unknown tracker (error items under Continue On Fail)', async () => {
		const [good] = fx.sim.trackerIds('regular');
		const [blocked] = fx.sim.trackerIds('blocked');
		const result = await fx.n8n.run(getStateOf([good, blocked, 999999, good], { continueOnFail: true }));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/tracker/get_states')).toHaveLength(1);
		const output = result.output('Navixy');
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(output[0].json.trackerId).toBe(good);
		expect(output[1].json.error).toMatch(new RegExp(`Tracker ${blocked} is blocked`));
		expect(output[2].json.error).toMatch(/Tracker 999999 does not exist/);
		expect(output[3].json.trackerId).toBe(good);
	});

	it('without Continue On Fail, a missing tracker fails the node naming it', async () => {
		const result = await fx.n8n.run(getStateOf([fx.sim.trackerIds('regular')[0], 999999]));
		expect(result.error?.message).toMatch(/Tracker 999999 does not exist/);
	});

	it('refuses an ID that is not a whole number before any request, naming the field and the value', async () => {
		const result = await fx.n8n.run(getStateOf([fx.sim.trackerIds('regular')[0], '12a']));
		expect(result.error?.message).toMatch(/"Tracker": "12a"/);
		expect(fx.sim.log).toHaveLength(0);
	});

	it('Get Many: one item per tracker in the order asked, blocked and unknown ones said so', async () => {
		const ids = [...fx.sim.trackerIds('regular').slice(0, 3), fx.sim.trackerIds('blocked')[0], 999998];
		const result = await fx.n8n.run(itemsInto([{}], stateNode('getMany', { trackerIds: ids.join(', ') })));
		expect(result.error).toBeUndefined();
		const output = result.output('Navixy').map((item) => item.json);
		expect(output.map((json) => json.trackerId)).toEqual(ids);
		expect(output.slice(0, 3).every((json) => json.found === true)).toBe(true);
		expect(output[3]).toMatchObject({ found: false, blocked: true });
		expect(output[4]).toMatchObject({ found: false, notExist: true });
		expect(fx.sim.requests('/tracker/get_states')).toHaveLength(1);
	});

	it('Get Last GPS Point: the flat point with the normalized location', async () => {
		const id = fx.sim.trackerIds('regular')[1];
		const result = await fx.n8n.run(itemsInto([{}], stateNode('getLastGpsPoint', { trackerId: byId(id) })));
		expect(result.error).toBeUndefined();
		const json = result.output('Navixy')[0].json;
		expect(json.location).toMatchObject({ provider: 'navixy', deviceId: String(id), latitude: json.lat, longitude: json.lng });
	});

	it('retries after a rate limit (15, HTTP 429) and a server error, and keeps the items', async () => {
		const ids = fx.sim.trackerIds('regular').slice(0, 3);
		fx.sim.inject({
			path: '/tracker/get_states',
			fault: { kind: 'status', status: 429, body: { success: false, status: { code: 15, description: 'Too many requests' } } },
		});
		fx.sim.inject({ path: '/tracker/get_states', fault: { kind: 'status', status: 503 } });
		const result = await fx.n8n.run(getStateOf(ids));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/tracker/get_states').map((call) => call.status)).toEqual([429, 503, 200]);
		expect(result.output('Navixy').map((item) => item.json.trackerId)).toEqual(ids);
	});

	it.each([
		['an answer that is not JSON', { kind: 'malformed' }],
		['a dropped connection', { kind: 'reset' }],
	] as const)('a read is sent again after %s, and no item is lost or doubled', async (_label, fault) => {
		const ids = fx.sim.trackerIds('regular').slice(0, 4);
		fx.sim.inject({ path: '/tracker/get_states', fault });
		const result = await fx.n8n.run(getStateOf(ids));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/tracker/get_states')).toHaveLength(2);
		expect(result.output('Navixy').map((item) => [item.json.trackerId, item.pairedItem])).toEqual(
			ids.map((id, item) => [id, { item }]),
		);
	});
});
