/** /api/playback, /api/alarm/list and /api/device/mileage over the generated history. */
import { DataStatus } from '../index';
import { DAY, call, harness, type Params } from './harness';

/** Splits a `a,b,c;a,b,c` record into rows of numbers. */
function rows(record: unknown): number[][] {
	expect(typeof record).toBe('string');
	return record === ''
		? []
		: (record as string).split(';').map((row) => row.split(',').map(Number));
}

/** An independent haversine, to check the simulator's own distance sums. */
function haversineKm(from: number[], to: number[]): number {
	const radians = (degrees: number): number => (degrees * Math.PI) / 180;
	const a =
		Math.sin(radians(to[1] - from[1]) / 2) ** 2 +
		Math.cos(radians(from[1])) *
			Math.cos(radians(to[1])) *
			Math.sin(radians(to[0] - from[0]) / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

describe('ProTrack playback and alarms', () => {
	const env = harness();
	const playback = async (params: Params) =>
		call(env.base, '/api/playback', { access_token: env.token, ...params });
	let imei = '';
	beforeAll(() => {
		imei = env.imeiWithStatus(DataStatus.ok);
	});

	it('pages playback by 1000 points; the next page starts with the boundary point', async () => {
		const dayStart = Math.floor(env.nowSec() / DAY) * DAY - DAY;
		const window = { imei, begintime: dayStart, endtime: dayStart + DAY - 1 };
		const first = rows((await playback(window)).record);
		expect(first).toHaveLength(1000);
		const times = first.map((point) => point[2]);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times[0]).toBeGreaterThanOrEqual(dayStart);
		const boundary = first[999];
		const second = rows((await playback({ ...window, begintime: boundary[2] })).record);
		expect(second.length).toBeGreaterThan(0);
		expect(second.length).toBeLessThan(1000);
		expect(second[0]).toEqual(first.find((point) => point[2] === boundary[2]));
		expect(second[second.length - 1][2]).toBeLessThanOrEqual(dayStart + DAY - 1);
		const all = [...first, ...second];
		const repeatedTimes = all.filter((point, index) => index > 0 && point[2] === all[index - 1][2]);
		expect(repeatedTimes.length).toBeGreaterThan(0);
		expect(
			first.every(
				(point) => point.length === 5 && point[3] >= 0 && point[4] >= 0 && point[4] < 360,
			),
		).toBe(true);
	});

	it('returns an empty string when there are no points, and checks the window', async () => {
		const never = env.imeiWithStatus(DataStatus.neverOnline);
		expect(await playback({ imei: never, begintime: 0, endtime: env.nowSec() })).toEqual({
			code: 0,
			record: '',
		});
		const future = env.nowSec() + DAY;
		expect((await playback({ imei, begintime: future, endtime: future + 60 })).record).toBe('');
		expect((await playback({ imei, begintime: 10, endtime: 5 })).code).toBe(10004);
		expect((await playback({ imei })).code).toBe(10005);
	});

	it('pages alarms by 100 ordered by systemtime, with equal systemtimes and added alarms', async () => {
		const begin = env.nowSec() - 30 * DAY;
		const window = { access_token: env.token, imei, begintime: begin, endtime: env.nowSec() };
		const first = rows((await call(env.base, '/api/alarm/list', window)).record);
		expect(first).toHaveLength(100);
		expect(first.every((alarm) => alarm.length === 8)).toBe(true);
		const systemTimes = first.map((alarm) => alarm[4]);
		expect(systemTimes).toEqual([...systemTimes].sort((a, b) => a - b));
		expect(systemTimes.some((time, index) => index > 0 && time === systemTimes[index - 1])).toBe(
			true,
		);
		const boundary = first[99][4];
		const second = rows(
			(await call(env.base, '/api/alarm/list', { ...window, begintime: boundary })).record,
		);
		expect(second[0][4]).toBe(boundary);
		expect(first.filter((alarm) => alarm[4] === boundary)).toContainEqual(second[0]);

		const added = {
			type: 5,
			longitude: 113.5,
			latitude: 22.5,
			gpstime: begin + 10,
			systemtime: begin + 12,
			speed: 0,
			course: 0,
			geofenceId: 7,
		};
		env.simulator.addAlarms(imei, [added]);
		const withAdded = rows(
			(await call(env.base, '/api/alarm/list', { ...window, endtime: begin + 12 })).record,
		);
		expect(withAdded).toEqual([[5, 113.5, 22.5, begin + 10, begin + 12, 0, 0, 7]]);
	});
});

describe('ProTrack mileage report', () => {
	const env = harness();
	let imei = '';
	beforeAll(() => {
		imei = env.imeiWithStatus(DataStatus.ok);
	});
	const mileage = async (params: Params) =>
		call<Array<{ imei: string; mileage: number }>>(env.base, '/api/device/mileage', {
			access_token: env.token,
			...params,
		});
	const yesterday = (): number => Math.floor(env.nowSec() / DAY) * DAY - DAY;

	it('accepts only begin and end minutes of 0 or 30 (10004)', async () => {
		const begin = yesterday();
		const ask = async (begintime: number, endtime: number): Promise<number> =>
			(await mileage({ imeis: imei, begintime, endtime })).code;
		expect(await ask(begin + 1800, begin + 3 * 1800)).toBe(0);
		expect(await ask(begin + 15 * 60, begin + 3600)).toBe(10004);
		expect(await ask(begin, begin + 3600 + 45 * 60)).toBe(10004);
		expect(await ask(begin, begin + 1801)).toBe(10004);
	});

	it('allows at most 7 days between begin and end (10006)', async () => {
		const end = yesterday() + DAY;
		const ask = async (begintime: number): Promise<number> =>
			(await mileage({ imeis: imei, begintime, endtime: end })).code;
		expect(await ask(end - 7 * DAY)).toBe(0);
		expect(await ask(end - 7 * DAY - 1800)).toBe(10006);
		const many = env.simulator.imeis().slice(0, 101).join(',');
		expect((await mileage({ imeis: many, begintime: end - DAY, endtime: end })).code).toBe(10006);
	});

	it('reports the route distance in km with begin included and end excluded', async () => {
		const begin = yesterday();
		const end = begin + DAY;
		const points: number[][] = [];
		let pageBegin = begin;
		for (;;) {
			const page = rows(
				(
					await call(env.base, '/api/playback', {
						access_token: env.token,
						imei,
						begintime: pageBegin,
						endtime: end - 1,
					})
				).record,
			);
			points.push(...(points.length > 0 ? page.filter((point) => point[2] > pageBegin) : page));
			if (page.length < 1000) {
				break;
			}
			pageBegin = page[page.length - 1][2];
		}
		const expected = points.reduce(
			(total, point, index) => (index === 0 ? 0 : total + haversineKm(points[index - 1], point)),
			0,
		);
		const answer = await mileage({ imeis: imei, begintime: begin, endtime: end });
		expect(answer.record).toHaveLength(1);
		expect(answer.record?.[0].imei).toBe(imei);
		expect(expected).toBeGreaterThan(50);
		expect(answer.record?.[0].mileage).toBeCloseTo(expected, 1);
	});

	it('counts a point at begintime and leaves out a point at endtime', async () => {
		const quiet = env.imeiWithStatus(DataStatus.neverOnline);
		const boundary = yesterday() + 7 * 3600;
		env.simulator.addRoutePoints(quiet, [
			{ longitude: 0, latitude: 0, gpstime: boundary - 1, speed: 0, course: 0 },
			{ longitude: 0, latitude: 1, gpstime: boundary, speed: 0, course: 0 },
			{ longitude: 0, latitude: 2, gpstime: boundary + 1, speed: 0, course: 0 },
		]);
		const report = async (begintime: number, endtime: number): Promise<number> =>
			(await mileage({ imeis: quiet, begintime, endtime })).record?.[0].mileage ?? NaN;
		const oneDegree = Math.round(haversineKm([0, 0], [0, 1]) * 100) / 100;
		expect(await report(boundary - 1800, boundary)).toBe(0);
		expect(await report(boundary, boundary + 1800)).toBeCloseTo(oneDegree, 1);
		expect(await report(boundary - 1800, boundary + 1800)).toBeCloseTo(2 * oneDegree, 1);
	});
});
