/** location_request, send_command, raw_command/send and the outputs. */
import { harness } from './harness';

describe('Navixy commands', () => {
	const env = harness();
	const regular = (): number[] => env.simulator.trackerIds('regular');
	const modelOf = (id: number): string =>
		(env.simulator.tracker(id)?.source as { model: string }).model;
	const online = (model?: string): number =>
		regular().find(
			(id) =>
				env.simulator.state(id).connection_status === 'active' && (!model || modelOf(id) === model),
		) ?? 0;

	it('requests a location; 256 while the fix is fresh, 213 offline over GPRS, 214 unsupported', async () => {
		const id = online('telfmb125');
		env.simulator.setState(id, { gps_time: env.nowSec() - 10 });
		expect(env.failure(await env.call('/tracker/location_request', { tracker_id: id }))).toBe(256);
		env.simulator.setState(id, { gps_time: env.nowSec() - 600 });
		expect(
			(
				await env.call('/tracker/location_request', {
					tracker_id: id,
					type: 'gprs',
				})
			).body.success,
		).toBe(true);
		expect(env.simulator.locationRequests.at(-1)).toMatchObject({
			tracker_id: id,
			type: 'gprs',
		});
		env.simulator.setState(id, { connection_status: 'offline' });
		expect(
			env.failure(
				await env.call('/tracker/location_request', {
					tracker_id: id,
					type: 'gsm',
				}),
			),
		).toBe(213);
		expect(
			(
				await env.call('/tracker/location_request', {
					tracker_id: id,
					type: 'sms',
				})
			).body.success,
		).toBe(true);
		const mobile = regular().find((candidate) => modelOf(candidate) === 'navixymobile') ?? 0;
		expect(env.failure(await env.call('/tracker/location_request', { tracker_id: mobile }))).toBe(
			214,
		);
		expect(
			env.failure(
				await env.call('/tracker/location_request', {
					tracker_id: id,
					type: 'fax',
				}),
			),
		).toBe(7);
	});

	it('sends special commands the model allows (214 otherwise)', async () => {
		const lock = online('jointech_jt701');
		const command = {
			name: 'electronic_lock_command',
			command_code: 'unseal',
			special_settings: { type: 'jointech_lock_password', password: '345892' },
		};
		expect((await env.call('/tracker/send_command', { tracker_id: lock, command })).body).toEqual({
			success: true,
		});
		expect(env.simulator.commands.at(-1)).toMatchObject({
			tracker_id: lock,
			command,
		});
		expect(
			env.failure(
				await env.call('/tracker/send_command', {
					tracker_id: online('telfmb920'),
					command,
				}),
			),
		).toBe(214);
		expect(env.failure(await env.call('/tracker/send_command', { tracker_id: lock }))).toBe(7);
	});

	it('sends raw commands as text or hex; 7 for non-hex, 213 offline, 208 blocked', async () => {
		const id = online();
		const send = (params: Record<string, unknown>, tracker = id) =>
			env.call('/tracker/raw_command/send', { tracker_id: tracker, ...params });
		expect((await send({ command: 'AT+GTRTO=gv200,A,,,,,,0001$' })).body.success).toBe(true);
		expect((await send({ command: '0A1B', type: 'hex', reliable: false })).body.success).toBe(true);
		expect(env.simulator.rawCommands.at(-1)).toMatchObject({
			command: '0A1B',
			type: 'hex',
			reliable: false,
		});
		const nonHex = await send({ command: 'zz', type: 'hex' });
		expect(nonHex.body.errors).toEqual([{ parameter: 'command', error: 'Non-hex string' }]);
		const offline =
			regular().find(
				(candidate) => env.simulator.state(candidate).connection_status === 'offline',
			) ?? 0;
		expect(env.failure(await send({ command: 'RESET' }, offline))).toBe(213);
		expect(
			env.failure(await send({ command: 'RESET' }, env.simulator.trackerIds('blocked')[0]), 403),
		).toBe(208);
		expect(env.failure(await send({ command: 'RESET' }, 5))).toBe(201);
	});

	it('renames outputs with output/update and switches them with output/set and set_all', async () => {
		const id = online('telfmb125');
		const update = await env.call('/tracker/output/update', {
			tracker_id: id,
			tracker_output: { number: 2, title: 'Siren' },
		});
		expect(update.body.success).toBe(true);
		expect((await env.call('/tracker/get_outputs', { tracker_id: id })).body.result[1]).toEqual({
			number: 2,
			title: 'Siren',
		});
		expect(env.simulator.outputUpdates.at(-1)).toMatchObject({
			tracker_id: id,
			number: 2,
			title: 'Siren',
		});
		expect(
			env.failure(
				await env.call('/tracker/output/update', {
					tracker_id: id,
					tracker_output: { number: 3, title: 'x' },
				}),
			),
		).toBe(7);
		await env.call('/tracker/output/set', {
			tracker_id: id,
			output: 1,
			enable: true,
		});
		expect(env.simulator.state(id).outputs).toEqual([true, false]);
		await env.call('/tracker/output/set_all', {
			tracker_id: id,
			outputs: [false, true],
		});
		expect((await env.call('/tracker/get_state', { tracker_id: id })).body.state.outputs).toEqual([
			false,
			true,
		]);
		expect(
			env.failure(
				await env.call('/tracker/output/set_all', {
					tracker_id: id,
					outputs: [true],
				}),
			),
		).toBe(214);
		expect(
			env.failure(
				await env.call('/tracker/output/set', {
					tracker_id: 5,
					output: 1,
					enable: true,
				}),
				404,
			),
		).toBe(204);
	});
});
