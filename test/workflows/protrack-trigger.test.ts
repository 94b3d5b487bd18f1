import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { chain, node, packageNodeType } from '../runner';
import type { AlarmRecord } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const TRIGGER = packageNodeType('proTrackTrigger');

/** Deterministic PRNG so that the random alarm streams are the same on every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

describe('ProTrack Trigger (polling), through the n8n poll context', () => {
	// A fresh simulator per test: alarm streams added by one test must not leak into the next.
	const fx = useProvider(protrack, { perTest: true });

	const triggerWorkflow = (parameters: INodeParameters) =>
		chain(node('ProTrack Trigger', TRIGGER, parameters, fx.credentials));

	const alarmAt = (systemtime: number, type: number, serial: number): AlarmRecord => ({
		type,
		longitude: 113.9 + serial / 1e6,
		latitude: 22.5 + serial / 1e6,
		gpstime: systemtime - 5,
		systemtime,
		speed: serial % 120,
		course: serial % 360,
		geofenceId: 0,
	});

	const key = (imei: string, alarm: { systemtime: number; latitude: number; type: number }) =>
		`${imei}|${alarm.systemtime}|${alarm.latitude}|${alarm.type}`;

	describe('New Alarm', () => {
		it('starts from now on activation, then emits each new alarm once with decoded type and location', async () => {
			const [imei] = fx.sim.imeis();
			const poller = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: imei }),
				'ProTrack Trigger',
			);
			expect(await poller.poll()).toBeNull(); // history exists, but activation does not replay it
			expect(fx.sim.requests('/api/alarm/list')).toHaveLength(0);

			const now = Math.floor(Date.now() / 1000);
			fx.sim.addAlarms(imei, [alarmAt(now + 1, 1, 1), alarmAt(now + 2, 6, 2)]);
			const items = await poller.poll();
			expect(items?.map((item) => item.json.typeName)).toEqual(['sosAlarm', 'geoFenceOutAlarm']);
			const first = items![0].json;
			expect(first).toEqual(
				expect.objectContaining({
					event: 'newAlarm',
					imei,
					type: 1,
					systemtime: now + 1,
					systemtimeIso: new Date((now + 1) * 1000).toISOString(),
				}),
			);
			expect((first.location as IDataObject).deviceId).toBe(imei);
			expect((first.location as IDataObject).latitude).toBeCloseTo(22.500001, 6);

			expect(await poller.poll()).toBeNull();
		});

		it('keeps only the chosen alarm types but still moves past the others', async () => {
			const [imei] = fx.sim.imeis();
			const poller = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: imei, alarmTypes: [6] }),
				'ProTrack Trigger',
			);
			await poller.poll();
			const now = Math.floor(Date.now() / 1000);
			fx.sim.addAlarms(imei, [alarmAt(now + 1, 1, 3), alarmAt(now + 1, 6, 4), alarmAt(now + 2, 7, 5)]);
			const items = await poller.poll();
			expect(items?.map((item) => item.json.type)).toEqual([6]);
			expect(await poller.poll()).toBeNull();
		});

		it('delivers 2,500 random alarms over 30 polls exactly once, across restarts and page boundaries', async () => {
			const random = seeded(2500);
			const imeis = fx.sim.imeis().slice(10, 15);
			let poller = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: imeis.join(',') }),
				'ProTrack Trigger',
			);
			await poller.poll();
			const start = Math.floor(Date.now() / 1000);

			const sent = new Map<string, number>();
			const received = new Map<string, number>();
			let serial = 0;
			for (let round = 0; round < 30; round++) {
				// ~83 alarms per round on average; every 7th round piles 200+ onto one device (several pages).
				const count = round % 7 === 3 ? 260 : 2500 / 30 - 9 + Math.floor(random() * 10);
				const perDevice = new Map<string, AlarmRecord[]>();
				for (let i = 0; i < count && serial < 2500; i++) {
					const imei = round % 7 === 3 ? imeis[0] : imeis[Math.floor(random() * imeis.length)];
					// Times from the previous round's last second on: many alarms share a second, and
					// some share the second the previous poll ended on.
					const systemtime = start + round * 9 - 1 + Math.floor(random() * 10);
					const alarm = alarmAt(Math.max(start, systemtime), 1 + Math.floor(random() * 44), ++serial);
					perDevice.set(imei, [...(perDevice.get(imei) ?? []), alarm]);
					sent.set(key(imei, alarm), (sent.get(key(imei, alarm)) ?? 0) + 1);
				}
				for (const [imei, alarms] of perDevice) fx.sim.addAlarms(imei, alarms);

				if (round % 10 === 9) {
					// n8n restarted: a new poller from the stored static data only.
					poller = fx.n8n.poller(
						triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: imeis.join(',') }),
						'ProTrack Trigger',
						JSON.parse(poller.storedStaticData) as IDataObject,
					);
				}
				for (const item of (await poller.poll()) ?? []) {
					const json = item.json as { imei: string; systemtime: number; latitude: number; type: number };
					received.set(key(json.imei, json), (received.get(key(json.imei, json)) ?? 0) + 1);
				}
			}
			expect(serial).toBe(2500);
			expect([...received.values()].every((times) => times === 1)).toBe(true);
			expect(received.size).toBe(sent.size);
			expect([...sent.keys()].filter((k) => !received.has(k))).toEqual([]);
			// More than 100 new alarms for one device between polls means several pages in one poll.
			const pagesPerCall = fx.sim.requests('/api/alarm/list').filter((call) => call.query.imei === imeis[0]);
			expect(pagesPerCall.length).toBeGreaterThan(30);
		});

		it('repeats the window after a failed poll instead of losing or duplicating alarms', async () => {
			const imeis = fx.sim.imeis().slice(20, 22);
			const poller = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: imeis.join(',') }),
				'ProTrack Trigger',
			);
			await poller.poll();
			const now = Math.floor(Date.now() / 1000);
			fx.sim.addAlarms(imeis[0], [alarmAt(now + 1, 2, 9001)]);
			fx.sim.addAlarms(imeis[1], [alarmAt(now + 1, 3, 9002)]);
			// The first device is read (a 1 ms delay), the second fails with 'Permission denied' (not retried).
			fx.sim.inject({ path: '/api/alarm/list', fault: { kind: 'latency', ms: 1 } });
			fx.sim.inject({ path: '/api/alarm/list', fault: { kind: 'body', body: { code: 10007 } } });
			await expect(poller.poll()).rejects.toThrow(/10007/);

			const items = await poller.poll();
			expect(items?.map((item) => item.json.imei).sort()).toEqual([...imeis].sort());
			expect(await poller.poll()).toBeNull();
		});

		it('watches every device of the account, reading the device list on each poll', async () => {
			const poller = fx.n8n.poller(triggerWorkflow({ event: 'newAlarm', devices: 'all' }), 'ProTrack Trigger');
			await poller.poll();
			expect(fx.sim.requests('/api/device/list')).toHaveLength(1);
			const imei = fx.sim.imeis()[123];
			const now = Math.floor(Date.now() / 1000);
			fx.sim.addAlarms(imei, [alarmAt(now + 1, 20, 9100)]);
			const items = await poller.poll();
			expect(items?.map((item) => [item.json.imei, item.json.typeName])).toEqual([[imei, 'collisionAlarm']]);
			expect(fx.sim.requests('/api/alarm/list').length).toBe(fx.sim.imeis().length);
		});

		it('keeps cursors only for watched devices, so static data does not grow with devices that left', async () => {
			const [first, second] = fx.sim.imeis();
			const both = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: `${first},${second}` }),
				'ProTrack Trigger',
			);
			await both.poll();
			const stored = JSON.parse(both.storedStaticData) as Record<string, { cursors: object }>;
			expect(Object.keys(Object.values(stored)[0].cursors).sort()).toEqual([first, second].sort());

			const one = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: first }),
				'ProTrack Trigger',
				stored,
			);
			await one.poll();
			const after = JSON.parse(one.storedStaticData) as Record<string, { cursors: object }>;
			expect(Object.keys(Object.values(after)[0].cursors)).toEqual([first]);
		});

		it('returns the latest alarm as a sample in a manual test run without moving the cursors', async () => {
			const [imei] = fx.sim.imeis();
			const poller = fx.n8n.poller(
				triggerWorkflow({ event: 'newAlarm', devices: 'selected', imeis: imei }),
				'ProTrack Trigger',
			);
			const stored = poller.storedStaticData;
			const sample = await poller.testPoll();
			expect(sample).toHaveLength(1);
			expect(sample![0].json).toEqual(expect.objectContaining({ event: 'newAlarm', imei }));
			expect(poller.storedStaticData).toBe(stored);
		});
	});

	describe('Device Status Changed', () => {
		it('emits one item per watched field that changed, with previous and current values', async () => {
			const imeis = fx.sim.onlineImeis().slice(0, 3);
			const poller = fx.n8n.poller(
				triggerWorkflow({
					event: 'deviceStatusChanged',
					devices: 'selected',
					imeis: imeis.join(','),
					watchFields: ['connection', 'acc'],
				}),
				'ProTrack Trigger',
			);
			expect(await poller.poll()).toBeNull();
			expect(await poller.poll()).toBeNull();

			fx.sim.setDeviceState(imeis[1], { datastatus: 4 });
			fx.sim.setDeviceState(imeis[2], { accstatus: fx.sim.device(imeis[2])!.accstatus === 1 ? 0 : 1, doorstatus: 1 });
			const items = await poller.poll();
			const changes = items?.map((item) => [item.json.imei, item.json.field, item.json.previous, item.json.current]);
			expect(changes).toEqual([
				[imeis[1], 'connection', 'online', 'offline'],
				[imeis[2], 'acc', expect.any(String), expect.any(String)],
			]);
			expect(items![1].json.previous).not.toBe(items![1].json.current);
			expect(fx.sim.requests('/api/track').every((call) => call.query.imeis === imeis.join(','))).toBe(true);
			expect(await poller.poll()).toBeNull();
		});
	});
});
