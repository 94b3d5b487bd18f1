import type { IDataObject, INodeParameters, IPairedItemData } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import type { RoutePoint } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';
import { isoOf, pagingBegintimes } from './time-cursor-oracle';

const PROTRACK = packageNodeType('proTrack');
const PAGE_SIZE = 1000;
const DAY = 86400;
/** 2020-01-01T00:00:00Z: long before any generated history, so only points a test adds exist there. */
const QUIET_TIME = 1577836800;

const rawFields = (point: RoutePoint | IDataObject) => [
	point.longitude,
	point.latitude,
	point.gpstime,
	point.speed,
	point.course,
];

/** Great-circle distance in metres (mean Earth radius), for checking the route summary. */
function haversine(a: RoutePoint, b: RoutePoint): number {
	const rad = (degrees: number) => (degrees * Math.PI) / 180;
	const h =
		Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 +
		Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
	return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

describe('ProTrack › Playback › Get Route, through the n8n engine', () => {
	const fx = useProvider(protrack);
	/** Devices with a generated route up to now, handed out one per test that adds points. */
	let onlineImeis: string[];

	beforeAll(() => {
		onlineImeis = fx.sim.onlineImeis();
	});

	const getRoute = (parameters: INodeParameters, extra = {}) =>
		node(
			'ProTrack',
			PROTRACK,
			{ resource: 'playback', operation: 'getRoute', returnAll: true, output: 'points', ...parameters },
			fx.credentials,
			extra,
		);

	const device = (imei: string) => ({ __rl: true, mode: 'id', value: imei });

	const runFor = (imei: string, begin: number, end: number, parameters: INodeParameters = {}) =>
		fx.n8n.run(
			itemsInto(
				[{}],
				getRoute({ imei: device(imei), startTime: isoOf(begin), endTime: isoOf(end), ...parameters }),
			),
		);

	const yesterday = () => Math.floor(fx.sim.anchor / DAY) * DAY - DAY;

	it('follows 1000-point pages over a range of more than 1000 points: each point once, none missing', async () => {
		const imei = onlineImeis[0];
		const begin = yesterday() - DAY;
		const end = fx.sim.anchor;
		// Put a run of points sharing one gpstime across the first page boundary: two exact copies of
		// the point there and two different points at its gpstime.
		const before = fx.sim.routePoints(imei, begin, end);
		const boundary = before[997];
		expect(before.filter((point) => point.gpstime === boundary.gpstime)).toHaveLength(1);
		fx.sim.addRoutePoints(imei, [
			{ ...boundary },
			{ ...boundary },
			{ ...boundary, speed: boundary.speed + 1 },
			{ ...boundary, course: (boundary.course + 90) % 360 },
		]);
		const expected = fx.sim.routePoints(imei, begin, end);
		expect(expected.length).toBeGreaterThan(2 * PAGE_SIZE);
		expect(expected.slice(997, 1002).every((point) => point.gpstime === boundary.gpstime)).toBe(true);

		const result = await runFor(imei, begin, end);

		expect(result.error).toBeUndefined();
		const output = result.output('ProTrack');
		expect(output).toHaveLength(expected.length);
		expect(output.map((item) => rawFields(item.json))).toEqual(expected.map(rawFields));
		expect(output.every((item) => item.json.imei === imei)).toBe(true);
		expect(output.every((item) => (item.pairedItem as IPairedItemData).item === 0)).toBe(true);

		const calls = fx.sim.requests('/api/playback');
		const begintimes = pagingBegintimes(
			expected.map((point) => point.gpstime),
			begin,
			PAGE_SIZE,
		);
		expect(calls).toHaveLength(begintimes.length);
		expect(calls.length).toBeGreaterThanOrEqual(3);
		expect(calls.map((call) => Number(call.query.begintime))).toEqual(begintimes);
		expect(calls[1].query.begintime).toBe(String(boundary.gpstime));
		expect(calls.every((call) => call.query.endtime === String(end) && call.query.imei === imei)).toBe(true);
		expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
	});

	it('outputs the raw fields, the ISO time and the normalized location of each point', async () => {
		const imei = onlineImeis[1];
		const begin = yesterday() + 8 * 3600;
		const end = begin + 1800;
		const expected = fx.sim.routePoints(imei, begin, end);
		expect(expected.length).toBeGreaterThan(0);

		const result = await runFor(imei, begin, end);

		const output = result.output('ProTrack');
		expect(output).toHaveLength(expected.length);
		const point = expected[expected.length - 1];
		expect(output[output.length - 1].json).toEqual({
			imei,
			longitude: point.longitude,
			latitude: point.latitude,
			gpstime: point.gpstime,
			gpstimeIso: isoOf(point.gpstime),
			speed: point.speed,
			course: point.course,
			location: {
				provider: 'protrack',
				deviceId: imei,
				latitude: point.latitude,
				longitude: point.longitude,
				time: isoOf(point.gpstime),
				speedKmh: point.speed,
				headingDeg: point.course,
				accuracyM: null,
				altitudeM: null,
			},
		});
		expect(fx.sim.requests('/api/playback')).toHaveLength(1);
	});

	it("'route' output: one item per device with a GeoJSON LineString and the summary", async () => {
		const imeis = [onlineImeis[2], onlineImeis[3]];
		const begin = yesterday();
		const end = begin + DAY - 1;
		const result = await fx.n8n.run(
			itemsInto(
				imeis.map((imei) => ({ imei })),
				getRoute({
					imei: { __rl: true, mode: 'id', value: '={{ $json.imei }}' },
					startTime: isoOf(begin),
					endTime: isoOf(end),
					output: 'route',
				}),
			),
		);

		expect(result.error).toBeUndefined();
		const output = result.output('ProTrack');
		expect(output).toHaveLength(2);
		imeis.forEach((imei, index) => {
			const expected = fx.sim.routePoints(imei, begin, end);
			expect(expected.length).toBeGreaterThan(PAGE_SIZE);
			const json = output[index].json as IDataObject;
			expect(output[index].pairedItem).toEqual({ item: index });
			expect(json.imei).toBe(imei);
			expect(json.startTime).toBe(isoOf(begin));
			expect(json.endTime).toBe(isoOf(end));
			const route = json.route as IDataObject;
			expect(route.type).toBe('Feature');
			expect(route.geometry).toEqual({
				type: 'LineString',
				coordinates: expected.map((point) => [point.longitude, point.latitude]),
			});
			const distance = expected.reduce(
				(total, point, at) => (at === 0 ? 0 : total + haversine(expected[at - 1], point)),
				0,
			);
			const summary = json.summary as IDataObject;
			expect(summary.points).toBe(expected.length);
			expect(summary.distanceM as number).toBeCloseTo(distance, 1);
			expect(summary.distanceM as number).toBeGreaterThan(1000);
			expect(summary.maxSpeedKmh).toBe(Math.max(...expected.map((point) => point.speed)));
			expect(summary.firstTime).toBe(isoOf(expected[0].gpstime));
			expect(summary.lastTime).toBe(isoOf(expected[expected.length - 1].gpstime));
			expect(route.properties).toEqual({ imei, ...summary });
		});
		const calls = fx.sim.requests('/api/playback');
		expect(calls.filter((call) => call.query.imei === imeis[0]).length).toBeGreaterThanOrEqual(2);
		expect(calls.filter((call) => call.query.imei === imeis[1]).length).toBeGreaterThanOrEqual(2);
	});

	it('stops at the limit: the first points only, and no page after the one that reached it', async () => {
		const imei = onlineImeis[4];
		const begin = yesterday() - DAY;
		const end = yesterday() + DAY - 1;
		const expected = fx.sim.routePoints(imei, begin, end);
		expect(expected.length).toBeGreaterThan(2 * PAGE_SIZE);

		const large = await runFor(imei, begin, end, { returnAll: false, limit: 1500 });
		expect(large.output('ProTrack').map((item) => rawFields(item.json))).toEqual(
			expected.slice(0, 1500).map(rawFields),
		);
		expect(fx.sim.requests('/api/playback')).toHaveLength(2);

		fx.sim.clearLog();
		const small = await runFor(imei, begin, end, { returnAll: false, limit: 7 });
		expect(small.output('ProTrack').map((item) => rawFields(item.json))).toEqual(
			expected.slice(0, 7).map(rawFields),
		);
		expect(fx.sim.requests('/api/playback')).toHaveLength(1);

		fx.sim.clearLog();
		const route = await runFor(imei, begin, end, { returnAll: false, limit: 10, output: 'route' });
		const summary = route.output('ProTrack')[0].json.summary as IDataObject;
		expect(summary.points).toBe(10);
		expect(summary.lastTime).toBe(isoOf(expected[9].gpstime));
	});

	it('gives no items (and no error) for a range without points', async () => {
		const result = await runFor(onlineImeis[5], QUIET_TIME - DAY, QUIET_TIME - 1);
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack')).toHaveLength(0);
		expect(fx.sim.requests('/api/playback')).toHaveLength(1);
	});

	it('gives no items (and no error) when the host answers "No data" (20023)', async () => {
		fx.sim.inject({ path: '/api/playback', fault: { kind: 'body', body: { code: 20023, message: 'No Data' } } });
		const result = await runFor(onlineImeis[5], QUIET_TIME - DAY, QUIET_TIME - 1);
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack')).toHaveLength(0);
	});

	it('warns when more than 1000 points share one gpstime (the API cannot page within a second)', async () => {
		const imei = onlineImeis[6];
		const time = QUIET_TIME + 500;
		const crowd = Array.from({ length: 1200 }, (_, at) => ({
			longitude: 113.9,
			latitude: 22.5 + at / 1e6,
			gpstime: time,
			speed: 0,
			course: 0,
		}));
		fx.sim.addRoutePoints(imei, [...crowd, { longitude: 113.9, latitude: 22.6, gpstime: time + 1, speed: 5, course: 10 }]);

		const result = await runFor(imei, QUIET_TIME, QUIET_TIME + 3600);

		expect(result.error).toBeUndefined();
		const output = result.output('ProTrack');
		expect(output).toHaveLength(1001);
		expect(output[1000].json.gpstime).toBe(time + 1);
		const hints = result.run.data.resultData.runData.ProTrack[0].hints ?? [];
		expect(hints.map((hint) => hint.message).join(' ')).toMatch(/more than 1000 points with the same GPS time/);
	});

	it('waits and retries when ProTrack says requests are too frequent (10009)', async () => {
		const imei = onlineImeis[1];
		const begin = yesterday() + 9 * 3600;
		fx.sim.inject({ path: '/api/playback', fault: { kind: 'body', body: { code: 10009, message: 'too frequent' } } });
		const result = await runFor(imei, begin, begin + 600);
		expect(result.error).toBeUndefined();
		expect(result.output('ProTrack')).toHaveLength(fx.sim.routePoints(imei, begin, begin + 600).length);
		expect(fx.sim.requests('/api/playback')).toHaveLength(2);
	});

	describe('bad input is rejected before any request', () => {
		const begin = QUIET_TIME;
		it.each([
			['an end before the start', { startTime: isoOf(begin), endTime: isoOf(begin - 60) }, /End Time.*after Start Time/],
			['an end equal to the start', { startTime: isoOf(begin), endTime: isoOf(begin) }, /End Time.*after Start Time/],
			['an unreadable start', { startTime: 'yesterday-ish', endTime: isoOf(begin) }, /Start Time.*yesterday-ish/],
			['an empty end', { startTime: isoOf(begin), endTime: '={{ "" }}' }, /End Time/],
			['an IMEI with letters', { imei: device('={{ "35889905102533A" }}') }, /Device.*35889905102533A.*8 to 20 digits/],
			['an IMEI too short', { imei: device('={{ "1234" }}') }, /Device.*1234/],
			['a limit of 0', { returnAll: false, limit: '={{ 0 }}' }, /Limit.*0.*from 1/],
			['an unknown output', { output: '={{ "map" }}' }, /Output.*map/],
		])('%s', async (_label, parameters, message) => {
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					getRoute({ imei: device(onlineImeis[0]), startTime: isoOf(begin), endTime: isoOf(begin + 3600), ...parameters }),
				),
			);
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});

		it.each([
			['a literal IMEI with letters', { imei: device('35889905102533A') }, /IMEI is 8 to 20 digits/],
			['no end time', { endTime: '' }, /End Time.*required/],
		])('n8n itself refuses %s in the editor fields', async (_label, parameters, message) => {
			const running = fx.n8n.run(
				itemsInto(
					[{}],
					getRoute({ imei: device(onlineImeis[0]), startTime: isoOf(begin), endTime: isoOf(begin + 3600), ...parameters }),
				),
			);
			await expect(running).rejects.toThrow(message);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('fails with the index of the bad item among good ones, before the good ones are fetched', async () => {
			const result = await fx.n8n.run(
				itemsInto(
					[{ end: isoOf(begin + 3600) }, { end: isoOf(begin + 7200) }, { end: isoOf(begin - 1) }],
					getRoute({ imei: device(onlineImeis[0]), startTime: isoOf(begin), endTime: '={{ $json.end }}' }),
				),
			);
			expect(result.error?.message).toMatch(/End Time/);
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(2);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('with Continue On Fail, answers the good items and gives the bad one an error item', async () => {
			const imei = onlineImeis[1];
			const start = yesterday() + 8 * 3600;
			const result = await fx.n8n.run(
				itemsInto(
					[{ imei }, { imei: 'abc' }, { imei }],
					getRoute(
						{
							imei: { __rl: true, mode: 'id', value: '={{ $json.imei }}' },
							startTime: isoOf(start),
							endTime: isoOf(start + 600),
							output: 'route',
						},
						{ onError: 'continueRegularOutput' },
					),
				),
			);
			const output = result.output('ProTrack');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output[1].json.error).toMatch(/Device.*abc/);
			expect((output[0].json.summary as IDataObject).points).toBe(fx.sim.routePoints(imei, start, start + 600).length);
			expect(fx.sim.requests('/api/playback')).toHaveLength(2);
		});
	});

	it('MEASURE: requests needed for 25,000 points of one device, with runs sharing a gpstime', async () => {
		const imei = onlineImeis[7];
		// Deterministic runs: most gpstimes hold one point, every 7th holds three different points,
		// every 11th two exact copies (as the document's demo repeats points).
		const points: RoutePoint[] = [];
		for (let step = 0; points.length < 25000; step++) {
			const gpstime = QUIET_TIME + 10 * step;
			const base = { longitude: Math.round((113.9 + step / 1e5) * 1e6) / 1e6, latitude: 22.5, gpstime, speed: step % 90, course: step % 360 };
			const run =
				step % 7 === 0
					? [base, { ...base, speed: base.speed + 1 }, { ...base, course: (base.course + 1) % 360 }]
					: step % 11 === 0
						? [base, { ...base }]
						: [base];
			points.push(...run.slice(0, 25000 - points.length));
		}
		fx.sim.addRoutePoints(imei, points);
		const begin = QUIET_TIME;
		const end = points[points.length - 1].gpstime + 3600;
		const truth = fx.sim.routePoints(imei, begin, end);
		expect(truth).toHaveLength(25000);

		const started = Date.now();
		const result = await runFor(imei, begin, end);
		const elapsedMs = Date.now() - started;

		expect(result.error).toBeUndefined();
		const output = result.output('ProTrack');
		expect(output).toHaveLength(25000);
		expect(output.map((item) => rawFields(item.json))).toEqual(truth.map(rawFields));
		const calls = fx.sim.requests('/api/playback');
		const begintimes = pagingBegintimes(
			truth.map((point) => point.gpstime),
			begin,
			PAGE_SIZE,
		);
		expect(calls.map((call) => Number(call.query.begintime))).toEqual(begintimes);
		expect(calls.length).toBeGreaterThanOrEqual(25);
		console.log(
			`MEASURE: Get Route returned 25000 points with ${calls.length} /api/playback requests ` +
				`(paging arithmetic: ${begintimes.length}; ${Math.ceil(25000 / PAGE_SIZE)} if pages never overlapped) in ${elapsedMs} ms`,
		);
	});
});
