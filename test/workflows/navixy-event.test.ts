import type { INodeParameters, INodePropertyOptions, IPairedItemData } from 'n8n-workflow';

import { chain, itemsInto, node, packageNodeType } from '../runner';
import { NAVIXY_EVENT_TYPES, type NavixyEvent } from '../simulators/navixy';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';
import { isoOf, pagingBegintimes } from './time-cursor-oracle';

const NAVIXY = packageNodeType('navixy');
const DAY = 86400;
const HISTORY = '/history/tracker/list';

const secondsOf = (iso: unknown) => Math.floor(Date.parse(String(iso)) / 1000);

describe('Navixy › Event, through the n8n engine', () => {
	// A fresh simulator per test: events one test adds must not leak into the next.
	const fx = useProvider(navixy, { perTest: true });

	const eventNode = (parameters: INodeParameters) =>
		node('Navixy', NAVIXY, { resource: 'event', operation: 'getMany', returnAll: true, ...parameters }, fx.credentials);

	const runFor = (trackerIds: number[], begin: number, end: number, parameters: INodeParameters = {}) =>
		fx.n8n.run(
			itemsInto(
				[{}],
				eventNode({ trackerInput: 'list', trackerIds: trackerIds.join(','), startTime: isoOf(begin), endTime: isoOf(end), ...parameters }),
			),
		);

	/** Ground truth: the simulator's own events of the trackers in the range, by time then ID. */
	const truth = (ids: number[], begin: number, end: number, types?: string[]) =>
		ids
			.flatMap((id) => fx.sim.events(id, begin, end))
			.filter((event) => types === undefined || types.includes(event.event))
			.sort((a, b) => a.time - b.time || a.id - b.id);

	const historyCalls = () =>
		fx.sim.requests(HISTORY).map((call) => ({ from: secondsOf(call.params.from), to: secondsOf(call.params.to), params: call.params }));

	it('pages over more than 1,000 events, many sharing a second across page boundaries, without loss or repeats', async () => {
		const ids = fx.sim.trackerIds('regular').slice(0, 3);
		const begin = fx.sim.anchor - 20 * DAY;
		const end = fx.sim.anchor - 3600;
		// 2,400 events on 120 seconds (20 per second), so page boundaries fall inside runs of one second.
		const base = fx.sim.anchor - 5 * DAY;
		const added = Array.from({ length: 2400 }, (_, i) => ({ event: i % 3 === 0 ? 'sos' : 'inzone', time: base + Math.floor(i / 20) * 7 }));
		fx.sim.addEvents(ids[1], added.slice(0, 1200));
		fx.sim.addEvents(ids[2], added.slice(1200));
		const expected = truth(ids, begin, end);
		expect(expected.length).toBeGreaterThan(2500);

		const result = await runFor(ids, begin, end);

		expect(result.error).toBeUndefined();
		const output = result.output('Navixy');
		expect(output.map((item) => item.json.id)).toEqual(expected.map((event) => event.id));
		expect(new Set(output.map((item) => item.json.id)).size).toBe(output.length);
		expect(output.every((item) => (item.pairedItem as IPairedItemData).item === 0)).toBe(true);

		const calls = historyCalls();
		expect(calls.length).toBeGreaterThanOrEqual(3);
		// Every page after the first starts at the time of the previous page's last event.
		expect(calls.map((call) => call.from)).toEqual(pagingBegintimes(expected.map((event) => event.time), begin, 1000));
		const boundaries = calls.slice(1).map((call) => expected.filter((event) => event.time === call.from).length);
		expect(boundaries.some((count) => count > 1)).toBe(true);
		expect(calls.every((call) => JSON.parse(call.params.trackers).length === 3 && call.params.limit === '1000')).toBe(true);
	});

	it('outputs Navixy fields with the normalized location, and filters by event type on the server', async () => {
		const [id] = fx.sim.trackerIds('regular');
		const begin = fx.sim.anchor - 10 * DAY;
		const end = fx.sim.anchor - 60;
		const [sos] = fx.sim.addEvents(id, [{ event: 'sos', time: fx.sim.anchor - 2 * DAY, lat: 52.5, lng: 13.4, emergency: true }]);
		const types = ['sos', 'inzone'];
		const expected = truth([id], begin, end, types);

		const result = await runFor([id], begin, end, { eventTypes: types });

		expect(result.error).toBeUndefined();
		const output = result.output('Navixy');
		expect(output.map((item) => item.json.id)).toEqual(expected.map((event) => event.id));
		expect(output.every((item) => types.includes(item.json.event as string))).toBe(true);
		expect(JSON.parse(historyCalls()[0].params.events)).toEqual(types);
		const json = output.find((item) => item.json.id === sos.id)!.json;
		expect(json).toEqual(
			expect.objectContaining({ event: 'sos', tracker_id: id, navixyLocation: { lat: 52.5, lng: 13.4, precision: 10 } }),
		);
		expect(json.location).toEqual(expect.objectContaining({ latitude: 52.5, longitude: 13.4, deviceId: String(id) }));
		expect(secondsOf(json.time)).toBe(sos.time);
	});

	it('reads a range longer than the server allows (90 days here) in 30-day windows', async () => {
		const [id] = fx.sim.trackerIds('regular');
		// 120 days: four 30-day windows and a last one of a single second (Navixy wants `to` after `from`).
		const begin = fx.sim.anchor - 100 * DAY;
		const end = begin + 120 * DAY;
		fx.sim.addEvents(id, [
			{ event: 'sos', time: begin },
			{ event: 'sos', time: begin + 30 * DAY - 1 },
			{ event: 'sos', time: begin + 30 * DAY },
			{ event: 'sos', time: begin + 60 * DAY },
		]);
		const expected = truth([id], begin, end);

		const result = await runFor([id], begin, end);

		expect(result.error).toBeUndefined();
		expect(result.output('Navixy').map((item) => item.json.id)).toEqual(expected.map((event) => event.id));
		const calls = historyCalls();
		expect(calls.length).toBeGreaterThanOrEqual(5);
		expect(calls.every((call) => call.to - call.from <= 30 * DAY && call.to > call.from)).toBe(true);
		expect(calls[0].from).toBe(begin);
	});

	it('stops at the limit for each input item, each event paired to its item', async () => {
		const ids = fx.sim.trackerIds('regular').slice(0, 2);
		const begin = fx.sim.anchor - 10 * DAY;
		const end = fx.sim.anchor - 60;
		const workflow = itemsInto(
			[{ tracker: ids[0] }, { tracker: ids[1] }],
			eventNode({
				trackerInput: 'one',
				trackerId: { __rl: true, mode: 'id', value: '={{ $json.tracker }}' },
				startTime: isoOf(begin),
				endTime: isoOf(end),
				returnAll: false,
				limit: 5,
			}),
		);

		const result = await fx.n8n.run(workflow);

		expect(result.error).toBeUndefined();
		const output = result.output('Navixy');
		const expected = [...truth([ids[0]], begin, end).slice(0, 5), ...truth([ids[1]], begin, end).slice(0, 5)];
		expect(output.map((item) => item.json.id)).toEqual(expected.map((event: NavixyEvent) => event.id));
		expect(output.map((item) => (item.pairedItem as IPairedItemData).item)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
	});

	it('refuses bad input before any request, naming the field and the value', async () => {
		const [id] = fx.sim.trackerIds('regular');
		const now = fx.sim.anchor;
		const cases: Array<[INodeParameters, RegExp]> = [
			[{ trackerIds: '12a' }, /"Tracker IDs": "12a"/],
			[{ trackerIds: String(id), endTime: isoOf(now - 2 * DAY) }, /"End Time".*a time after Start Time/],
			[{ trackerIds: String(id), eventTypes: ['sos', 'bad-type'] }, /"Event Types": "bad-type"/],
			[{ trackerIds: String(id), returnAll: false, limit: 0 }, /"Limit"/],
		];
		for (const [parameters, message] of cases) {
			const result = await fx.n8n.run(
				itemsInto([{}], eventNode({ trackerInput: 'list', startTime: isoOf(now - DAY), endTime: isoOf(now), ...parameters })),
			);
			expect([parameters, result.error?.message]).toEqual([parameters, expect.stringMatching(message)]);
		}
		expect(fx.sim.requests(HISTORY)).toHaveLength(0);
	});

	it('lists the event types, and offers them in the Event Types picker', async () => {
		const result = await fx.n8n.run(
			itemsInto([{}], node('Navixy', NAVIXY, { resource: 'event', operation: 'listTypes' }, fx.credentials)),
		);
		expect(result.error).toBeUndefined();
		const output = result.output('Navixy');
		expect(output.map((item) => item.json)).toEqual(NAVIXY_EVENT_TYPES.map((type) => ({ ...type })));
		expect(output.every((item) => (item.pairedItem as IPairedItemData).item === 0)).toBe(true);
		expect(fx.sim.requests('/history/type/list')[0].params).toEqual(expect.objectContaining({ locale: 'en_US' }));

		const options = (await fx.n8n.loadOptions(
			chain(eventNode({})),
			'Navixy',
			'loadOptions',
			'getEventTypes',
		)) as INodePropertyOptions[];
		expect(options.map((option) => option.value).sort()).toEqual(NAVIXY_EVENT_TYPES.map((type) => type.type).sort());
		const sos = options.find((option) => option.value === 'sos');
		expect(sos?.name).toBe(NAVIXY_EVENT_TYPES.find((type) => type.type === 'sos')!.description);
	});
});
