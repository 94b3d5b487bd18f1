import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { chain, node, packageNodeType } from '../runner';
import { NavixySimulator } from '../simulators/navixy';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const TRIGGER = packageNodeType('navixyTrigger');
const HISTORY = '/history/tracker/list';
const STATES = '/tracker/get_states';
const DAY = 86400;

/** Deterministic PRNG so that the random event streams are the same on every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

/**
 * Only Date is faked: the trigger's clock and the simulator's (which reads Date.now) move together,
 * in steps the test chooses, so live trackers do not change state or raise events on their own.
 */
function useFrozenClock(): { now: () => number; advance: (seconds: number) => number } {
	let current = 0;
	beforeEach(() => {
		jest.useFakeTimers({
			doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
		});
		current = Math.floor(Date.now() / 1000) + 5;
		jest.setSystemTime(current * 1000);
	});
	afterEach(() => jest.useRealTimers());
	return {
		now: () => current,
		advance: (seconds) => {
			current += seconds;
			jest.setSystemTime(current * 1000);
			return current;
		},
	};
}

describe('Navixy Trigger (polling), through the n8n poll context', () => {
	// The simulator reads the clock through Date.now at each call, so it follows the faked Date.
	const fx = useProvider(navixy, { perTest: true, simulator: () => new NavixySimulator({ now: () => Date.now() }) });
	const clock = useFrozenClock();

	const triggerWorkflow = (parameters: INodeParameters) => chain(node('Navixy Trigger', TRIGGER, parameters, fx.credentials));
	const poller = (parameters: INodeParameters, staticData?: IDataObject) =>
		fx.n8n.poller(triggerWorkflow(parameters), 'Navixy Trigger', staticData);
	/** Trackers whose data stopped hours ago: only the events a test adds happen on them. */
	const quietTrackers = () => fx.sim.trackerIds('regular').filter((id) => fx.sim.state(id).connection_status === 'offline');
	const storedOf = (p: { storedStaticData: string }) => Object.values(JSON.parse(p.storedStaticData) as Record<string, IDataObject>)[0];

	describe('New Tracker Event', () => {
		it('starts from now on activation, then emits each new event once with the normalized location', async () => {
			const [id] = quietTrackers();
			const p = poller({ event: 'newTrackerEvent', trackers: 'selected', trackerIds: String(id) });
			expect(await p.poll()).toBeNull();
			expect(fx.sim.requests(HISTORY)).toHaveLength(0);

			const start = clock.now();
			const added = fx.sim.addEvents(id, [
				{ event: 'sos', time: start, lat: 48.1, lng: 11.5 },
				{ event: 'inzone', time: clock.advance(2) },
			]);
			const items = await p.poll();
			expect(items?.map((item) => item.json.id)).toEqual(added.map((event) => event.id));
			expect(items![0].json).toEqual(expect.objectContaining({ event: 'sos', tracker_id: id }));
			expect(items![0].json.location).toEqual(expect.objectContaining({ latitude: 48.1, longitude: 11.5, deviceId: String(id) }));
			expect(await p.poll()).toBeNull();
		});

		it('delivers over 6,000 random events over 25 polls exactly once: shared seconds, pages of 1,000, late arrivals, restarts', async () => {
			const random = seeded(6000);
			const ids = quietTrackers().slice(0, 4);
			const parameters = { event: 'newTrackerEvent', trackers: 'selected', trackerIds: ids.join(',') };
			let p = poller(parameters);
			await p.poll();
			const start = clock.now();

			const received = new Map<number, number>();
			let pagesInOnePoll = 0;
			for (let round = 0; round < 25; round++) {
				const before = clock.now();
				const now = clock.advance(5);
				// Most rounds ~120 events; every 6th round 3,600 (three pages). Times from the previous poll's
				// second on (shared with events already emitted) up to 3 s ahead (visible only in a later poll).
				const count = round % 6 === 2 ? 3600 : 100 + Math.floor(random() * 40);
				for (const id of ids) {
					const share = Array.from({ length: Math.ceil(count / ids.length) }, () => ({
						event: random() < 0.5 ? 'sos' : 'inzone',
						time: before + Math.floor(random() * (now - before + 4)),
					}));
					fx.sim.addEvents(id, share);
				}
				if (round % 5 === 4) p = poller(parameters, JSON.parse(p.storedStaticData) as IDataObject); // n8n restarted
				const calls = fx.sim.requests(HISTORY).length;
				for (const item of (await p.poll()) ?? []) {
					const eventId = item.json.id as number;
					received.set(eventId, (received.get(eventId) ?? 0) + 1);
				}
				pagesInOnePoll = Math.max(pagesInOnePoll, fx.sim.requests(HISTORY).length - calls);
			}
			const end = clock.advance(10);
			for (const item of (await p.poll()) ?? []) received.set(item.json.id as number, (received.get(item.json.id as number) ?? 0) + 1);

			const truth = ids.flatMap((id) => fx.sim.events(id, start, end)).map((event) => event.id);
			expect(truth.length).toBeGreaterThan(6000);
			expect([...received.values()].every((times) => times === 1)).toBe(true);
			expect([...received.keys()].sort()).toEqual([...truth].sort());
			expect(pagesInOnePoll).toBeGreaterThanOrEqual(3);
			// One request for all watched trackers per page.
			expect(fx.sim.requests(HISTORY).every((call) => JSON.parse(call.params.trackers).length === ids.length)).toBe(true);
		});

		it('keeps only the chosen event types (asked of Navixy) and still moves past the others', async () => {
			const [id] = quietTrackers();
			const p = poller({ event: 'newTrackerEvent', trackers: 'selected', trackerIds: String(id), eventTypes: ['sos'] });
			await p.poll();
			const t = clock.advance(1);
			const [, sos] = fx.sim.addEvents(id, [
				{ event: 'inzone', time: t },
				{ event: 'sos', time: t },
			]);
			const items = await p.poll();
			expect(items?.map((item) => item.json.id)).toEqual([sos.id]);
			expect(JSON.parse(fx.sim.requests(HISTORY)[0].params.events)).toEqual(['sos']);
			clock.advance(1);
			expect(await p.poll()).toBeNull();
		});

		it('repeats the window after a poll failed on its second page, without losing or repeating events', async () => {
			const ids = quietTrackers().slice(0, 2);
			const p = poller({ event: 'newTrackerEvent', trackers: 'selected', trackerIds: ids.join(',') });
			await p.poll();
			const t = clock.advance(3);
			const added = [
				...fx.sim.addEvents(ids[0], Array.from({ length: 800 }, (_, i) => ({ event: 'sos', time: t - 2 + (i % 3) }))),
				...fx.sim.addEvents(ids[1], Array.from({ length: 700 }, (_, i) => ({ event: 'inzone', time: t - 2 + (i % 3) }))),
			];
			fx.sim.inject({ path: HISTORY, fault: { kind: 'latency', ms: 1 } });
			fx.sim.inject({ path: HISTORY, fault: { kind: 'status', status: 400, body: { success: false, status: { code: 217, description: 'List contains nonexistent entities' } } } });
			await expect(p.poll()).rejects.toThrow(/217/);

			const items = (await p.poll()) ?? [];
			expect(items.map((item) => item.json.id).sort()).toEqual(added.map((event) => event.id).sort());
			expect(await p.poll()).toBeNull();
		});

		it('returns the latest real event as a sample in a manual run, or says plainly there is none', async () => {
			const ids = quietTrackers().slice(0, 3);
			const p = poller({ event: 'newTrackerEvent', trackers: 'selected', trackerIds: ids.join(',') });
			const stored = p.storedStaticData;
			const now = clock.now();
			const truth = ids.flatMap((id) => fx.sim.events(id, now - 7 * DAY, now)).sort((a, b) => a.time - b.time || a.id - b.id);
			expect(truth.length).toBeGreaterThan(0);

			const sample = await p.testPoll();
			expect(sample?.map((item) => item.json.id)).toEqual([truth[truth.length - 1].id]);
			expect(p.storedStaticData).toBe(stored);

			const none = poller({ event: 'newTrackerEvent', trackers: 'selected', trackerIds: ids.join(','), eventTypes: ['crash_alarm'] });
			await expect(none.testPoll()).rejects.toThrow('No tracker event of type crash_alarm in the last 7 days to show as a sample');
		});
	});

	describe('Tracker State Changed', () => {
		const watchAll = { event: 'trackerStateChanged', watch: ['connectionStatus', 'movementStatus', 'ignition', 'input', 'output'], inputNumber: 2, outputNumber: 1 };

		it('asks every tracker in one get_states request per poll and emits one item per changed part', async () => {
			const p = poller({ ...watchAll, trackers: 'all' });
			const watched = fx.sim.trackerIds('all').filter((id) => !fx.sim.trackerIds('blocked').includes(id));
			expect(await p.poll()).toBeNull();
			clock.advance(1);
			expect(await p.poll()).toBeNull();
			const calls = fx.sim.requests(STATES);
			expect(calls).toHaveLength(2);
			expect(calls.every((call) => JSON.stringify(JSON.parse(call.params.trackers).sort()) === JSON.stringify([...watched].sort()))).toBe(true);
			expect(Object.keys(storedOf(p).values as object).map(Number).sort()).toEqual([...watched].sort());

			const [a, b, c] = quietTrackers();
			const before = { a: fx.sim.state(a), b: fx.sim.state(b), c: fx.sim.state(c) };
			fx.sim.setState(a, { connection_status: 'active', movement_status: 'moving' });
			fx.sim.setState(b, { ignition: !before.b.ignition, inputs: before.b.inputs.map((on, i) => (i === 1 ? !on : on)) });
			fx.sim.setState(c, { outputs: before.c.outputs.map((on, i) => (i === 0 ? !on : on)), inputs: before.c.inputs.map((on, i) => (i === 0 ? !on : on)) });
			clock.advance(1);
			const items = await p.poll();
			const changes = items?.map((item) => [item.json.trackerId, item.json.field, item.json.previous, item.json.current]);
			const expected: unknown[][] = [
				[a, 'connectionStatus', before.a.connection_status, 'active'],
				[a, 'movementStatus', before.a.movement_status, 'moving'],
				[b, 'ignition', before.b.ignition, !before.b.ignition],
			];
			if (before.b.inputs.length > 1) expected.push([b, 'input2', before.b.inputs[1], !before.b.inputs[1]]);
			if (before.c.outputs.length > 0) expected.push([c, 'output1', before.c.outputs[0], !before.c.outputs[0]]);
			expect(changes).toEqual(expected.filter((change) => change[2] !== change[3]));
			expect(items![0].json).toEqual(expect.objectContaining({ event: 'trackerStateChanged', connection_status: 'active' }));
			expect((items![0].json.location as IDataObject).deviceId).toBe(String(a));
			expect(fx.sim.requests(STATES)).toHaveLength(3);
			clock.advance(1);
			expect(await p.poll()).toBeNull();
		});

		it('keeps values only for the watched trackers, and gives a real sample in a manual run', async () => {
			const [a, b] = quietTrackers();
			const p = poller({ ...watchAll, trackers: 'selected', trackerIds: `${a},${b}` });
			await p.poll();
			expect(Object.keys(storedOf(p).values as object)).toEqual([String(a), String(b)]);
			const q = poller({ ...watchAll, trackers: 'selected', trackerIds: String(b) }, JSON.parse(p.storedStaticData) as IDataObject);
			await q.poll();
			expect(Object.keys(storedOf(q).values as object)).toEqual([String(b)]);

			const stored = q.storedStaticData;
			const sample = (await q.testPoll()) ?? [];
			const state = fx.sim.state(b);
			expect(sample.map((item) => [item.json.trackerId, item.json.field, item.json.current])).toEqual(
				[
					[b, 'connectionStatus', state.connection_status],
					[b, 'movementStatus', state.movement_status],
					[b, 'ignition', state.ignition],
					[b, 'input2', state.inputs[1] ?? null],
					[b, 'output1', state.outputs[0] ?? null],
				],
			);
			expect(q.storedStaticData).toBe(stored);

			const blocked = poller({ ...watchAll, trackers: 'selected', trackerIds: fx.sim.trackerIds('blocked').join(',') });
			await expect(blocked.testPoll()).rejects.toThrow('No watched tracker has a state to show as a sample');
		});
	});
});

describe('Navixy Trigger › Tracker State Changed with a fleet over 2,000 trackers', () => {
	const fx = useProvider(navixy, { perTest: true, simulator: () => new NavixySimulator({ trackerCount: 2300, now: () => Date.now() }) });
	const clock = useFrozenClock();

	it('asks 2,000 trackers per get_states request and notices a change on the last one', async () => {
		const p = fx.n8n.poller(
			chain(node('Navixy Trigger', TRIGGER, { event: 'trackerStateChanged', trackers: 'all', watch: ['connectionStatus'] }, fx.credentials)),
			'Navixy Trigger',
		);
		expect(await p.poll()).toBeNull();
		const sizes = fx.sim.requests(STATES).map((call) => JSON.parse(call.params.trackers).length);
		const watched = fx.sim.trackerIds('all').length - fx.sim.trackerIds('blocked').length;
		expect(sizes).toEqual([2000, watched - 2000]);

		const last = fx.sim.trackerIds('regular').at(-1)!;
		const before = fx.sim.state(last).connection_status;
		fx.sim.setState(last, { connection_status: before === 'offline' ? 'active' : 'offline' });
		clock.advance(1);
		const items = await p.poll();
		expect(items?.map((item) => [item.json.trackerId, item.json.previous])).toEqual([[last, before]]);
	});
});
