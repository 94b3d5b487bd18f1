import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { NAVIXY_DEMO_KEY, NAVIXY_MODELS } from '../simulators/navixy';
import type { NavixyModel } from '../simulators/navixy/catalogue';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const NAVIXY = packageNodeType('navixy');
const UNKNOWN_TRACKER = 1999999999;

describe('Navixy › Sensor, through the n8n engine', () => {
	const fx = useProvider(navixy);
	const tracker = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
	const fromItem = tracker('={{ String($json.id) }}');
	const sensorNode = (operation: string, parameters: INodeParameters, extra = {}) =>
		node('Navixy', NAVIXY, { resource: 'sensor', operation, ...parameters }, fx.credentials, extra);
	const onError = { onError: 'continueRegularOutput' } as const;
	const trackerCalls = () => fx.sim.requests(/^\/tracker\//);
	const paths = () => trackerCalls().map((request) => request.path);
	/** Runs an operation with one input item per tracker ID, the Tracker picker set from the item. */
	const runEach = async (ids: number[], operation: string, extra = {}) =>
		await fx.n8n.run(
			itemsInto(
				ids.map((id) => ({ id })),
				sensorNode(operation, { trackerId: fromItem }, extra),
			),
		);

	const modelOf = (id: number): NavixyModel => {
		const code = (fx.sim.tracker(id)?.source as IDataObject).model;
		return NAVIXY_MODELS.find((model) => model.code === code)!;
	};
	const regular = () => fx.sim.trackerIds('regular');
	const withModel = (test: (model: NavixyModel) => boolean) => regular().filter((id) => test(modelOf(id)));

	/** The simulator's own answer to an action, asked directly (then the request log is cleared). */
	async function raw(action: string, params: IDataObject): Promise<IDataObject> {
		const response = await fetch(`${fx.sim.baseUrl}/${action}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `NVX ${NAVIXY_DEMO_KEY}`, 'NVX-ISO-DateTime': 'true' },
			body: JSON.stringify(params),
		});
		fx.sim.clearLog();
		return (await response.json()) as IDataObject;
	}

	/** Pins everything the sensor answers derive from, so a direct answer and the node's agree. */
	const pin = (id: number, partial: IDataObject = {}) =>
		fx.sim.setState(id, { last_update: fx.sim.anchor - 600, ignition: true, speed: 42, gsm_signal: 57, ...partial });

	describe.each([
		['getReadings', 'tracker/get_readings', (model: NavixyModel) => model.analog_inputs > 0],
		['getFuel', 'tracker/get_fuel', (model: NavixyModel) => model.has_fuel_input],
		['getDiagnostics', 'tracker/get_diagnostics', (model: NavixyModel) => model.can],
	])('%s', (operation, action, fits) => {
		it(`reads ${action} per item, keeping units and converted values, each paired to its item`, async () => {
			const ids = withModel(fits).slice(0, 3);
			expect(ids.length).toBeGreaterThan(1);
			for (const id of ids) pin(id);
			const answers = await Promise.all(ids.map(async (id) => await raw(action, { tracker_id: id })));

			const result = await fx.n8n.run(
				itemsInto(
					ids.map((id) => ({ id })),
					sensorNode(operation, { trackerId: fromItem }),
				),
			);
			expect(result.error).toBeUndefined();
			const output = result.output('Navixy');
			expect(output).toHaveLength(ids.length);
			output.forEach((item, index) => {
				const answer = answers[index];
				const sensors = answer.inputs as IDataObject[];
				expect(sensors.length).toBeGreaterThan(0);
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json.trackerId).toBe(ids[index]);
				expect(item.json.sensors).toEqual(sensors.map((sensor) => ({ converted_units_type: null, converted_value: null, ...sensor })));
				expect(item.json.values).toEqual(Object.fromEntries(sensors.map((sensor) => [sensor.name, sensor.value])));
				expect(Date.parse(item.json.updateTime as string)).toBe((fx.sim.anchor - 600) * 1000);
				if (operation === 'getDiagnostics') expect(item.json.states).toEqual(answer.states);
				else expect(item.json.states).toBeUndefined();
			});
			expect(trackerCalls().map((request) => [request.path, (request.body as IDataObject).tracker_id])).toEqual(
				ids.map((id) => [`/${action}`, id]),
			);
		});
	});

	it('reads what the simulated device reports: board voltage follows ignition, the tank level is in litres', async () => {
		const [id] = withModel((model) => model.has_fuel_input && model.analog_inputs > 0);
		pin(id, { ignition: false });
		let result = await fx.n8n.run(itemsInto([{}], sensorNode('getReadings', { trackerId: tracker(id) })));
		expect((result.output('Navixy')[0].json.values as IDataObject).board_voltage).toBe(12.4);
		pin(id, { ignition: true });
		result = await fx.n8n.run(itemsInto([{}], sensorNode('getReadings', { trackerId: tracker(id) })));
		const json = result.output('Navixy')[0].json;
		expect((json.values as IDataObject).board_voltage).toBe(13.9);
		expect((json.sensors as IDataObject[]).find((sensor) => sensor.name === 'board_voltage')).toEqual(
			expect.objectContaining({ units: 'V', type: 'power', label: 'Board voltage' }),
		);
		result = await fx.n8n.run(itemsInto([{}], sensorNode('getFuel', { trackerId: tracker(id) })));
		const fuel = (result.output('Navixy')[0].json.sensors as IDataObject[])[0];
		expect(fuel).toEqual(expect.objectContaining({ name: 'fuel_level', units_type: 'litre', units: 'litres' }));
		const hour = ((fx.sim.anchor - 600) % 86400) / 3600;
		expect(fuel.value).toBe(Math.round((60 - hour * 1.5) * 10) / 10);
	});

	describe('Get Inputs', () => {
		const patterns = [
			[true, false, true],
			[false, true, false],
			[true, true, false],
			[false, false, true],
		];

		it('asks many items in ONE tracker/batch_get_inputs request and pairs each tracker to its item', async () => {
			const ids = regular().slice(0, 4);
			ids.forEach((id, index) => fx.sim.setState(id, { inputs: patterns[index] }));
			const items = [ids[0], ids[1], ids[2], ids[3], ids[1]];
			const result = await runEach(items, 'getInputs');
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual(['/tracker/batch_get_inputs']);
			expect((trackerCalls()[0].body as IDataObject).trackers).toEqual(ids);
			const output = result.output('Navixy');
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			output.forEach((item, index) => {
				expect(item.json.trackerId).toBe(items[index]);
				expect(item.json.inputs).toEqual(fx.sim.state(items[index]).inputs);
				expect(item.json.states).toEqual([
					{ type: 'ignition', name: 'Ignition', status: fx.sim.state(items[index]).inputs[0], input_number: 1 },
				]);
				expect(typeof item.json.updateTime).toBe('string');
			});
		});

		it('asks tracker/get_inputs for a single item', async () => {
			const [id] = regular();
			const result = await fx.n8n.run(itemsInto([{}], sensorNode('getInputs', { trackerId: tracker(id) })));
			expect(paths()).toEqual(['/tracker/get_inputs']);
			expect(result.output('Navixy')[0].json).toEqual(expect.objectContaining({ trackerId: id, inputs: fx.sim.state(id).inputs }));
		});

		it('fails only the items of a nonexistent or blocked tracker (error items under Continue On Fail)', async () => {
			const ids = regular().slice(0, 2);
			const [blocked] = fx.sim.trackerIds('blocked');
			const items = [ids[0], UNKNOWN_TRACKER, ids[1], blocked];
			const result = await runEach(items, 'getInputs', onError);
			expect(result.error).toBeUndefined();
			const output = result.output('Navixy');
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(output[0].json.inputs).toEqual(fx.sim.state(ids[0]).inputs);
			expect(output[2].json.inputs).toEqual(fx.sim.state(ids[1]).inputs);
			expect(output[1].json.error).toBe(`Tracker ${UNKNOWN_TRACKER} does not exist (or is not on this account)`);
			expect(output[3].json.error).toBe(`Tracker ${blocked} is blocked (its tariff ended)`);
			// The batch is refused (217), get_states names the trackers it cannot read, the rest is asked again.
			expect(paths()).toEqual(['/tracker/batch_get_inputs', '/tracker/get_states', '/tracker/batch_get_inputs']);
		});

		it('without Continue On Fail, a nonexistent tracker fails the node naming its item', async () => {
			const ids = regular().slice(0, 2);
			const result = await runEach([ids[0], UNKNOWN_TRACKER, ids[1]], 'getInputs');
			expect(result.error?.message).toBe(`Tracker ${UNKNOWN_TRACKER} does not exist (or is not on this account)`);
		});
	});

	describe('Get Outputs', () => {
		it('asks many items in ONE tracker/batch_get_outputs request, each paired to its item', async () => {
			const ids = withModel((model) => model.digital_outputs > 0).slice(0, 3);
			const result = await runEach(ids, 'getOutputs');
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual(['/tracker/batch_get_outputs']);
			const output = result.output('Navixy');
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json.trackerId).toBe(ids[index]);
				const count = modelOf(ids[index]).digital_outputs;
				expect((item.json.outputs as IDataObject[]).map((entry) => entry.number)).toEqual(Array.from({ length: count }, (_, n) => n + 1));
			});
		});

		it('fails only the item of a nonexistent tracker', async () => {
			const [id] = regular();
			const result = await runEach([id, UNKNOWN_TRACKER], 'getOutputs', onError);
			const output = result.output('Navixy');
			expect(output[0].json.trackerId).toBe(id);
			expect(output[1]).toEqual(expect.objectContaining({ pairedItem: { item: 1 } }));
			expect(output[1].json.error).toBe(`Tracker ${UNKNOWN_TRACKER} does not exist (or is not on this account)`);
		});
	});

	describe.each([
		['getInputsOfMany', '/tracker/batch_get_inputs', 'inputs'],
		['getOutputsOfMany', '/tracker/batch_get_outputs', 'outputs'],
	])('%s', (operation, path, field) => {
		it('returns one item per tracker of each item, unknown and blocked trackers as items that say so', async () => {
			const ids = regular().slice(0, 3);
			const [blocked] = fx.sim.trackerIds('blocked');
			const result = await fx.n8n.run(
				itemsInto(
					[{ list: `${ids[0]}, ${ids[1]}` }, { list: `${ids[2]}, ${UNKNOWN_TRACKER}, ${blocked}` }],
					sensorNode(operation, { trackerIds: '={{ $json.list }}' }),
				),
			);
			expect(result.error).toBeUndefined();
			const output = result.output('Navixy');
			expect(output.map((item) => [item.pairedItem, item.json.trackerId, item.json.found])).toEqual([
				[{ item: 0 }, ids[0], true],
				[{ item: 0 }, ids[1], true],
				[{ item: 1 }, ids[2], true],
				[{ item: 1 }, UNKNOWN_TRACKER, false],
				[{ item: 1 }, blocked, false],
			]);
			expect(output[3].json).toEqual({ trackerId: UNKNOWN_TRACKER, found: false, blocked: false, notExist: true });
			expect(output[4].json).toEqual({ trackerId: blocked, found: false, blocked: true, notExist: false });
			if (field === 'inputs') expect(output[2].json.inputs).toEqual(fx.sim.state(ids[2]).inputs);
			else expect((output[2].json.outputs as IDataObject[]).length).toBe(modelOf(ids[2]).digital_outputs);
			expect(paths()).toEqual([path, path, '/tracker/get_states', path]);
			expect((trackerCalls()[3].body as IDataObject).trackers).toEqual([ids[2]]);
		});
	});

	describe('Rename Output', () => {
		it('sets the title with tracker/output/update and Get Outputs shows it', async () => {
			const [id] = withModel((model) => model.digital_outputs >= 2);
			const before = fx.sim.outputUpdates.length;
			const title = `Door lock ${Date.now()}`;
			const result = await fx.n8n.run(itemsInto([{}], sensorNode('renameOutput', { trackerId: tracker(id), outputNumber: 2, title })));
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')[0].json).toEqual({ trackerId: id, number: 2, title, renamed: true });
			expect(fx.sim.outputUpdates.slice(before)).toEqual([expect.objectContaining({ tracker_id: id, number: 2, title })]);
			expect((trackerCalls()[0].body as IDataObject).tracker_output).toEqual({ number: 2, title });
			expect(fx.sim.state(id).outputs).toEqual(Array(modelOf(id).digital_outputs).fill(false));
			const read = await fx.n8n.run(itemsInto([{}], sensorNode('getOutputs', { trackerId: tracker(id) })));
			expect((read.output('Navixy')[0].json.outputs as IDataObject[])[1]).toEqual({ number: 2, title });
		});
	});

	describe('Set Output', () => {
		it('switches output N on and off with tracker/output/set (the simulated device follows)', async () => {
			const [id] = withModel((model) => model.digital_outputs >= 2);
			fx.sim.setState(id, { connection_status: 'active', outputs: Array(modelOf(id).digital_outputs).fill(false) });
			let result = await fx.n8n.run(itemsInto([{}], sensorNode('setOutput', { trackerId: tracker(id), outputNumber: 2, switchTo: 'on' })));
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')[0].json).toEqual({ trackerId: id, output: 2, enable: true, accepted: true });
			expect(trackerCalls().map((request) => [request.path, request.body as IDataObject])).toEqual([
				['/tracker/output/set', { tracker_id: id, output: 2, enable: true }],
			]);
			expect(fx.sim.state(id).outputs[1]).toBe(true);
			result = await fx.n8n.run(itemsInto([{}], sensorNode('setOutput', { trackerId: tracker(id), outputNumber: 2, switchTo: 'off' })));
			expect(fx.sim.state(id).outputs[1]).toBe(false);
		});

		it('says clearly when the device is offline (213) or cannot switch that output (214)', async () => {
			const [offline, online] = withModel((model) => model.digital_outputs >= 1);
			fx.sim.setState(offline, { connection_status: 'offline' });
			fx.sim.setState(online, { connection_status: 'active' });
			const items = [
				{ id: offline, n: 1 },
				{ id: online, n: modelOf(online).digital_outputs + 1 },
			];
			const result = await fx.n8n.run(
				itemsInto(items, sensorNode('setOutput', { trackerId: fromItem, outputNumber: '={{ $json.n }}', switchTo: 'on' }, onError)),
			);
			const output = result.output('Navixy');
			expect(output[0].json.error).toBe(`Navixy error 213: tracker ${offline} is offline, so output 1 was not switched`);
			expect(output[1].json.error).toBe(`Navixy error 214: tracker ${online} cannot switch output ${items[1].n}`);
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(paths()).toEqual(['/tracker/output/set', '/tracker/output/set']);
		});
	});

	describe('bad input is refused before any request', () => {
		it.each([
			['getReadings', { trackerId: 'abc' }, /Tracker.*"abc"/],
			['getInputs', { trackerId: '12x' }, /Tracker.*"12x"/],
			['getInputsOfMany', { trackerIds: '12, abc' }, /"Tracker IDs": "abc"/],
			['getOutputsOfMany', { trackerIds: '' }, /"Tracker IDs"/],
			['renameOutput', { outputNumber: 0, title: 'x' }, /"Output Number": 0 \(expected a whole number from 1 to 255/],
			['renameOutput', { outputNumber: 1, title: '   ' }, /"Title"/],
			['setOutput', { outputNumber: 1.5, switchTo: 'on' }, /"Output Number": 1.5/],
		])('%s %j', async (operation, parameters, message) => {
			const [id] = regular();
			// The bad value is on the second item: the first, valid one must not be sent either.
			const params: INodeParameters = { trackerId: tracker(id) };
			for (const [key, value] of Object.entries(parameters)) {
				const expression = `={{ $json.ok ? ${JSON.stringify(good(key, id))} : ${JSON.stringify(value)} }}`;
				params[key] = key === 'trackerId' ? tracker(expression) : expression;
			}
			const result = await fx.n8n.run(itemsInto([{ ok: true }, { ok: false }], sensorNode(operation, params)));
			expect(result.error?.message).toMatch(message);
			expect(trackerCalls()).toEqual([]);
		});

		const good = (key: string, id: number): unknown =>
			({ trackerId: String(id), trackerIds: String(id), outputNumber: 1, title: 'ok', switchTo: 'on' })[key];
	});
});
