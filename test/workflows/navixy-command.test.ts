import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const NAVIXY = packageNodeType('navixy');
const tracker = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const textOf = (error: unknown) => `${(error as Error | undefined)?.message} ${String((error as IDataObject | undefined)?.description)}`;

describe('Navixy › Command, through the n8n engine', () => {
	const fx = useProvider(navixy);

	const commandNode = (operation: string, parameters: INodeParameters, extra = {}) =>
		node('Navixy', NAVIXY, { resource: 'command', operation, ...parameters }, fx.credentials, extra);
	const run = async (operation: string, parameters: INodeParameters, items: object[] = [{}], extra = {}) =>
		await fx.n8n.run(itemsInto(items, commandNode(operation, parameters, extra)));
	const trackersWhere = (model: (code: string) => boolean, status: string[]) =>
		fx.sim.trackerIds('regular').filter((id) => {
			const source = (fx.sim.tracker(id) as IDataObject).source as IDataObject;
			return model(String(source.model)) && status.includes(fx.sim.state(id).connection_status);
		});
	const lockTracker = () => trackersWhere((code) => code === 'jointech_jt701', ['active', 'idle'])[0];
	const plainTracker = () => trackersWhere((code) => code === 'telfmb920', ['active', 'idle'])[0];
	const offlineTracker = () => trackersWhere(() => true, ['offline', 'signal_lost'])[0];

	describe('Send', () => {
		it('unseals an electronic lock with its Jointech password, and keeps the password out of the output', async () => {
			const before = fx.sim.commands.length;
			const id = lockTracker();
			const result = await run('send', {
				trackerId: tracker(id),
				command: 'electronic_lock_command',
				commandCode: 'unseal',
				settingsType: 'jointech_lock_password',
				password: 'a1b2c3',
				rememberPassword: true,
			});
			expect(result.error).toBeUndefined();

			const sent = fx.sim.commands.slice(before);
			expect(sent).toHaveLength(1);
			expect(sent[0].tracker_id).toBe(id);
			expect(sent[0].command).toEqual({
				name: 'electronic_lock_command',
				command_code: 'unseal',
				special_settings: { type: 'jointech_lock_password', password: 'a1b2c3', remember_password: true },
			});
			const output = result.output('Navixy');
			expect(output).toEqual([
				{
					json: {
						trackerId: id,
						command: 'electronic_lock_command',
						commandCode: 'unseal',
						queued: true,
						specialSettings: { type: 'jointech_lock_password', rememberPassword: true, passwordSet: true },
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(JSON.stringify(output)).not.toContain('a1b2c3');
		});

		it('seals a lock without special settings when the type is None', async () => {
			const before = fx.sim.commands.length;
			const result = await run('send', { trackerId: tracker(lockTracker()), command: 'electronic_lock_command', commandCode: 'seal' });
			expect(result.error).toBeUndefined();
			expect(fx.sim.commands.slice(before).map((entry) => entry.command)).toEqual([{ name: 'electronic_lock_command', command_code: 'seal' }]);
		});

		it('sets special settings on any tracker, with an empty password sent as null', async () => {
			const before = fx.sim.commands.length;
			const id = plainTracker();
			const result = await run('send', { trackerId: tracker(id), command: 'set_special_settings_command', settingsType: 'vg_lock_password' });
			expect(result.error).toBeUndefined();
			expect(fx.sim.commands.slice(before).map((entry) => [entry.tracker_id, entry.command])).toEqual([
				[id, { name: 'set_special_settings_command', special_settings: { type: 'vg_lock_password', password: null, remember_password: false } }],
			]);
			expect(result.output('Navixy')[0].json.specialSettings).toEqual({ type: 'vg_lock_password', rememberPassword: false, passwordSet: false });
		});

		it('sends one command per item, each paired to its item', async () => {
			const before = fx.sim.commands.length;
			const ids = trackersWhere((code) => code === 'jointech_jt701', ['active', 'idle', 'offline']).slice(0, 2);
			expect(ids.length).toBe(2);
			const result = await run(
				'send',
				{ trackerId: tracker('={{ $json.id }}'), command: 'electronic_lock_command', commandCode: '={{ $json.code }}' },
				[{ id: ids[0], code: 'seal' }, { id: ids[1], code: 'unseal' }],
			);
			expect(result.error).toBeUndefined();
			expect(fx.sim.commands.slice(before).map((entry) => [entry.tracker_id, entry.command.command_code])).toEqual([
				[ids[0], 'seal'],
				[ids[1], 'unseal'],
			]);
			expect(result.output('Navixy').map((item) => [item.json.trackerId, item.pairedItem])).toEqual([
				[ids[0], { item: 0 }],
				[ids[1], { item: 1 }],
			]);
		});

		it('reports a lock command to a model without lock control with the documented code 214', async () => {
			const before = fx.sim.commands.length;
			const result = await run('send', { trackerId: tracker(plainTracker()), command: 'electronic_lock_command', commandCode: 'seal' });
			expect(result.error?.message).toBe('Navixy error 214: Operation/parameters not supported by device');
			expect(fx.sim.commands.length).toBe(before);
		});

		it('reports a tracker that does not exist with 201', async () => {
			const result = await run('send', { trackerId: tracker(999999), command: 'set_special_settings_command', settingsType: 'vg_lock_password' });
			expect(result.error?.message).toBe('Navixy error 201: Not found in database');
		});

		it('does NOT send again after HTTP 500, and the password is not in the error', async () => {
			fx.sim.inject({ path: '/tracker/send_command', fault: { kind: 'status', status: 500 } });
			const result = await run('send', {
				trackerId: tracker(lockTracker()),
				command: 'electronic_lock_command',
				commandCode: 'unseal',
				settingsType: 'hhd_lock_password',
				password: '12345678',
			});
			expect(result.error?.message).toMatch(/500/);
			expect(textOf(result.error)).toMatch(/not sent again automatically/);
			expect(textOf(result.error)).not.toContain('12345678');
			expect(fx.sim.requests('/tracker/send_command')).toHaveLength(1);
		});

		describe('bad input is refused before any request', () => {
			it.each([
				['an HHD password of 7 digits', { settingsType: 'hhd_lock_password', password: '1234567' }, /Password.*7 hidden characters.*8 digits/, '1234567'],
				['an HHD password with a letter', { settingsType: 'hhd_lock_password', password: '1234567a' }, /Password.*8 digits/, '1234567a'],
				['a Jointech password with a comma', { settingsType: 'jointech_lock_password', password: 'ab,def' }, /Password.*6 characters without spaces or commas/, 'ab,def'],
				['a Jointech password with a space', { settingsType: 'jointech_lock_password', password: 'ab def' }, /Password.*without spaces/, 'ab def'],
				['a Jointech password of 7 characters', { settingsType: 'jointech_lock_password', password: 'abcdefg' }, /Password.*7 hidden/, 'abcdefg'],
				['a command code that is not seal or unseal', { commandCode: '={{ "open" }}' }, /Command Code.*open.*seal or unseal/, undefined],
				['an unknown command', { command: '={{ "self_destruct" }}' }, /Command.*self_destruct/, undefined],
			])('%s', async (_label, change, message, secret) => {
				const result = await run('send', {
					trackerId: tracker(lockTracker()),
					command: 'electronic_lock_command',
					commandCode: 'seal',
					...change,
				});
				expect(result.error?.message).toMatch(message);
				if (secret !== undefined) expect(textOf(result.error)).not.toContain(secret);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('Set Special Settings without a settings type', async () => {
				const result = await run('send', { trackerId: tracker(plainTracker()), command: 'set_special_settings_command' });
				expect(result.error?.message).toMatch(/Special Settings Type.*none.*needs one/);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('an invalid second item stops the node before the first is sent', async () => {
				const result = await run(
					'send',
					{ trackerId: tracker(lockTracker()), command: 'electronic_lock_command', commandCode: 'seal', settingsType: 'hhd_lock_password', password: '={{ $json.pw }}' },
					[{ pw: '12345678' }, { pw: '1234' }],
				);
				expect(result.error?.message).toMatch(/Password/);
				expect(fx.sim.log).toHaveLength(0);
			});
		});
	});

	describe('Send Raw', () => {
		it('sends a text command, reliable by default', async () => {
			const before = fx.sim.rawCommands.length;
			const id = plainTracker();
			const result = await run('sendRaw', { trackerId: tracker(id), rawCommand: 'setdigout 1' });
			expect(result.error).toBeUndefined();
			expect(fx.sim.rawCommands.slice(before)).toEqual([expect.objectContaining({ tracker_id: id, command: 'setdigout 1', type: 'text', reliable: true })]);
			expect(fx.sim.requests('/tracker/raw_command/send')[0].params).toEqual(
				expect.objectContaining({ tracker_id: String(id), command: 'setdigout 1', type: 'text', reliable: 'true' }),
			);
			expect(result.output('Navixy')).toEqual([
				{ json: { trackerId: id, command: 'setdigout 1', type: 'text', reliable: true, queued: true }, pairedItem: { item: 0 } },
			]);
		});

		it('sends a hex command, not reliable when chosen', async () => {
			const before = fx.sim.rawCommands.length;
			const id = plainTracker();
			const result = await run('sendRaw', { trackerId: tracker(id), rawCommand: '0A1bFF00', type: 'hex', reliable: false });
			expect(result.error).toBeUndefined();
			expect(fx.sim.rawCommands.slice(before)).toEqual([expect.objectContaining({ tracker_id: id, command: '0A1bFF00', type: 'hex', reliable: false })]);
		});

		it('reports an offline device with the documented code 213', async () => {
			const before = fx.sim.rawCommands.length;
			const result = await run('sendRaw', { trackerId: tracker(offlineTracker()), rawCommand: 'getver' });
			expect(result.error?.message).toBe('Navixy error 213: Device offline, cannot perform');
			expect(fx.sim.rawCommands.length).toBe(before);
		});

		it('does NOT send again after HTTP 500', async () => {
			const before = fx.sim.rawCommands.length;
			fx.sim.inject({ path: '/tracker/raw_command/send', fault: { kind: 'status', status: 500 } });
			const result = await run('sendRaw', { trackerId: tracker(plainTracker()), rawCommand: 'getver' });
			expect(result.error?.message).toMatch(/500/);
			expect(textOf(result.error)).toMatch(/not sent again automatically/);
			expect(fx.sim.requests('/tracker/raw_command/send')).toHaveLength(1);
			expect(fx.sim.rawCommands.length).toBe(before);
		});

		it('under Continue On Fail, an offline tracker becomes its own error item and the others are sent', async () => {
			const before = fx.sim.rawCommands.length;
			const online = plainTracker();
			const offline = offlineTracker();
			const result = await run(
				'sendRaw',
				{ trackerId: tracker('={{ $json.id }}'), rawCommand: 'getver' },
				[{ id: online }, { id: offline }],
				{ onError: 'continueRegularOutput' },
			);
			expect(result.error).toBeUndefined();
			expect(fx.sim.rawCommands.slice(before).map((entry) => entry.tracker_id)).toEqual([online]);
			const output = result.output('Navixy');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(output[1].json.error).toMatch(/213/);
		});

		describe('bad input is refused before any request', () => {
			it.each([
				['hex with a non-hex digit', { rawCommand: '0A1G', type: 'hex' }, /Command.*0A1G.*hex digits/],
				['hex with an odd number of digits', { rawCommand: '0A1', type: 'hex' }, /Command.*0A1.*even number/],
				['hex with spaces', { rawCommand: '0A 1B', type: 'hex' }, /Command.*0A 1B/],
				['hex written with 0x', { rawCommand: '0x0A', type: 'hex' }, /Command.*0x0A/],
				['an empty command', { rawCommand: '={{ "  " }}' }, /Command.*non-empty/],
				['an unknown type', { rawCommand: 'getver', type: '={{ "binary" }}' }, /Type.*binary.*Text or Hex/],
			])('%s', async (_label, change, message) => {
				const result = await run('sendRaw', { trackerId: tracker(plainTracker()), ...change });
				expect(result.error?.message).toMatch(message);
				expect(fx.sim.log).toHaveLength(0);
			});
		});
	});
});
