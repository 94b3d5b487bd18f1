/** Live data: get_state(s), last GPS point, inputs and outputs, sensors, dates, and the setState hook. */
import { NAVIXY_LIMITS } from '../index';
import { harness } from './harness';

describe('Navixy tracker state', () => {
	const env = harness();
	const regular = (): number[] => env.simulator.trackerIds('regular');

	it('answers get_state in the user time zone, or ISO 8601 with the offset when asked', async () => {
		const id = regular()[0];
		const plain = await env.call('/tracker/get_state', { tracker_id: id });
		expect(plain.body.user_time).toBe('2025-06-15 14:00:00');
		const truth = env.simulator.state(id);
		expect(plain.body.state.gps.location).toEqual({
			lat: truth.lat,
			lng: truth.lng,
		});
		expect(plain.body.state).toMatchObject({
			connection_status: truth.connection_status,
			movement_status: truth.movement_status,
		});
		const iso = await env.call('/tracker/get_state', { tracker_id: id }, { iso: true });
		expect(iso.body.user_time).toBe('2025-06-15T14:00:00+02:00');
		const byParam = await env.call('/tracker/get_state', {
			tracker_id: id,
			iso_datetime: true,
		});
		expect(byParam.body.state.last_update).toMatch(/T.*\+02:00$/);
	});

	it('moves trackers as time passes and reports offline trackers at their last data', async () => {
		const moving = regular().filter((id) => env.simulator.state(id).movement_status === 'moving');
		const where = (id: number): string =>
			`${env.simulator.state(id).lat},${env.simulator.state(id).lng}`;
		const before = moving.map(where);
		env.clock += 120_000;
		expect(moving.length).toBeGreaterThan(0);
		expect(
			moving.map(where).filter((place, index) => place !== before[index]).length,
		).toBeGreaterThan(0);
		const offline =
			regular().find((id) => env.simulator.state(id).connection_status === 'offline') ?? 0;
		expect(env.simulator.state(offline).last_update).toBeLessThan(env.nowSec() - 3600);
	});

	it('answers 201 for an unknown tracker and 208 for a blocked one', async () => {
		expect(env.failure(await env.call('/tracker/get_state', { tracker_id: 1 }))).toBe(201);
		const blocked = env.simulator.trackerIds('blocked')[0];
		for (const path of [
			'/tracker/get_state',
			'/tracker/get_inputs',
			'/tracker/get_fuel',
			'/tracker/get_last_gps_point',
		]) {
			expect(env.failure(await env.call(path, { tracker_id: blocked }), 403)).toBe(208);
		}
		const missing = await env.call('/tracker/get_state', {});
		expect(missing.body.errors).toEqual([{ parameter: 'tracker_id', error: expect.any(String) }]);
	});

	it('lists states of many trackers with list_blocked and allow_not_exist', async () => {
		const [blocked] = env.simulator.trackerIds('blocked');
		const ids = [...regular().slice(0, 3), blocked, 999];
		expect(env.failure(await env.call('/tracker/get_states', { trackers: ids }))).toBe(217);
		const withBlocked = ids.filter((id) => id !== 999);
		expect(env.failure(await env.call('/tracker/get_states', { trackers: withBlocked }), 403)).toBe(
			208,
		);
		const answer = await env.call('/tracker/get_states', {
			trackers: ids,
			list_blocked: true,
			allow_not_exist: true,
		});
		expect(Object.keys(answer.body.states)).toEqual(regular().slice(0, 3).map(String));
		expect(answer.body).toMatchObject({ blocked: [blocked], not_exist: [999] });
		const tooMany = Array.from(
			{ length: NAVIXY_LIMITS.trackersPerRequest + 1 },
			(_, index) => index + 1,
		);
		expect(env.failure(await env.call('/tracker/get_states', { trackers: tooMany }))).toBe(7);
	});

	it('answers the last GPS point, inputs and outputs, one and in batches', async () => {
		const [first, second] = regular();
		const point = await env.call('/tracker/get_last_gps_point', {
			tracker_id: first,
		});
		expect(point.body.value).toMatchObject({
			lat: env.simulator.state(first).lat,
			speed: env.simulator.state(first).speed,
		});
		env.simulator.setState(first, {
			inputs: [true],
			connection_status: 'offline',
		});
		const inputs = await env.call('/tracker/get_inputs', { tracker_id: first });
		expect(inputs.body).toMatchObject({
			inputs: [true],
			states: [{ type: 'ignition', status: true, input_number: 1 }],
		});
		const batch = await env.call('/tracker/batch_get_inputs', {
			trackers: [first, second],
		});
		expect(Object.keys(batch.body.data)).toEqual([String(first), String(second)]);
		const outputs = await env.call('/tracker/batch_get_outputs', {
			trackers: [second],
		});
		expect(outputs.body.result[String(second)][0]).toEqual({
			number: 1,
			title: 'OUT1',
		});
		const blocked = env.simulator.trackerIds('blocked')[0];
		expect(
			env.failure(
				await env.call('/tracker/batch_get_inputs', {
					trackers: [first, blocked],
				}),
			),
		).toBe(217);
		expect(env.failure(await env.call('/tracker/batch_get_outputs', { trackers: [123] }))).toBe(
			217,
		);
		expect(
			(await env.call('/tracker/get_state', { tracker_id: first })).body.state.connection_status,
		).toBe('offline');
	});

	it('answers diagnostics, fuel and readings by model', async () => {
		const ids = regular();
		const withCan = ids[1];
		const diagnostics = await env.call('/tracker/get_diagnostics', {
			tracker_id: withCan,
		});
		expect(diagnostics.body.inputs.map((input: { name: string }) => input.name)).toContain(
			'obd_rpm',
		);
		const fuel = await env.call('/tracker/get_fuel', { tracker_id: withCan });
		expect(fuel.body.inputs[0]).toMatchObject({
			name: 'fuel_level',
			units_type: 'litre',
		});
		const readings = await env.call(
			'/tracker/get_readings',
			{ tracker_id: withCan },
			{ iso: true },
		);
		expect(readings.body.inputs[0].name).toBe('board_voltage');
		expect(readings.body.update_time).toMatch(/\+02:00$/);
		const withoutCan = await env.call('/tracker/get_diagnostics', {
			tracker_id: ids[0],
		});
		expect(withoutCan.body.inputs).toEqual([]);
	});
});
