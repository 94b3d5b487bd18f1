import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { NAVIXY_ACTIVATION_CODES, NAVIXY_BUNDLE_IMEIS, NAVIXY_ICCIDS } from '../simulators/navixy';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const NAVIXY = packageNodeType('navixy');
const tracker = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const fields = (entries: Record<string, string>) => ({
	field: Object.entries(entries).map(([name, value]) => ({ name, value })),
});

describe('Navixy › Registration, through the n8n engine', () => {
	const fx = useProvider(navixy, { perTest: true });

	const registrationNode = (operation: string, parameters: INodeParameters, extra = {}) =>
		node('Navixy', NAVIXY, { resource: 'registration', operation, ...parameters }, fx.credentials, extra);
	const run = async (operation: string, parameters: INodeParameters, items: object[] = [{}], extra = {}) =>
		await fx.n8n.run(itemsInto(items, registrationNode(operation, parameters, extra)));
	/** The tracker as the simulator holds it, shaped as the API answers it. */
	const truth = (id: number) => {
		const { deleted: _deleted, ...rest } = fx.sim.tracker(id) as IDataObject;
		return rest;
	};
	const trackerOfModel = (model: string, status: string[] = ['active']) =>
		fx.sim.trackerIds('regular').find((id) => {
			const source = (fx.sim.tracker(id) as IDataObject).source as IDataObject;
			return source.model === model && status.includes(fx.sim.state(id).connection_status);
		}) as number;

	const plugin37 = {
		label: 'Truck 99',
		groupId: 167,
		model: 'telfmb920',
		pluginId: 37,
		deviceId: '356307049999998',
		pluginFields: fields({
			phone: '491511234567',
			activation_code: NAVIXY_ACTIVATION_CODES[0],
			apn_name: 'internet.t-mobile',
			apn_user: 'tm',
			apn_password: 'apn-secret-1',
		}),
	};

	describe('Register', () => {
		it('registers with plugin fields merged into the request and outputs the new tracker', async () => {
			const result = await run('register', plugin37);
			expect(result.error).toBeUndefined();

			const created = fx.sim.registeredTrackerIds();
			expect(created).toHaveLength(1);
			const output = result.output('Navixy');
			expect(output).toHaveLength(1);
			expect(output[0].pairedItem).toEqual({ item: 0 });
			expect(output[0].json).toEqual(truth(created[0]));
			expect(output[0].json).toEqual(
				expect.objectContaining({ label: 'Truck 99', group_id: 167, source: expect.objectContaining({ device_id: '356307049999998', model: 'telfmb920', phone: '491511234567' }) }),
			);
			expect(fx.sim.state(created[0]).connection_status).toBe('just_registered');

			const calls = fx.sim.requests('/tracker/register');
			expect(calls).toHaveLength(1);
			expect(calls[0].params).toEqual(
				expect.objectContaining({
					label: 'Truck 99',
					group_id: '167',
					model: 'telfmb920',
					plugin_id: '37',
					device_id: '356307049999998',
					phone: '491511234567',
					activation_code: NAVIXY_ACTIVATION_CODES[0],
					apn_name: 'internet.t-mobile',
					apn_password: 'apn-secret-1',
				}),
			);
			expect(calls[0].params.send_register_commands).toBeUndefined();
			expect(fx.sim.registrations.map((entry) => entry.action)).toEqual(['register']);
		});

		it('registers a model with a generated ID without a device ID, and sends Send Register Commands when chosen', async () => {
			const result = await run('register', { label: 'Van 77', groupId: 0, model: 'tt1_wp', pluginId: 1, sendRegisterCommands: 'skip' });
			expect(result.error).toBeUndefined();
			const [id] = fx.sim.registeredTrackerIds();
			expect(result.output('Navixy')[0].json).toEqual(truth(id));
			const params = fx.sim.requests('/tracker/register')[0].params;
			expect(params.send_register_commands).toBe('false');
			expect(params.device_id).toBeUndefined();
		});

		it('registers one tracker per input item, each paired to its item', async () => {
			const result = await run(
				'register',
				{ label: '={{ $json.label }}', groupId: 0, model: 'tt1_wp', pluginId: 1 },
				[{ label: 'One' }, { label: 'Two' }, { label: 'Three' }],
			);
			expect(result.error).toBeUndefined();
			const created = fx.sim.registeredTrackerIds();
			expect(created).toHaveLength(3);
			const output = result.output('Navixy');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output.map((item) => item.json)).toEqual(created.map(truth));
			expect(output.map((item) => item.json.label)).toEqual(['One', 'Two', 'Three']);
		});

		it('reports a used activation code with the documented code 227, and keeps the secret out of the message', async () => {
			expect((await run('register', plugin37)).error).toBeUndefined();
			const again = { ...plugin37, deviceId: '356307049999980', pluginFields: fields({ phone: '491519999999', activation_code: NAVIXY_ACTIVATION_CODES[0] }) };
			const result = await run('register', again);
			expect(result.error?.message).toBe('Navixy error 227: Wrong activation code');
			expect(`${result.error?.message} ${String((result.error as unknown as IDataObject).description)}`).not.toContain(
				NAVIXY_ACTIVATION_CODES[0],
			);
			expect(fx.sim.registeredTrackerIds()).toHaveLength(1);
		});

		it.each([
			['a group that does not exist', { groupId: 999 }, 'Navixy error 204: Entity not found'],
			['an unknown model', { model: 'nosuchmodel' }, 'Navixy error 220: Unknown device model'],
			['an unknown plugin', { pluginId: 99 }, 'Navixy error 222: Plugin not found'],
		])('reports %s with its documented error', async (_label, change, message) => {
			const result = await run('register', { ...plugin37, ...change });
			expect(result.error?.message).toBe(message);
			expect(fx.sim.registeredTrackerIds()).toHaveLength(0);
		});

		it('does NOT register again after HTTP 500: exactly one request, and the error says why', async () => {
			fx.sim.inject({ path: '/tracker/register', fault: { kind: 'status', status: 500 } });
			const result = await run('register', plugin37);
			expect(result.error?.message).toMatch(/500/);
			expect((result.error as unknown as IDataObject).description).toMatch(/not sent again automatically/);
			expect(fx.sim.requests('/tracker/register')).toHaveLength(1);
			expect(fx.sim.registrations).toHaveLength(0);
		});

		describe('bad input is refused before any request', () => {
			it.each([
				['an empty label', { label: '={{ "" }}' }, /Label/],
				['a label over 60 characters', { label: 'x'.repeat(61) }, /Label.*x{10}.*1 to 60 printable/],
				['a label with a control character', { label: 'Truck\u0007' }, /Label/],
				['a negative group', { groupId: -1 }, /Group ID.*-1/],
				['a plugin ID of 0', { pluginId: 0 }, /Plugin ID.*0/],
				['a device ID with spaces', { deviceId: '3563 0704' }, /Device ID.*3563 0704/],
				['a phone with "+"', { pluginFields: fields({ phone: '+491511234567' }) }, /phone.*\+491511234567.*without '\+'/],
				['an APN name over 40 characters', { pluginFields: fields({ apn_name: 'a'.repeat(41) }) }, /apn_name.*at most|apn_name.*0 to 40|apn_name.*1 to 40/],
				['an ICCID with letters', { pluginFields: fields({ iccid: '89882110000000000AB' }) }, /iccid.*89882110000000000AB/],
				['a plugin field naming an own parameter', { pluginFields: fields({ label: 'x' }) }, /Plugin Fields › Name.*label/],
				['a plugin field twice', { pluginFields: { field: [{ name: 'phone', value: '4915112' }, { name: 'phone', value: '4915113' }] } }, /each name once/],
				['a plugin field name with spaces', { pluginFields: fields({ 'apn name': 'x' }) }, /Plugin Fields › Name.*apn name/],
			])('%s', async (_label, change, message) => {
				const result = await run('register', { ...plugin37, ...change });
				expect(result.error?.message).toMatch(message);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('an APN password over 40 characters, without showing it', async () => {
				const secret = `pw-${'s'.repeat(40)}`;
				const result = await run('register', { ...plugin37, pluginFields: fields({ apn_password: secret }) });
				expect(result.error?.message).toMatch(/apn_password.*43 hidden characters.*0 to 40/);
				expect(`${result.error?.message} ${String((result.error as unknown as IDataObject).description)}`).not.toContain(secret);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('an invalid third item stops the node before the first item is registered', async () => {
				const result = await run(
					'register',
					{ label: '={{ $json.label }}', groupId: 0, model: 'tt1_wp', pluginId: 1 },
					[{ label: 'One' }, { label: 'Two' }, { label: '' }],
				);
				expect(result.error?.message).toMatch(/Label/);
				expect(fx.sim.log).toHaveLength(0);
			});
		});
	});

	describe('Register Quick', () => {
		it('registers a bundle by IMEI and outputs the tracker; the same IMEI again is 224', async () => {
			const imei = NAVIXY_BUNDLE_IMEIS[0];
			const result = await run('registerQuick', { label: 'Bundle 1', groupId: 168, imei });
			expect(result.error).toBeUndefined();
			const [id] = fx.sim.registeredTrackerIds();
			expect(result.output('Navixy')[0].json).toEqual(truth(id));
			expect((truth(id).source as IDataObject).device_id).toBe(imei);
			expect(fx.sim.requests('/tracker/register_quick')[0].params).toEqual(expect.objectContaining({ label: 'Bundle 1', group_id: '168', imei }));

			const again = await run('registerQuick', { label: 'Bundle 1b', groupId: 0, imei });
			expect(again.error?.message).toBe('Navixy error 224: Device ID already in use');
			expect(fx.sim.registeredTrackerIds()).toEqual([id]);
		});

		it('reports an IMEI without a bundle as 201', async () => {
			const result = await run('registerQuick', { label: 'Bundle', groupId: 0, imei: '356307049999998' });
			expect(result.error?.message).toBe('Navixy error 201: Not found in database');
		});

		it.each([
			['an IMEI of 14 digits', { imei: '35630704244101' }, /IMEI.*35630704244101/],
			['an IMEI with a letter', { imei: '35630704244101A' }, /IMEI.*35630704244101A/],
			['a label over 60 characters', { label: 'y'.repeat(61) }, /Label/],
		])('refuses %s before any request', async (_label, change, message) => {
			const result = await run('registerQuick', { label: 'Bundle', groupId: 0, imei: NAVIXY_BUNDLE_IMEIS[1], ...change });
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Register Retry', () => {
		const apn = { apnName: 'internet', apnUser: '', apnPassword: 'retry-secret' };

		it('resends the activation commands of a tracker that is not connected', async () => {
			const id = trackerOfModel('telfmb920', ['offline', 'signal_lost']);
			const result = await run('registerRetry', { trackerId: tracker(id), ...apn });
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')[0].json).toEqual(truth(id));
			expect(fx.sim.registrations.map((entry) => [entry.action, entry.tracker_id])).toEqual([['register_retry', id]]);
			expect(fx.sim.requests('/tracker/register_retry')[0].params).toEqual(
				expect.objectContaining({ tracker_id: String(id), apn_name: 'internet', apn_user: '', apn_password: 'retry-secret' }),
			);
		});

		it('finds the tracker by device ID when asked to', async () => {
			const id = trackerOfModel('telfmb920', ['offline', 'signal_lost']);
			const deviceId = String(((fx.sim.tracker(id) as IDataObject).source as IDataObject).device_id);
			const result = await run('registerRetry', { findBy: 'deviceId', deviceId, ...apn });
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')[0].json.id).toBe(id);
			const params = fx.sim.requests('/tracker/register_retry')[0].params;
			expect(params.device_id).toBe(deviceId);
			expect(params.tracker_id).toBeUndefined();
		});

		it('says "device already connected" for a connected tracker (242)', async () => {
			const id = trackerOfModel('telfmb920');
			const result = await run('registerRetry', { trackerId: tracker(id), ...apn });
			expect(result.error?.message).toBe('Navixy error 242: Device already connected');
			expect((result.error as unknown as IDataObject).description).toMatch(/already connected/);
			expect(fx.sim.registrations).toHaveLength(0);
		});

		it('reads 243 as "device already connected" too', async () => {
			const id = trackerOfModel('telfmb920', ['offline', 'signal_lost']);
			fx.sim.inject({
				path: '/tracker/register_retry',
				fault: { kind: 'status', status: 400, body: { success: false, status: { code: 243, description: 'Device already connected.' } } },
			});
			const result = await run('registerRetry', { trackerId: tracker(id), ...apn });
			expect(result.error?.message).toBe('Navixy error 243: Device already connected');
		});

		it('does NOT resend after HTTP 500', async () => {
			const id = trackerOfModel('telfmb920', ['offline', 'signal_lost']);
			fx.sim.inject({ path: '/tracker/register_retry', fault: { kind: 'status', status: 500 } });
			const result = await run('registerRetry', { trackerId: tracker(id), ...apn });
			expect(result.error?.message).toMatch(/500/);
			expect(fx.sim.requests('/tracker/register_retry')).toHaveLength(1);
		});

		it.each([
			['an empty APN name', { apnName: '  ' }, /APN Name/],
			['an APN user over 40 characters', { apnUser: 'u'.repeat(41) }, /APN User.*0 to 40/],
			['a tracker ID that is not a number', { trackerId: tracker('={{ "12ab" }}') }, /Tracker.*12ab/],
		])('refuses %s before any request', async (_label, change, message) => {
			const id = trackerOfModel('telfmb920', ['offline', 'signal_lost']);
			const result = await run('registerRetry', { trackerId: tracker(id), ...apn, ...change });
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Replace', () => {
		it('swaps the device of a tracker, keeping the tracker, and outputs it', async () => {
			const id = trackerOfModel('telfmb920');
			const result = await run('replace', {
				trackerId: tracker(id),
				model: 'qlgv55lite',
				pluginId: 1,
				deviceId: '356307049999998',
				sendRegisterCommands: 'send',
				pluginFields: fields({ phone: '491517777777' }),
			});
			expect(result.error).toBeUndefined();
			const output = result.output('Navixy')[0].json;
			expect(output).toEqual(truth(id));
			expect(output.source).toEqual(expect.objectContaining({ model: 'qlgv55lite', device_id: '356307049999998', phone: '491517777777' }));
			expect(fx.sim.state(id).connection_status).toBe('just_replaced');
			expect(fx.sim.requests('/tracker/replace')[0].params).toEqual(
				expect.objectContaining({ tracker_id: String(id), model: 'qlgv55lite', plugin_id: '1', send_register_commands: 'true', phone: '491517777777' }),
			);
		});

		it('refuses an activation code (replacing takes none) before any request', async () => {
			const id = trackerOfModel('telfmb920');
			const result = await run('replace', {
				trackerId: tracker(id),
				model: 'qlgv55lite',
				pluginId: 37,
				deviceId: '356307049999998',
				pluginFields: fields({ activation_code: NAVIXY_ACTIVATION_CODES[1] }),
			});
			expect(result.error?.message).toMatch(/Plugin Fields › Name.*activation_code/);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('reports a device ID in use with code 224', async () => {
			const [id, other] = fx.sim.trackerIds('regular');
			const taken = String(((fx.sim.tracker(other) as IDataObject).source as IDataObject).device_id);
			const result = await run('replace', { trackerId: tracker(id), model: 'telfmb920', pluginId: 1, deviceId: taken });
			expect(result.error?.message).toBe('Navixy error 224: Device ID already in use');
		});

		it('does NOT replace again after HTTP 500', async () => {
			const id = trackerOfModel('telfmb920');
			fx.sim.inject({ path: '/tracker/replace', fault: { kind: 'status', status: 500 } });
			const result = await run('replace', { trackerId: tracker(id), model: 'qlgv55lite', pluginId: 1, deviceId: '356307049999998' });
			expect(result.error?.message).toMatch(/500/);
			expect(fx.sim.requests('/tracker/replace')).toHaveLength(1);
		});
	});

	describe('Replace Quick', () => {
		it('swaps the device for a bundle by IMEI (the bundle plugin with its ICCID also works through Replace)', async () => {
			const id = trackerOfModel('telfmb125');
			const result = await run('replaceQuick', { trackerId: tracker(id), imei: NAVIXY_BUNDLE_IMEIS[2] });
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')[0].json).toEqual(truth(id));
			expect((truth(id).source as IDataObject).device_id).toBe(NAVIXY_BUNDLE_IMEIS[2]);

			const other = trackerOfModel('qlgv55lite');
			const viaPlugin = await run('replace', {
				trackerId: tracker(other),
				model: 'telfmc130',
				pluginId: 44,
				deviceId: NAVIXY_BUNDLE_IMEIS[3],
				pluginFields: fields({ iccid: NAVIXY_ICCIDS[0] }),
			});
			expect(viaPlugin.error).toBeUndefined();
			expect((truth(other).source as IDataObject).device_id).toBe(NAVIXY_BUNDLE_IMEIS[3]);
		});

		it('refuses a bad IMEI before any request', async () => {
			const result = await run('replaceQuick', { trackerId: tracker(trackerOfModel('telfmb920')), imei: '1234' });
			expect(result.error?.message).toMatch(/IMEI.*1234/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Replace Retry', () => {
		const apn = { apnName: 'internet', apnUser: 'user', apnPassword: '' };

		it('resends the activation commands to a replacement device that has not connected yet', async () => {
			const id = trackerOfModel('telfmb920');
			const replaced = await run('replace', { trackerId: tracker(id), model: 'qlgv55lite', pluginId: 1, deviceId: '356307049999998' });
			expect(replaced.error).toBeUndefined();
			const result = await run('replaceRetry', { trackerId: tracker(id), ...apn });
			expect(result.error).toBeUndefined();
			expect(result.output('Navixy')[0].json).toEqual(truth(id));
			expect(fx.sim.registrations.map((entry) => entry.action)).toEqual(['replace', 'replace_retry']);
			expect(fx.sim.requests('/tracker/replace_retry')[0].params).toEqual(
				expect.objectContaining({ tracker_id: String(id), apn_name: 'internet', apn_user: 'user', apn_password: '' }),
			);
		});

		it('says "device already connected" for a connected tracker', async () => {
			const result = await run('replaceRetry', { trackerId: tracker(trackerOfModel('telfmb920')), ...apn });
			expect(result.error?.message).toMatch(/^Navixy error 24[23]: Device already connected$/);
		});

		it('reports a tracker that does not exist with its documented 204', async () => {
			const result = await run('replaceRetry', { trackerId: tracker(999999), ...apn });
			expect(result.error?.message).toBe('Navixy error 204: Entity not found');
		});

		it('does NOT resend after HTTP 500', async () => {
			fx.sim.inject({ path: '/tracker/replace_retry', fault: { kind: 'status', status: 500 } });
			const result = await run('replaceRetry', { trackerId: tracker(trackerOfModel('telfmb920', ['offline'])), ...apn });
			expect(result.error?.message).toMatch(/500/);
			expect(fx.sim.requests('/tracker/replace_retry')).toHaveLength(1);
		});
	});
});
