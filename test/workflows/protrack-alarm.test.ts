import type { IDataObject, INodeParameters, IPairedItemData } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import type { AlarmRecord } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';
import { isoOf, pagingBegintimes } from './time-cursor-oracle';

const PROTRACK = packageNodeType('proTrack');
const PAGE_SIZE = 100;
const DAY = 86400;
/** 2020-01-01T00:00:00Z: long before any generated history, so only alarms a test adds exist there. */
const QUIET_TIME = 1577836800;

const rawFields = (alarm: AlarmRecord | IDataObject) => [
	alarm.type,
	alarm.longitude,
	alarm.latitude,
	alarm.gpstime,
	alarm.systemtime,
	alarm.speed,
	alarm.course,
	String(alarm.geofenceId),
];

describe('ProTrack › Alarm › Get Many, through the n8n engine', () => {
	const fx = useProvider(protrack);
	/** Devices with generated history up to now, handed out one per test that adds alarms. */
	let onlineImeis: string[];

	beforeAll(() => {
		onlineImeis = fx.sim.onlineImeis();
	});

	const getMany = (parameters: INodeParameters, extra = {}) =>
		node(
			'ProTrack',
			PROTRACK,
			{ resource: 'alarm', operation: 'getMany', returnAll: true, ...parameters },
			fx.credentials,
			extra,
		);

	const runFor = (imeis: string, begin: number, end: number, parameters: INodeParameters = {}) =>
		fx.n8n.run(itemsInto([{}], getMany({ imeis, startTime: isoOf(begin), endTime: isoOf(end), ...parameters })));

	/** Thirty days up to now: every online device has more than 100 generated alarms in it. */
	const month = () => ({ begin: fx.sim.anchor - 30 * DAY, end: fx.sim.anchor });

	it('follows 100-alarm pages; alarms sharing a system time across the boundary come once each', async () => {
		const imei = onlineImeis[0];
		const { begin, end } = month();
		// Four alarms at the system time of the 98th: the run spans alarms 98 to 102, across the
		// first page boundary (two are exact copies of each other, as a device may resend).
		const before = fx.sim.alarms(imei, begin, end);
		const boundary = before[97];
		expect(before.filter((alarm) => alarm.systemtime === boundary.systemtime)).toHaveLength(1);
		const copy = { ...boundary, type: 4, speed: 0 };
		fx.sim.addAlarms(imei, [copy, { ...copy }, { ...boundary, type: 2 }, { ...boundary, type: 7, geofenceId: 3 }]);
		const expected = fx.sim.alarms(imei, begin, end);
		expect(expected.length).toBeGreaterThan(2 * PAGE_SIZE);
		expect(expected.slice(97, 102).every((alarm) => alarm.systemtime === boundary.systemtime)).toBe(true);

		const result = await runFor(imei, begin, end);

		expect(result.error).toBeUndefined();
		const output = result.output('ProTrack');
		expect(output).toHaveLength(expected.length);
		expect(output.map((item) => rawFields(item.json))).toEqual(expected.map(rawFields));
		const times = output.map((item) => item.json.systemtime as number);
		expect(times).toEqual([...times].sort((a, b) => a - b));

		const calls = fx.sim.requests('/api/alarm/list');
		const begintimes = pagingBegintimes(
			expected.map((alarm) => alarm.systemtime),
			begin,
			PAGE_SIZE,
		);
		expect(calls.map((call) => Number(call.query.begintime))).toEqual(begintimes);
		expect(calls.length).toBeGreaterThanOrEqual(3);
		expect(calls[1].query.begintime).toBe(String(boundary.systemtime));
		expect(calls.every((call) => call.query.imei === imei && call.query.endtime === String(end))).toBe(true);
	});

	it('outputs the type number and name, ISO times and the normalized location, paired to the item', async () => {
		const imei = onlineImeis[1];
		const added: AlarmRecord = {
			type: 6,
			longitude: 114.057868,
			latitude: 22.543099,
			gpstime: QUIET_TIME + 100,
			systemtime: QUIET_TIME + 104,
			speed: 38,
			course: 270,
			geofenceId: 12,
		};
		fx.sim.addAlarms(imei, [added, { ...added, type: 44, systemtime: QUIET_TIME + 200 }]);

		const result = await runFor(imei, QUIET_TIME, QUIET_TIME + 3600);

		const output = result.output('ProTrack');
		expect(output).toHaveLength(2);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			imei,
			type: 6,
			typeName: 'geoFenceOutAlarm',
			longitude: added.longitude,
			latitude: added.latitude,
			gpstime: added.gpstime,
			systemtime: added.systemtime,
			speed: 38,
			course: 270,
			geofenceId: '12',
			gpstimeIso: isoOf(added.gpstime),
			systemtimeIso: isoOf(added.systemtime),
			location: {
				provider: 'protrack',
				deviceId: imei,
				latitude: added.latitude,
				longitude: added.longitude,
				time: isoOf(added.gpstime),
				speedKmh: 38,
				headingDeg: 270,
				accuracyM: null,
				altitudeM: null,
			},
		});
		expect(output[1].json.typeName).toBe('lowExternalBatteryAlarm');
		expect(fx.sim.requests('/api/alarm/list')).toHaveLength(1);
	});

	it('filters by alarm type, reading every page, and applies the limit after the filter', async () => {
		const imei = onlineImeis[2];
		const { begin, end } = month();
		const all = fx.sim.alarms(imei, begin, end);
		expect(all.length).toBeGreaterThan(PAGE_SIZE);
		const engine = all.filter((alarm) => alarm.type === 9 || alarm.type === 10);
		expect(engine.length).toBeGreaterThan(5);
		expect(engine.length).toBeLessThan(all.length);
		const pages = pagingBegintimes(
			all.map((alarm) => alarm.systemtime),
			begin,
			PAGE_SIZE,
		).length;

		const filtered = await runFor(imei, begin, end, { filters: { alarmTypes: [9, 10] } });
		expect(filtered.output('ProTrack').map((item) => rawFields(item.json))).toEqual(engine.map(rawFields));
		expect(new Set(filtered.output('ProTrack').map((item) => item.json.typeName))).toEqual(
			new Set(['engineOn', 'engineOff']),
		);
		expect(fx.sim.requests('/api/alarm/list')).toHaveLength(pages);

		fx.sim.clearLog();
		const limited = await runFor(imei, begin, end, { returnAll: false, limit: 5, filters: { alarmTypes: [9, 10] } });
		expect(limited.output('ProTrack').map((item) => rawFields(item.json))).toEqual(engine.slice(0, 5).map(rawFields));

		fx.sim.clearLog();
		const unfiltered = await runFor(imei, begin, end, { returnAll: false, limit: 5, filters: { alarmTypes: [] } });
		expect(unfiltered.output('ProTrack').map((item) => rawFields(item.json))).toEqual(all.slice(0, 5).map(rawFields));
		expect(fx.sim.requests('/api/alarm/list')).toHaveLength(1);
	});

	it('takes several IMEIs from one item and from several items, pairing each alarm to its item', async () => {
		const [first, second, third] = onlineImeis.slice(3, 6);
		const begin = fx.sim.anchor - 3 * DAY;
		const end = fx.sim.anchor;
		const truth = (imei: string) => fx.sim.alarms(imei, begin, end).slice(0, 4);
		const result = await fx.n8n.run(
			itemsInto(
				[{ imeis: `${first}, ${second}` }, { imeis: third }, { imeis: `${first}` }],
				getMany({
					imeis: '={{ $json.imeis }}',
					startTime: isoOf(begin),
					endTime: isoOf(end),
					returnAll: false,
					limit: 4,
				}),
			),
		);

		expect(result.error).toBeUndefined();
		const output = result.output('ProTrack');
		const expected = [
			...truth(first).map((alarm) => ({ item: 0, imei: first, alarm })),
			...truth(second).map((alarm) => ({ item: 0, imei: second, alarm })),
			...truth(third).map((alarm) => ({ item: 1, imei: third, alarm })),
			...truth(first).map((alarm) => ({ item: 2, imei: first, alarm })),
		];
		expect(expected).toHaveLength(16);
		expect(
			output.map((entry) => ({ item: (entry.pairedItem as IPairedItemData).item, imei: entry.json.imei, fields: rawFields(entry.json) })),
		).toEqual(expected.map(({ item, imei, alarm }) => ({ item, imei, fields: rawFields(alarm) })));
		// The same IMEI and range named by two items is fetched once.
		expect(fx.sim.requests('/api/alarm/list').map((call) => call.query.imei)).toEqual([first, second, third]);
	});

	it('waits and retries when ProTrack says requests are too frequent (10009)', async () => {
		const imei = onlineImeis[6];
		const { begin, end } = month();
		const expected = fx.sim.alarms(imei, begin, end);
		fx.sim.inject({ path: '/api/alarm/list', fault: { kind: 'body', body: { code: 10009, message: 'too frequent' } } });

		const result = await runFor(imei, begin, end);

		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack').map((item) => rawFields(item.json))).toEqual(expected.map(rawFields));
		const calls = fx.sim.requests('/api/alarm/list');
		const pages = pagingBegintimes(
			expected.map((alarm) => alarm.systemtime),
			begin,
			PAGE_SIZE,
		);
		expect(calls).toHaveLength(pages.length + 1);
		expect(Number(calls[0].query.begintime)).toBe(begin);
		expect(Number(calls[1].query.begintime)).toBe(begin);
	});

	it('fails with the documented meaning when the device is not on the account', async () => {
		const result = await runFor('999999999999999', QUIET_TIME, QUIET_TIME + 60);
		expect(result.error?.message).toMatch(/20005/);
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(0);
		expect(fx.sim.requests('/api/alarm/list')).toHaveLength(1);
	});

	describe('bad input is rejected before any request', () => {
		const begin = QUIET_TIME;
		it.each([
			['an IMEI with letters', { imeis: '35889905102533A' }, /IMEIs.*35889905102533A/],
			['one bad IMEI among good ones', { imeis: '358899051025339, 12' }, /IMEIs.*"12"/],
			['an empty list', { imeis: '={{ "" }}' }, /IMEIs/],
			['an end before the start', { endTime: isoOf(begin - 1) }, /End Time.*after Start Time/],
			['an unreadable end', { endTime: 'soon' }, /End Time.*soon/],
			['an unknown alarm type', { filters: { alarmTypes: '={{ [9, 45] }}' } }, /Alarm Types.*45.*1 to 44/],
			['an alarm type that is not a number', { filters: { alarmTypes: '={{ ["door"] }}' } }, /Alarm Types.*door/],
			['a limit of 0', { returnAll: false, limit: '={{ 0 }}' }, /Limit.*0/],
			['a fractional limit', { returnAll: false, limit: '={{ 2.5 }}' }, /Limit.*2\.5.*whole number/],
		])('%s', async (_label, parameters, message) => {
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					getMany({ imeis: onlineImeis[0], startTime: isoOf(begin), endTime: isoOf(begin + 3600), ...parameters }),
				),
			);
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('fails with the index of the first bad item, before the good ones are fetched', async () => {
			const result = await fx.n8n.run(
				itemsInto(
					[{ imeis: onlineImeis[0], end: isoOf(begin + 60) }, { imeis: onlineImeis[1], end: isoOf(begin - 60) }, { imeis: 'x', end: isoOf(begin + 60) }],
					getMany({ imeis: '={{ $json.imeis }}', startTime: isoOf(begin), endTime: '={{ $json.end }}' }),
				),
			);
			expect(result.error?.message).toMatch(/End Time/);
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('with Continue On Fail, answers the good items and gives each bad one an error item', async () => {
			const imei = onlineImeis[7];
			const alarm = { type: 1, longitude: 113.9, latitude: 22.5, gpstime: QUIET_TIME + 5, systemtime: QUIET_TIME + 9, speed: 0, course: 0, geofenceId: 0 };
			fx.sim.addAlarms(imei, [alarm, { ...alarm, type: 3, systemtime: QUIET_TIME + 60 }]);
			const result = await fx.n8n.run(
				itemsInto(
					[{ imeis: 'abc' }, { imeis: imei }, { imeis: `${imei}` }],
					getMany(
						{
							imeis: '={{ $json.imeis }}',
							startTime: isoOf(QUIET_TIME),
							endTime: '={{ $itemIndex === 2 ? "never" : "' + isoOf(QUIET_TIME + 3600) + '" }}',
						},
						{ onError: 'continueRegularOutput' },
					),
				),
			);
			const output = result.output('ProTrack');
			const expected = fx.sim.alarms(imei, QUIET_TIME, QUIET_TIME + 3600);
			expect(expected).toHaveLength(2);
			expect(output.map((item) => (item.pairedItem as IPairedItemData).item)).toEqual([0, ...expected.map(() => 1), 2]);
			expect(output[0].json.error).toMatch(/IMEIs.*abc/);
			expect(output[output.length - 1].json.error).toMatch(/End Time.*never/);
			expect(fx.sim.requests('/api/alarm/list')).toHaveLength(1);
		});
	});
});
