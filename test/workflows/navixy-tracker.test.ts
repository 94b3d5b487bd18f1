import type { IDataObject } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { NAVIXY_MODELS, NAVIXY_TAG_IDS, NavixySimulator } from '../simulators/navixy';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const NAVIXY = packageNodeType('navixy');
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const fromItem = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
const nowSec = () => Math.floor(Date.now() / 1000);

describe('Navixy › Tracker, through the n8n engine', () => {
	// A fresh simulator per test: several operations change or delete trackers.
	const fx = useProvider(navixy, { perTest: true, simulator: () => new NavixySimulator({ rateLimit: false }) });

	const trackerNode = (operation: string, parameters: IDataObject = {}, extra = {}) =>
		node('Navixy', NAVIXY, { resource: 'tracker', operation, ...parameters }, fx.credentials, extra);
	const run = async (operation: string, parameters: IDataObject, items: object[] = [{}], extra = {}) =>
		await fx.n8n.run(itemsInto(items, trackerNode(operation, parameters, extra)));

	/** The tracker as Navixy's tracker/list shows it (the simulator's ground truth). */
	const truth = (id: number): IDataObject => {
		const { deleted: _deleted, ...tracker } = fx.sim.tracker(id) as IDataObject;
		return tracker;
	};
	const modelOf = (id: number) => NAVIXY_MODELS.find((model) => model.code === (truth(id).source as IDataObject).model)!;
	const regular = (test: (id: number) => boolean = () => true) => fx.sim.trackerIds('regular').find(test)!;
	const online = (id: number) => ['active', 'idle'].includes(fx.sim.state(id).connection_status);
	const codeOf = (error: unknown) => (error as { context?: IDataObject }).context?.providerCode;
	const pairs = (output: Array<{ pairedItem?: unknown }>) => output.map((item) => item.pairedItem);
	const pairedTo = (item: { pairedItem?: unknown }) => (item.pairedItem as { item?: number } | undefined)?.item;

	describe('Get', () => {
		it('reads one tracker per item with tracker/read, device ID as text, each paired to its item', async () => {
			const ids = fx.sim.trackerIds('regular').slice(0, 3);
			const result = await run('get', { trackerId: fromItem }, ids.map((id) => ({ id })));
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests().map((request) => [request.path, request.body])).toEqual(
				ids.map((id) => ['/tracker/read', { tracker_id: id }]),
			);
			const output = result.output('Navixy');
			expect(pairs(output)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			output.forEach((item, index) => {
				const { tag_bindings: _tags, ...expected } = truth(ids[index]);
				expect(item.json).toEqual(expected);
				expect(typeof (item.json.source as IDataObject).device_id).toBe('string');
			});
		});

		it('an unknown tracker is a NodeApiError naming 201 and its meaning; Continue On Fail pairs it', async () => {
			const failed = await run('get', { trackerId: byId(999999) });
			expect(failed.error?.name).toBe('NodeApiError');
			expect(codeOf(failed.error)).toBe('201');
			expect(failed.error?.message).toMatch(/^Navixy error 201: /);

			const id = regular();
			const result = await run('get', { trackerId: fromItem }, [{ id: 999999 }, { id }], { continueOnFail: true });
			const output = result.output('Navixy');
			expect(pairs(output)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(output[0].json.error).toMatch(/Navixy error 201/);
			expect(output[1].json.id).toBe(id);
		});

		it('refuses a malformed tracker ID of any item before any request', async () => {
			const result = await run('get', { trackerId: fromItem }, [{ id: regular() }, { id: '12ab' }]);
			expect(result.error?.message).toMatch(/"Tracker": "12ab" \(expected a tracker ID/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Get Many', () => {
		const filters = (...texts: string[]) => ({ filter: texts.map((text) => ({ text })) });

		it('lists every tracker (one item each, all paired to the input item) without sending labels', async () => {
			const result = await run('getMany', { returnAll: true });
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/tracker/list');
			expect(calls).toHaveLength(1);
			expect(calls[0].body ?? {}).not.toHaveProperty('labels');
			const output = result.output('Navixy');
			const ids = fx.sim.trackerIds('all');
			expect(output.map((item) => item.json)).toEqual(ids.map(truth));
			expect(output.every((item) => pairedTo(item) === 0)).toBe(true);
		});

		it('sends the label filters and keeps trackers whose label contains any; Limit keeps the first ones', async () => {
			const result = await run('getMany', { labelFilters: filters('Truck', 'Van') }, [{}]);
			expect(fx.sim.requests('/tracker/list')[0].body).toMatchObject({ labels: ['Truck', 'Van'] });
			const expected = fx.sim
				.trackerIds('all')
				.filter((id) => ['Truck', 'Van'].some((text) => String(truth(id).label).includes(text)));
			expect(expected.length).toBeGreaterThan(3);
			expect(result.output('Navixy').map((item) => item.json.id)).toEqual(expected);

			const limited = await run('getMany', { labelFilters: filters('Truck'), returnAll: false, limit: 3 });
			const trucks = fx.sim.trackerIds('all').filter((id) => String(truth(id).label).includes('Truck'));
			expect(limited.output('Navixy').map((item) => item.json.id)).toEqual(trucks.slice(0, 3));
		});

		it('pairs each tracker with the item whose filter found it', async () => {
			const items = [{ label: 'Bus' }, { label: 'Trailer' }];
			const result = await run('getMany', { labelFilters: { filter: [{ text: '={{ $json.label }}' }] }, returnAll: true }, items);
			expect(fx.sim.requests('/tracker/list').map((call) => (call.body as IDataObject).labels)).toEqual([['Bus'], ['Trailer']]);
			const output = result.output('Navixy');
			for (const [index, { label }] of items.entries()) {
				const found = output.filter((item) => pairedTo(item) === index);
				expect(found.length).toBeGreaterThan(0);
				expect(found.every((item) => String(item.json.label).includes(label))).toBe(true);
			}
		});

		it.each([
			['a repeated filter', filters('Truck', 'Truck'), /"Truck" \(expected each filter only once/],
			['an empty filter', filters('Van', ''), /"" \(expected each filter a text of 1 to 60 characters/],
			['a filter over 60 characters', filters('x'.repeat(61)), /expected each filter a text of 1 to 60 characters/],
			['1,025 filters', filters(...Array.from({ length: 1025 }, (_, index) => `L${index}`)), /"1025 filters" \(expected at most 1024/],
		])('refuses %s before any request', async (_name, labelFilters, message) => {
			const result = await run('getMany', { labelFilters });
			expect(result.error?.message).toMatch(/Invalid value for "Label Filters"/);
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Get Models', () => {
		it('lists every model, or only the chosen codes (sent as codes[])', async () => {
			const all = await run('getModels', { returnAll: true });
			expect(all.error).toBeUndefined();
			expect(fx.sim.requests('/tracker/list_models')[0].body ?? {}).not.toHaveProperty('codes');
			expect(all.output('Navixy').map((item) => item.json.code)).toEqual(NAVIXY_MODELS.map((model) => model.code));

			const [first, second] = [NAVIXY_MODELS[0], NAVIXY_MODELS[2]];
			fx.sim.clearLog();
			const some = await run('getModels', { codes: `${first.code}, ${second.code}, ${first.code}`, returnAll: true });
			expect(fx.sim.requests('/tracker/list_models')[0].body).toEqual({ codes: [first.code, second.code] });
			const output = some.output('Navixy');
			expect(output.map((item) => item.json.code)).toEqual([first.code, second.code]);
			expect(output[0].json).toMatchObject({ vendor: first.vendor, name: first.name, id_type: first.id_type });
		});

		it('stops at Limit, and refuses a code with spaces before any request', async () => {
			const limited = await run('getModels', { returnAll: false, limit: 2 });
			expect(limited.output('Navixy').map((item) => item.json.code)).toEqual(NAVIXY_MODELS.slice(0, 2).map((model) => model.code));
			fx.sim.clearLog();
			const bad = await run('getModels', { codes: ['telfmb920', 'bad code'] });
			expect(bad.error?.message).toMatch(/"Model Names or IDs": "bad code"/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Set Tags', () => {
		const bindings = (...pairsOf: Array<[number, number]>) => ({
			binding: pairsOf.map(([tagId, ordinal]) => ({ tagId, ordinal })),
		});

		it("replaces the tracker's tag bindings", async () => {
			const id = regular();
			const result = await run('setTags', { trackerId: byId(id), tagBindings: bindings([NAVIXY_TAG_IDS[1], 2], [NAVIXY_TAG_IDS[3], 1]) });
			expect(result.error).toBeUndefined();
			const expected = [
				{ tag_id: NAVIXY_TAG_IDS[1], ordinal: 2 },
				{ tag_id: NAVIXY_TAG_IDS[3], ordinal: 1 },
			];
			expect(fx.sim.requests('/tracker/tags/set')[0].body).toEqual({ tracker_id: id, tag_bindings: expected });
			expect(truth(id).tag_bindings).toEqual(expected);
			expect(result.output('Navixy')[0]).toEqual({ json: { trackerId: id, tag_bindings: expected }, pairedItem: { item: 0 } });
		});

		it.each([
			['a repeated tag', bindings([NAVIXY_TAG_IDS[0], 1], [NAVIXY_TAG_IDS[0], 2]), /"Tag ID": \d+ \(expected each tag only once/],
			['a repeated ordinal', bindings([NAVIXY_TAG_IDS[0], 1], [NAVIXY_TAG_IDS[1], 1]), /"Ordinal": 1 \(expected each ordinal only once/],
			['ordinal 6', bindings([NAVIXY_TAG_IDS[0], 6]), /"Ordinal": 6 \(expected a whole number from 1 to 5/],
			['tag ID 0', bindings([0, 1]), /"Tag ID": 0 \(expected a whole number from 1/],
		])('refuses %s before any request', async (_name, tagBindings, message) => {
			const result = await run('setTags', { trackerId: fromItem, tagBindings }, [{ id: regular() }, { id: regular() }]);
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('a tag Navixy does not know is its invalid-parameters error (7)', async () => {
			const result = await run('setTags', { trackerId: byId(regular()), tagBindings: bindings([1, 1]) });
			expect(result.error?.name).toBe('NodeApiError');
			expect(codeOf(result.error)).toBe('7');
			expect(result.error?.message).toMatch(/^Navixy error 7: /);
		});
	});

	describe('Change Phone', () => {
		const SECRET = 'apn-S3cret!';
		const params = (id: number, overrides: IDataObject = {}) => ({
			trackerId: byId(id),
			phone: '491701112233',
			apnName: 'internet.op',
			apnUser: 'fleet',
			apnPassword: SECRET,
			...overrides,
		});

		it('sets phone and APN; the APN password is sent but never output', async () => {
			const id = regular((candidate) => modelOf(candidate).has_phone);
			const result = await run('changePhone', params(id));
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/tracker/change_phone')[0].body).toEqual({
				tracker_id: id,
				phone: '491701112233',
				apn_name: 'internet.op',
				apn_user: 'fleet',
				apn_password: SECRET,
			});
			expect((truth(id).source as IDataObject).phone).toBe('491701112233');
			const json = result.output('Navixy')[0].json;
			expect(json).toEqual({ trackerId: id, phone: '491701112233', apn_name: 'internet.op', apn_user: 'fleet' });
		});

		it.each([
			['a phone with "+"', { phone: '+491701112233' }, /"Phone": "\+491701112233" \(expected digits only .*without '\+'/],
			['a phone with spaces', { phone: '49 170 1112233' }, /"Phone": "49 170 1112233"/],
			['an APN name over 40 characters', { apnName: 'a'.repeat(41) }, /"APN Name": "a{41}" \(expected 1 to 40 printable characters\)/],
			['an empty APN name', { apnName: '={{ "" }}' }, /"APN Name": "" \(expected 1 to 40 printable characters/],
			['an APN user over 40 characters', { apnUser: 'u'.repeat(41) }, /"APN User": "u{41}" \(expected 0 to 40 printable characters/],
			['an APN password over 40 characters', { apnPassword: `${SECRET}${'p'.repeat(40)}` }, /"APN Password": 51 hidden characters \(expected 0 to 40 printable characters\)/],
		])('refuses %s before any request', async (_name, overrides, message) => {
			const result = await run('changePhone', params(regular(), overrides));
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).not.toContain(SECRET);
			expect(fx.sim.log).toHaveLength(0);
		});

		it("another tracker's phone is 223 and a model without phone 214, paired under Continue On Fail, no password shown", async () => {
			const withPhone = fx.sim.trackerIds('regular').filter((id) => modelOf(id).has_phone);
			const taken = String((truth(withPhone[1]).source as IDataObject).phone);
			const phoneless = regular((id) => !modelOf(id).has_phone);
			const items = [
				{ id: withPhone[0], phone: taken },
				{ id: phoneless, phone: '491709999999' },
				{ id: withPhone[2], phone: '491708888888' },
			];
			const result = await run('changePhone', { ...params(0), trackerId: fromItem, phone: '={{ $json.phone }}' }, items, {
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			const output = result.output('Navixy');
			expect(pairs(output)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output[0].json.error).toMatch(/^Navixy error 223: /);
			expect(output[1].json.error).toMatch(/^Navixy error 214: /);
			expect(output[2].json).toMatchObject({ trackerId: withPhone[2], phone: '491708888888' });
			expect(JSON.stringify(output)).not.toContain(SECRET);

			const stopped = await run('changePhone', params(withPhone[0], { phone: taken }));
			expect(stopped.error?.name).toBe('NodeApiError');
			expect(codeOf(stopped.error)).toBe('223');
			expect(JSON.stringify({ message: stopped.error?.message, description: stopped.error?.description })).not.toContain(SECRET);
		});
	});

	describe('Request Location', () => {
		it('asks a tracker whose fix is old; a fresh fix (256) is an ordinary "already actual" item', async () => {
			const [stale, fresh] = fx.sim.trackerIds('regular').filter((id) => modelOf(id).has_location_request);
			fx.sim.setState(stale, { gps_time: nowSec() - 3600 });
			fx.sim.setState(fresh, { gps_time: nowSec() });
			const result = await run('requestLocation', { trackerId: fromItem, type: 'sms' }, [{ id: stale }, { id: fresh }]);
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/tracker/location_request').map((call) => call.body)).toEqual([
				{ tracker_id: stale, type: 'sms' },
				{ tracker_id: fresh, type: 'sms' },
			]);
			expect(fx.sim.locationRequests.map((request) => [request.tracker_id, request.type])).toEqual([[stale, 'sms']]);
			expect(result.output('Navixy')).toEqual([
				{ json: { trackerId: stale, type: 'sms', requested: true, alreadyActual: false }, pairedItem: { item: 0 } },
				{ json: { trackerId: fresh, type: 'sms', requested: false, alreadyActual: true }, pairedItem: { item: 1 } },
			]);
		});

		it('GPS over GPRS to an offline tracker is 213 (device offline) as a NodeApiError', async () => {
			const offline = fx.sim.trackerIds('regular').find((id) => !online(id) && modelOf(id).has_gprs_location_request)!;
			expect(offline).toBeDefined();
			const result = await run('requestLocation', { trackerId: byId(offline), type: 'gprs' });
			expect(result.error?.name).toBe('NodeApiError');
			expect(codeOf(result.error)).toBe('213');
			expect(result.error?.message).toMatch(/^Navixy error 213: /);
			expect(fx.sim.locationRequests).toHaveLength(0);
		});

		it('refuses an unknown type before any request', async () => {
			const result = await run('requestLocation', { trackerId: byId(regular()), type: 'wifi' });
			expect(result.error?.message).toMatch(/"Type": "wifi" \(expected one of sms, gsm, gprs\)/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Corrupt', () => {
		it('marks a disconnected tracker deleted and scrambles its device ID and phone; a second time is 252', async () => {
			const id = regular((candidate) => !online(candidate) && modelOf(candidate).has_phone);
			const before = truth(id).source as IDataObject;
			expect(before.phone).toEqual(expect.any(String));
			const result = await run('corrupt', { trackerId: byId(id) });
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')).toEqual([{ json: { trackerId: id, corrupted: true }, pairedItem: { item: 0 } }]);
			const after = fx.sim.tracker(id) as IDataObject;
			expect(after.deleted).toBe(true);
			expect((after.source as IDataObject).device_id).not.toBe(before.device_id);
			expect((after.source as IDataObject).phone).not.toBe(before.phone);
			expect(fx.sim.trackerIds('all')).not.toContain(id);

			const again = await run('corrupt', { trackerId: byId(id) });
			expect(codeOf(again.error)).toBe('252');
			expect(again.error?.message).toMatch(/^Navixy error 252: /);
		});

		it('a connected tracker (243) and a clone (219) are refused by Navixy, sent once, paired under Continue On Fail', async () => {
			const connected = regular(online);
			const [clone] = fx.sim.trackerIds('clones');
			const result = await run('corrupt', { trackerId: fromItem }, [{ id: connected }, { id: clone }], { continueOnFail: true });
			const output = result.output('Navixy');
			expect(pairs(output)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(output[0].json.error).toMatch(/^Navixy error 243: /);
			expect(output[1].json.error).toMatch(/^Navixy error 219: /);
			expect(fx.sim.requests('/tracker/corrupt')).toHaveLength(2);
			expect(fx.sim.trackerIds('all')).toEqual(expect.arrayContaining([connected, clone]));
		});

		it('refuses a malformed tracker ID before any request', async () => {
			const result = await run('corrupt', { trackerId: fromItem }, [{ id: '0' }]);
			expect(result.error?.message).toMatch(/"Tracker": "0"/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Delete Clone', () => {
		it('deletes a clone; a regular tracker is 249 and a linked clone 203 naming its rules', async () => {
			const clones = fx.sim.trackerIds('clones');
			const linked = clones[clones.length - 1];
			const items = [{ id: clones[0] }, { id: regular() }, { id: linked }];
			const result = await run('deleteClone', { trackerId: fromItem }, items, { continueOnFail: true });
			expect(result.error).toBeUndefined();
			const output = result.output('Navixy');
			expect(pairs(output)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output[0].json).toEqual({ trackerId: clones[0], deleted: true });
			expect((fx.sim.tracker(clones[0]) as IDataObject).deleted).toBe(true);
			expect(output[1].json.error).toMatch(/^Navixy error 249: /);
			expect(output[2].json.error).toMatch(/^Navixy error 203: .*still linked to rules 10\b/);
			expect(fx.sim.trackerIds('all')).toEqual(expect.arrayContaining([items[1].id, linked]));
		});

		it('without Continue On Fail, 203 is a NodeApiError whose message lists the linked rules', async () => {
			const clones = fx.sim.trackerIds('clones');
			const result = await run('deleteClone', { trackerId: byId(clones[clones.length - 1]) });
			expect(result.error?.name).toBe('NodeApiError');
			expect(codeOf(result.error)).toBe('203');
			expect(result.error?.message).toMatch(/rules 10; unlink them first$/);
		});

		it('refuses a tracker ID beyond 32 bits before any request', async () => {
			const result = await run('deleteClone', { trackerId: byId('9999999999') });
			expect(result.error?.message).toMatch(/"Tracker": 9999999999 \(expected a tracker ID/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});
});
