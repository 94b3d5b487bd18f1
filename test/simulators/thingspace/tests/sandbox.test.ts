/** The provider contract: its checks accept right outputs and name what is wrong in others; token counting; live sessions. */
import type { OutputItem, WebhookTriggerExampleCheck, ManualExampleCheck } from '../../provider-contract';
import { THINGSPACE_DEMO, isoOfTsTime, type ThingSpaceSimulator } from '../index';
import { EXAMPLE_FLEET_SIZE, exampleFleet, sandbox } from '../sandbox';
import { DEMO, LOC, harness } from './harness';

const periodicCheck = sandbox.examples['thingspace-fleet-periodic-start'] as ManualExampleCheck<ThingSpaceSimulator>;
const alertCheck = sandbox.examples['thingspace-location-failure-alert'] as WebhookTriggerExampleCheck<ThingSpaceSimulator>;

/** A trigger item as the node makes it from a one-device callback body. */
function triggerItem(body: string): OutputItem {
	const report = JSON.parse(body);
	const [device] = report.deviceList;
	return {
		transactionId: report.transactionID,
		deviceId: device.id,
		status: report.status,
		time: isoOfTsTime(device.error?.time ?? device.positionData.time),
		error: device.error ?? undefined,
	};
}

describe('ThingSpace sandbox contract', () => {
	const env = harness();

	beforeAll(async () => await env.signIn());

	it('describes the demo credential and counts bearer and session logins', async () => {
		expect(sandbox.credential.data('http://127.0.0.1:1')).toEqual({
			baseUrl: 'http://127.0.0.1:1',
			appKey: 'ts-demo-key',
			appSecret: 'ts-demo-secret',
			username: THINGSPACE_DEMO.username,
			password: THINGSPACE_DEMO.password,
			accountName: DEMO,
		});
		const before = sandbox.tokens!.logins(env.sim);
		await env.signIn();
		// One sign-in: a bearer grant and the session login made with it.
		expect(sandbox.tokens!.logins(env.sim)).toBe(before + 1);
		sandbox.tokens!.expire(env.sim);
		expect((await env.call('GET', `${LOC}/callbacks/${DEMO}`)).status).toBe(401);
		expect((await env.login()).status).toBe(401);
		await env.signIn();
		env.sim.expireBearer();
		await env.signIn();
		expect((await env.call('GET', `${LOC}/callbacks/${DEMO}`)).status).toBe(200);
	});

	it('accepts the periodic example’s right output and names a wrong one', async () => {
		const fleet = exampleFleet(env.sim);
		expect(fleet).toHaveLength(EXAMPLE_FLEET_SIZE);
		const rows = fleet.map((device) => ({ imei: device.imei, mdn: device.mdn, name: device.name }));
		const answer = await env.call('POST', `${LOC}/devicelocations/action/periodic`, {
			accountName: DEMO,
			deviceList: rows.map((row) => ({ id: row.imei, kind: 'imei', mdn: row.mdn })),
			numberOfFixes: '12',
		});
		const transactionId = answer.body.transactionID as string;
		const items = rows.map((row) => ({ deviceId: row.imei, mdn: row.mdn, transactionId, status: 'QUEUED' }));
		const output = (sheet: OutputItem[], started: OutputItem[]) => (node: string) => (node === 'Fleet sheet' ? sheet : node === 'Start periodic location' ? started : []);
		expect(periodicCheck.check(output(rows, items), env.sim)).toEqual([]);
		expect(periodicCheck.check(output(rows, items.slice(1)), env.sim).length).toBeGreaterThan(0);
		expect(periodicCheck.check(output(rows, items.map((item) => ({ ...item, transactionId: 'other' }))), env.sim).join('\n')).toContain('no periodic session other');
		expect(periodicCheck.check(output(rows, items.map((item, index) => (index === 3 ? { ...item, status: 'FAILED' } : item))), env.sim)).toHaveLength(1);
		const fewer = await env.call('POST', `${LOC}/devicelocations/action/periodic`, { accountName: DEMO, deviceList: items.slice(1).map((item) => ({ id: item.deviceId, kind: 'imei' })) });
		const mixed = items.map((item) => ({ ...item, transactionId: fewer.body.transactionID }));
		expect(periodicCheck.check(output(rows, mixed), env.sim).join('\n')).toContain('holding exactly 25 devices');
		expect(periodicCheck.check(output(rows.map((row) => ({ ...row, mdn: '5550000000' })), items), env.sim).length).toBeGreaterThan(0);
	});

	it('fires two failure reports, refuses none itself, repeats one, and judges the trigger’s items', async () => {
		expect(alertCheck.registered(env.sim)).toEqual([]);
		await expect(alertCheck.fire(env.sim)).rejects.toThrow(/No DeviceLocation listener/);
		await env.listen();
		expect(alertCheck.registered(env.sim)).toEqual([env.receiver.url]);
		env.receiver.clear();

		const keys = await alertCheck.fire(env.sim);
		expect(keys).toHaveLength(2);
		const fired = env.receiver.received.map((entry) => triggerItem(entry.body));
		expect(fired.map(alertCheck.eventKey)).toEqual(keys);
		expect(new Set(fired.map((item) => item.deviceId)).size).toBe(2);

		const invalid = await alertCheck.sendInvalid(env.sim);
		expect(invalid.map((entry) => entry.kind)).toEqual(['forged', 'unsigned']);
		expect(invalid.every((entry) => !keys.includes(entry.eventKey))).toBe(true);
		const repeated = await alertCheck.sendRepeated(env.sim);
		expect(repeated).toEqual([{ kind: 'repeated', url: env.receiver.url, eventKey: keys[1], status: 200 }]);
		expect(env.receiver.received[env.receiver.received.length - 1].body).toBe(env.receiver.received[1].body);
		const records = alertCheck.callbacks(env.sim);
		expect(records.filter((entry) => entry.kind === 'signed').map((entry) => entry.eventKey)).toEqual(keys);
		expect(records.map((entry) => entry.kind)).toEqual(['signed', 'signed', 'forged', 'unsigned', 'repeated']);

		const output = (items: OutputItem[]) => (node: string) => (node === 'On location report' || node === 'Alert' ? items : []);
		expect(alertCheck.check!(output(fired.slice(0, 1)), env.sim)).toEqual([]);
		const forgedItem = triggerItem(env.receiver.received[2].body);
		expect(alertCheck.check!(output([forgedItem]), env.sim).length).toBeGreaterThan(0);
		expect(alertCheck.check!(output([{ ...fired[0], status: 'SUCCESS', error: undefined }]), env.sim).length).toBeGreaterThan(0);
		expect(alertCheck.check!(output([]), env.sim)).toEqual(['the trigger emitted no item']);
	});

	it('in live mode each tick brings every session’s next fix (until its fixes are done), and a session without delay reports at once', async () => {
		await env.signIn();
		await env.listen();
		env.receiver.clear();
		const stopLive = sandbox.live!(env.sim, () => undefined);
		try {
			const device = exampleFleet(env.sim)[0];
			const answer = await env.call('POST', `${LOC}/devicelocations/action/periodic`, {
				accountName: DEMO,
				deviceList: [{ id: device.imei, kind: 'imei' }],
				numberOfFixes: '3',
				startTime: '600',
			});
			const ofSession = () => env.receiver.bodies().filter((body) => body.transactionID === answer.body.transactionID);
			await env.sim.idle();
			expect(ofSession()).toHaveLength(0);
			expect(await env.sim.hurrySessions()).toBeGreaterThanOrEqual(1);
			expect(ofSession()).toHaveLength(1);
			await env.sim.hurrySessions();
			await env.sim.hurrySessions();
			await env.sim.hurrySessions();
			expect(ofSession().map((body) => body.deviceList[0].id)).toEqual([device.imei, device.imei, device.imei]);
			const immediate = await env.call('POST', `${LOC}/devicelocations/action/periodic`, { accountName: DEMO, deviceList: [{ id: device.imei, kind: 'imei' }] });
			await env.sim.idle();
			expect(env.receiver.bodies().filter((body) => body.transactionID === immediate.body.transactionID)).toHaveLength(1);
		} finally {
			stopLive();
		}
	});
});
