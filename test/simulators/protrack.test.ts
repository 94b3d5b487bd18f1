import { createHash } from 'node:crypto';

import {
	PROTRACK_DEMO,
	PROTRACK_FLEET_EAST,
	PROTRACK_FLEET_WEST,
	ProTrackSimulator,
	protrackSignature,
	type ProTrackOptions,
} from './protrack';

interface Answer<T = unknown> {
	code: number;
	message?: string;
	record?: T;
}

type Encoding = 'query' | 'form' | 'json';

const DAY = 86400;
const START_MS = Date.UTC(2025, 5, 15, 12, 0, 0);
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

async function call<T = unknown>(
	base: string,
	path: string,
	params: Record<string, string | number> = {},
	method: 'GET' | 'POST' = 'GET',
	encoding: Encoding = 'query',
): Promise<Answer<T>> {
	const pairs = Object.entries(params).map(([key, value]): [string, string] => [
		key,
		String(value),
	]);
	const query = encoding === 'query' ? `?${new URLSearchParams(pairs).toString()}` : '';
	const response = await fetch(`${base}${path}${query}`, {
		method,
		headers: encoding === 'json' ? { 'content-type': 'application/json' } : undefined,
		body:
			encoding === 'form'
				? new URLSearchParams(pairs)
				: encoding === 'json'
					? JSON.stringify(params)
					: undefined,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Answer<T>;
}

/** Splits a `a,b,c;a,b,c` record into rows of numbers. */
function rows(record: unknown): number[][] {
	expect(typeof record).toBe('string');
	return record === ''
		? []
		: (record as string).split(';').map((row) => row.split(',').map(Number));
}

function haversineKm(from: number[], to: number[]): number {
	const radians = (degrees: number): number => (degrees * Math.PI) / 180;
	const a =
		Math.sin(radians(to[1] - from[1]) / 2) ** 2 +
		Math.cos(radians(from[1])) *
			Math.cos(radians(to[1])) *
			Math.sin(radians(to[0] - from[0]) / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A simulator on a port of its own with a hand-driven clock. */
function harness(options: ProTrackOptions = {}) {
	const context = {
		clock: START_MS,
		simulator: undefined as unknown as ProTrackSimulator,
		base: '',
		nowSec: (): number => Math.floor(context.clock / 1000),
		async login(
			account: string = PROTRACK_DEMO.account,
			password: string = PROTRACK_DEMO.password,
		): Promise<string> {
			const time = context.nowSec();
			const answer = await call<{ access_token: string }>(context.base, '/api/authorization', {
				time,
				account,
				signature: protrackSignature(password, time),
			});
			expect(answer.code).toBe(0);
			return answer.record?.access_token ?? '';
		},
	};
	beforeAll(async () => {
		context.simulator = new ProTrackSimulator({ now: () => context.clock, ...options });
		context.base = await context.simulator.start();
	});
	afterAll(async () => {
		await context.simulator.stop();
	});
	return context;
}

describe('ProTrack authorization', () => {
	const documentClock = 1556243443;
	const env = harness({
		accounts: [{ account: 'test', password: 'Abc@34590' }],
		now: () => documentClock * 1000,
	});

	it("accepts the document's signature example", async () => {
		expect(protrackSignature('Abc@34590', documentClock)).toBe('3844afd2c3bf68f0f3f4aa0a9ee8ee6c');
		const answer = await call<{ access_token: string; expires_in: number }>(
			env.base,
			'/api/authorization',
			{
				time: documentClock,
				account: 'test',
				signature: '3844afd2c3bf68f0f3f4aa0a9ee8ee6c',
			},
		);
		expect(answer.code).toBe(0);
		expect(answer.record?.expires_in).toBe(7200);
		expect(answer.record?.access_token).toMatch(/^[0-9a-f]{32}$/);
	});

	it('rejects a wrong signature or unknown account with 20001 and missing parameters with 10005', async () => {
		const time = documentClock;
		expect(
			(
				await call(env.base, '/api/authorization', {
					time,
					account: 'test',
					signature: protrackSignature('wrong', time),
				})
			).code,
		).toBe(20001);
		expect(
			(
				await call(env.base, '/api/authorization', {
					time,
					account: 'nobody',
					signature: protrackSignature('Abc@34590', time),
				})
			).code,
		).toBe(20001);
		expect(
			(
				await call(env.base, '/api/authorization', {
					time,
					account: 'test',
					signature: '3844AFD2C3BF68F0F3F4AA0A9EE8EE6C',
				})
			).code,
		).toBe(20001);
		const missing = await call(env.base, '/api/authorization', { time, account: 'test' });
		expect(missing).toEqual({ code: 10005, message: expect.stringContaining('signature') });
	});

	it('rejects a time outside the allowed clock skew with 10014', async () => {
		const early = documentClock - 601;
		const answer = await call(env.base, '/api/authorization', {
			time: early,
			account: 'test',
			signature: protrackSignature('Abc@34590', early),
		});
		expect(answer.code).toBe(10014);
		const edge = documentClock + 600;
		expect(
			(
				await call(env.base, '/api/authorization', {
					time: edge,
					account: 'test',
					signature: protrackSignature('Abc@34590', edge),
				})
			).code,
		).toBe(0);
	});
});

describe('ProTrack access tokens', () => {
	const env = harness({ tokenLifetimeSeconds: 100 });
	const imeiOf = (): string => env.simulator.imeis()[0];

	it('invalidates the previous token as soon as a new one is issued (10011)', async () => {
		const first = await env.login();
		expect(
			(await call(env.base, '/api/track', { access_token: first, imeis: imeiOf() })).code,
		).toBe(0);
		const second = await env.login();
		expect(
			(await call(env.base, '/api/track', { access_token: first, imeis: imeiOf() })).code,
		).toBe(10011);
		expect(
			(await call(env.base, '/api/track', { access_token: second, imeis: imeiOf() })).code,
		).toBe(0);
		env.simulator.issueTokenElsewhere();
		expect(
			(await call(env.base, '/api/track', { access_token: second, imeis: imeiOf() })).code,
		).toBe(10011);
	});

	it('keeps tokens of different accounts independent', async () => {
		const demo = await env.login();
		await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		expect(
			(await call(env.base, '/api/user/info', { access_token: demo, account: 'demo' })).code,
		).toBe(0);
	});

	it('answers 10012 once a token is out of date, by lifetime or by expireTokens()', async () => {
		const token = await env.login();
		env.clock += 99_000;
		expect(
			(await call(env.base, '/api/track', { access_token: token, imeis: imeiOf() })).code,
		).toBe(0);
		env.clock += 1_000;
		expect(
			(await call(env.base, '/api/track', { access_token: token, imeis: imeiOf() })).code,
		).toBe(10012);
		const fresh = await env.login();
		env.simulator.expireTokens();
		expect(
			(await call(env.base, '/api/track', { access_token: fresh, imeis: imeiOf() })).code,
		).toBe(10012);
	});

	it('answers 10010 for an unknown token and 10005 for a missing one', async () => {
		expect(
			(await call(env.base, '/api/track', { access_token: 'f'.repeat(32), imeis: imeiOf() })).code,
		).toBe(10010);
		expect((await call(env.base, '/api/track', { imeis: imeiOf() })).code).toBe(10005);
	});

	it('counts authorization requests and issued tokens', async () => {
		env.simulator.clearLog();
		await env.login();
		await call(env.base, '/api/authorization', {
			time: env.nowSec(),
			account: 'demo',
			signature: 'x',
		});
		expect(env.simulator.authorizationCount()).toBe(2);
		const issued = env.simulator.tokensIssued();
		await env.login();
		expect(env.simulator.tokensIssued()).toBe(issued + 1);
	});
});

describe('ProTrack routing and parameters', () => {
	const env = harness();
	let token = '';
	beforeAll(async () => {
		token = await env.login();
	});

	it('answers 10001 for an unknown path and for a documented path with the wrong method, always HTTP 200', async () => {
		expect(await call(env.base, '/api/nothing', { access_token: token })).toEqual({
			code: 10001,
			message: 'Unknown request',
		});
		expect(
			(
				await call(
					env.base,
					'/api/track',
					{ access_token: token, imeis: env.simulator.imeis()[0] },
					'POST',
				)
			).code,
		).toBe(10001);
		expect((await call(env.base, '/api/command/send', { access_token: token }, 'GET')).code).toBe(
			10001,
		);
		expect((await call(env.base, '/api/authorization', {}, 'POST')).code).toBe(10001);
	});

	it('reads parameters from the query, a form body or a JSON body', async () => {
		const imei = env.simulator.imeis()[0];
		const geofence = {
			access_token: token,
			imei,
			efencename: 'home',
			alarmtype: 0,
			longitude: 113.97196,
			latitude: 22.56861,
			radius: 300,
		};
		expect((await call(env.base, '/api/geofence/create', geofence, 'POST', 'query')).code).toBe(0);
		expect(
			(
				await call(
					env.base,
					'/api/geofence/create',
					{ ...geofence, efencename: 'form' },
					'POST',
					'form',
				)
			).code,
		).toBe(0);
		expect(
			(
				await call(
					env.base,
					'/api/geofence/create',
					{ ...geofence, efencename: 'json' },
					'POST',
					'json',
				)
			).code,
		).toBe(0);
		expect(env.simulator.geofences.map((fence) => fence.efencename)).toEqual([
			'home',
			'form',
			'json',
		]);
		expect(env.simulator.geofences[0]).toMatchObject({
			imei,
			alarmtype: 0,
			longitude: 113.97196,
			latitude: 22.56861,
			radius: 300,
			account: 'demo',
		});
	});

	it('validates geofence ranges with 10006 and types with 10004', async () => {
		const base = {
			access_token: token,
			imei: env.simulator.imeis()[0],
			efencename: 'x',
			alarmtype: 2,
			longitude: 10,
			latitude: 10,
			radius: 100,
		};
		const create = async (changes: Record<string, string | number>): Promise<number> =>
			(await call(env.base, '/api/geofence/create', { ...base, ...changes }, 'POST')).code;
		expect(await create({})).toBe(0);
		expect(await create({ radius: 5000 })).toBe(0);
		expect(await create({ radius: 99 })).toBe(10006);
		expect(await create({ radius: 5001 })).toBe(10006);
		expect(await create({ alarmtype: 3 })).toBe(10006);
		expect(await create({ longitude: 180.5 })).toBe(10006);
		expect(await create({ latitude: -90.1 })).toBe(10006);
		expect(await create({ radius: 'wide' })).toBe(10004);
		expect(await create({ imei: '12345' })).toBe(10004);
		expect(await create({ imei: '123456789012345' })).toBe(20005);
		const { efencename: _omitted, ...withoutName } = base;
		expect((await call(env.base, '/api/geofence/create', withoutName, 'POST')).code).toBe(10005);
	});
});

describe('ProTrack devices', () => {
	const env = harness();
	let token = '';
	beforeAll(async () => {
		token = await env.login();
	});

	it('returns the documented latest-location fields for up to 100 IMEIs, as one logged request', async () => {
		const imeis = env.simulator.imeis().slice(0, 100);
		env.simulator.clearLog();
		const answer = await call<Array<Record<string, unknown>>>(env.base, '/api/track', {
			access_token: token,
			imeis: imeis.join(','),
		});
		expect(answer.code).toBe(0);
		expect(answer.record).toHaveLength(100);
		expect(Object.keys(answer.record?.[0] ?? {}).sort()).toEqual(
			[
				'imei',
				'servertime',
				'gpstime',
				'hearttime',
				'systemtime',
				'longitude',
				'latitude',
				'course',
				'speed',
				'acctime',
				'accstatus',
				'doorstatus',
				'chargestatus',
				'oilpowerstatus',
				'defencestatus',
				'datastatus',
				'battery',
				'mileage',
				'todaymileage',
			].sort(),
		);
		expect(answer.record?.map((entry) => entry.imei)).toEqual(imeis);
		expect(answer.record?.every((entry) => entry.servertime === env.nowSec())).toBe(true);
		const statuses = new Set(answer.record?.map((entry) => entry.datastatus));
		expect([...statuses].sort()).toEqual(expect.arrayContaining([1, 2, 3, 4]));
		const online = answer.record?.find((entry) => entry.datastatus === 2);
		expect(online?.gpstime).toBeGreaterThan(env.nowSec() - DAY);
		const never = answer.record?.find((entry) => entry.datastatus === 1);
		expect(never).toMatchObject({ gpstime: 0, longitude: 0, latitude: 0, mileage: -1 });
		expect(env.simulator.requests('/api/track')).toHaveLength(1);
		expect(env.simulator.requests('/api/track')[0].params.imeis.split(',')).toHaveLength(100);
	});

	it('answers 10006 for 101 IMEIs and 10004 for a malformed IMEI', async () => {
		const imeis = env.simulator.imeis().slice(0, 101);
		expect(
			(await call(env.base, '/api/track', { access_token: token, imeis: imeis.join(',') })).code,
		).toBe(10006);
		expect(
			(await call(env.base, '/api/device/detail', { access_token: token, imeis: imeis.join(',') }))
				.code,
		).toBe(10006);
		expect(
			(
				await call(env.base, '/api/track', {
					access_token: token,
					imeis: `${imeis[0]},35889905ABC`,
				})
			).code,
		).toBe(10004);
	});

	it('leaves IMEIs of other accounts out of the record', async () => {
		const east = await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		const eastImei = env.simulator.imeis(PROTRACK_FLEET_EAST.account)[0];
		const westImei = env.simulator.imeis(PROTRACK_FLEET_WEST.account)[0];
		const answer = await call<Array<{ imei: string }>>(env.base, '/api/track', {
			access_token: east,
			imeis: `${eastImei},${westImei}`,
		});
		expect(answer.record?.map((entry) => entry.imei)).toEqual([eastImei]);
		const playback = await call(env.base, '/api/playback', {
			access_token: east,
			imei: westImei,
			begintime: 0,
			endtime: env.nowSec(),
		});
		expect(playback.code).toBe(10013);
	});

	it('reflects setDeviceState() and addRoutePoints() in /api/track', async () => {
		const imei = env.simulator.imeis()[5];
		env.simulator.setDeviceState(imei, { battery: 7, doorstatus: 1 });
		const gpstime = env.nowSec() + 60;
		env.simulator.addRoutePoints(imei, [
			{ longitude: 1.5, latitude: 2.5, gpstime, speed: 33, course: 90 },
		]);
		const answer = await call<Array<Record<string, number>>>(env.base, '/api/track', {
			access_token: token,
			imeis: imei,
		});
		expect(answer.record?.[0]).toMatchObject({
			battery: 7,
			doorstatus: 1,
			longitude: 1.5,
			latitude: 2.5,
			gpstime,
			speed: 33,
			course: 90,
		});
		expect(env.simulator.device(imei)).toMatchObject({ battery: 7, gpstime });
	});

	it('lists devices of the caller and its sub-accounts with the documented fields', async () => {
		const all = await call<Array<Record<string, unknown>>>(env.base, '/api/device/list', {
			access_token: token,
		});
		expect(all.record).toHaveLength(300);
		expect(Object.keys(all.record?.[0] ?? {}).sort()).toEqual(
			[
				'imei',
				'devicename',
				'devicetype',
				'platenumber',
				'onlinetime',
				'platformduetime',
				'simcard',
				'activatedtime',
				'userduetime',
			].sort(),
		);
		const east = await call<Array<{ imei: string }>>(env.base, '/api/device/list', {
			access_token: token,
			account: 'fleet-east',
		});
		expect(east.record?.map((entry) => entry.imei)).toEqual(env.simulator.imeis('fleet-east'));
		expect(east.record?.length).toBeGreaterThan(0);
		const eastToken = await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		expect(
			(await call(env.base, '/api/device/list', { access_token: eastToken, account: 'fleet-west' }))
				.code,
		).toBe(10007);
		expect(
			(await call(env.base, '/api/device/list', { access_token: eastToken, account: 'ghost' }))
				.code,
		).toBe(20005);
		const detail = await call<Array<{ imei: string; devicename: string }>>(
			env.base,
			'/api/device/detail',
			{
				access_token: eastToken,
				imeis: env.simulator.imeis('fleet-east').slice(0, 3).join(','),
			},
		);
		expect(detail.record?.map((entry) => entry.imei)).toEqual(
			env.simulator.imeis('fleet-east').slice(0, 3),
		);
		expect(detail.record?.[0].devicename).toBe(
			env.simulator.device(detail.record?.[0].imei ?? '')?.devicename,
		);
	});

	it('caps the device list at 500', async () => {
		const big = new ProTrackSimulator({ deviceCount: 620 });
		const base = await big.start();
		try {
			const time = Math.floor(Date.now() / 1000);
			const login = await call<{ access_token: string }>(base, '/api/authorization', {
				time,
				account: 'demo',
				signature: protrackSignature(PROTRACK_DEMO.password, time),
			});
			const list = await call<unknown[]>(base, '/api/device/list', {
				access_token: login.record?.access_token ?? '',
			});
			expect(big.imeis()).toHaveLength(620);
			expect(list.record).toHaveLength(500);
		} finally {
			await big.stop();
		}
	});

	it('is deterministic for a seed', () => {
		const again = new ProTrackSimulator({ now: () => START_MS });
		const other = new ProTrackSimulator({ seed: 2, now: () => START_MS });
		expect(again.imeis()).toEqual(env.simulator.imeis());
		expect(again.imeis().every((imei) => /^\d{15}$/.test(imei))).toBe(true);
		expect(new Set(again.imeis()).size).toBe(300);
		expect(other.imeis()).not.toEqual(again.imeis());
		const imei = again.imeis()[40];
		expect(again.device(imei)).toEqual(new ProTrackSimulator({ now: () => START_MS }).device(imei));
	});
});

describe('ProTrack playback and alarms', () => {
	const env = harness();
	let token = '';
	let imei = '';
	beforeAll(async () => {
		token = await env.login();
		imei =
			env.simulator
				.imeis()
				.find((candidate) => env.simulator.device(candidate)?.datastatus === 2) ?? '';
	});

	it('pages playback by 1000 points; the next page starts with the boundary point', async () => {
		const dayStart = Math.floor(env.nowSec() / DAY) * DAY - DAY;
		const window = { access_token: token, imei, begintime: dayStart, endtime: dayStart + DAY - 1 };
		const first = rows((await call(env.base, '/api/playback', window)).record);
		expect(first).toHaveLength(1000);
		const times = first.map((point) => point[2]);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times[0]).toBeGreaterThanOrEqual(dayStart);
		const boundary = first[999];
		const second = rows(
			(await call(env.base, '/api/playback', { ...window, begintime: boundary[2] })).record,
		);
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
		const never =
			env.simulator
				.imeis()
				.find((candidate) => env.simulator.device(candidate)?.datastatus === 1) ?? '';
		expect(
			await call(env.base, '/api/playback', {
				access_token: token,
				imei: never,
				begintime: 0,
				endtime: env.nowSec(),
			}),
		).toEqual({ code: 0, record: '' });
		const future = env.nowSec() + DAY;
		expect(
			(
				await call(env.base, '/api/playback', {
					access_token: token,
					imei,
					begintime: future,
					endtime: future + 60,
				})
			).record,
		).toBe('');
		expect(
			(
				await call(env.base, '/api/playback', {
					access_token: token,
					imei,
					begintime: 10,
					endtime: 5,
				})
			).code,
		).toBe(10004);
		expect((await call(env.base, '/api/playback', { access_token: token, imei })).code).toBe(10005);
	});

	it('pages alarms by 100 ordered by systemtime, with equal systemtimes and added alarms', async () => {
		const begin = env.nowSec() - 30 * DAY;
		const window = { access_token: token, imei, begintime: begin, endtime: env.nowSec() };
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
	let token = '';
	let imei = '';
	beforeAll(async () => {
		token = await env.login();
		imei =
			env.simulator
				.imeis()
				.find((candidate) => env.simulator.device(candidate)?.datastatus === 2) ?? '';
	});

	const yesterday = (): number => Math.floor(env.nowSec() / DAY) * DAY - DAY;

	it('accepts only begin and end minutes of 0 or 30 (10004)', async () => {
		const begin = yesterday();
		const ask = async (begintime: number, endtime: number): Promise<number> =>
			(
				await call(env.base, '/api/device/mileage', {
					access_token: token,
					imeis: imei,
					begintime,
					endtime,
				})
			).code;
		expect(await ask(begin + 1800, begin + 3 * 1800)).toBe(0);
		expect(await ask(begin + 15 * 60, begin + 3600)).toBe(10004);
		expect(await ask(begin, begin + 3600 + 45 * 60)).toBe(10004);
		expect(await ask(begin, begin + 1801)).toBe(10004);
	});

	it('allows at most 7 days between begin and end (10006)', async () => {
		const end = yesterday() + DAY;
		const ask = async (begintime: number): Promise<number> =>
			(
				await call(env.base, '/api/device/mileage', {
					access_token: token,
					imeis: imei,
					begintime,
					endtime: end,
				})
			).code;
		expect(await ask(end - 7 * DAY)).toBe(0);
		expect(await ask(end - 7 * DAY - 1800)).toBe(10006);
		const many = env.simulator.imeis().slice(0, 101).join(',');
		expect(
			(
				await call(env.base, '/api/device/mileage', {
					access_token: token,
					imeis: many,
					begintime: end - DAY,
					endtime: end,
				})
			).code,
		).toBe(10006);
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
						access_token: token,
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
		const answer = await call<Array<{ imei: string; mileage: number }>>(
			env.base,
			'/api/device/mileage',
			{
				access_token: token,
				imeis: imei,
				begintime: begin,
				endtime: end,
			},
		);
		expect(answer.record).toHaveLength(1);
		expect(answer.record?.[0].imei).toBe(imei);
		expect(expected).toBeGreaterThan(50);
		expect(answer.record?.[0].mileage).toBeCloseTo(expected, 1);
	});

	it('counts a point at begintime and leaves out a point at endtime', async () => {
		const quiet =
			env.simulator
				.imeis()
				.find((candidate) => env.simulator.device(candidate)?.datastatus === 1) ?? '';
		const boundary = yesterday() + 7 * 3600;
		env.simulator.addRoutePoints(quiet, [
			{ longitude: 0, latitude: 0, gpstime: boundary - 1, speed: 0, course: 0 },
			{ longitude: 0, latitude: 1, gpstime: boundary, speed: 0, course: 0 },
			{ longitude: 0, latitude: 2, gpstime: boundary + 1, speed: 0, course: 0 },
		]);
		const report = async (begintime: number, endtime: number): Promise<number> =>
			(
				await call<Array<{ mileage: number }>>(env.base, '/api/device/mileage', {
					access_token: token,
					imeis: quiet,
					begintime,
					endtime,
				})
			).record?.[0].mileage ?? NaN;
		const oneDegree = Math.round(haversineKm([0, 0], [0, 1]) * 100) / 100;
		expect(await report(boundary - 1800, boundary)).toBe(0);
		expect(await report(boundary, boundary + 1800)).toBeCloseTo(oneDegree, 1);
		expect(await report(boundary - 1800, boundary + 1800)).toBeCloseTo(2 * oneDegree, 1);
	});
});

describe('ProTrack commands', () => {
	const env = harness();
	let token = '';
	const onlineImei = (offset = 0): string =>
		env.simulator.onlineImeis()[
			offset
		];

	beforeAll(async () => {
		token = await env.login();
	});

	it('answers a command after the configured delay and applies it to the device', async () => {
		const imei = onlineImei();
		const sent = await call<{ commandid: string }>(
			env.base,
			'/api/command/send',
			{ access_token: token, imei, command: 'RELAY,1' },
			'POST',
		);
		expect(sent.code).toBe(0);
		const commandid = sent.record?.commandid ?? '';
		expect(commandid).toMatch(/^[0-9A-F]+$/);
		const query = async (): Promise<Answer<{ response: string; commandstatus: number }>> =>
			call(env.base, '/api/command/query', { access_token: token, commandid }, 'POST');
		expect((await query()).record).toEqual({ response: '', commandstatus: 0 });
		env.clock += 1999;
		expect((await query()).record?.commandstatus).toBe(0);
		env.clock += 1;
		const answered = await query();
		expect(answered.record?.commandstatus).toBe(1);
		expect(answered.record?.response).toContain('Cut off the fuel supply');
		expect(env.simulator.device(imei)?.oilpowerstatus).toBe(0);
		expect(env.simulator.commands.map((command) => command.command)).toContain('RELAY,1');
	});

	it('honours setCommandBehaviour(): a custom reply, or never', async () => {
		const imei = onlineImei(1);
		env.simulator.setCommandBehaviour(imei, { replyAfterMs: 5000, response: 'Door locked' });
		const sent = await call<{ commandid: string }>(
			env.base,
			'/api/command/send',
			{ access_token: token, imei, command: 'LOCKDOOR' },
			'POST',
			'form',
		);
		env.clock += 5000;
		const answered = await call(
			env.base,
			'/api/command/query',
			{ access_token: token, commandid: sent.record?.commandid ?? '' },
			'POST',
		);
		expect(answered.record).toEqual({ response: 'Door locked', commandstatus: 1 });

		env.simulator.setCommandBehaviour(imei, { never: true });
		const silent = await call<{ commandid: string }>(
			env.base,
			'/api/command/send',
			{ access_token: token, imei, command: 'RESET' },
			'POST',
		);
		env.clock += 60_000;
		const unanswered = await call(
			env.base,
			'/api/command/query',
			{ access_token: token, commandid: silent.record?.commandid ?? '' },
			'POST',
		);
		expect(unanswered.record).toEqual({ response: '', commandstatus: 0 });
	});

	it('validates commands: 20048 unknown, 10005 SET_MILEAGE without paramData, 20017 offline, 20005 unknown id', async () => {
		const imei = onlineImei(2);
		const send = async (params: Record<string, string>): Promise<Answer<{ commandid: string }>> =>
			call(env.base, '/api/command/send', { access_token: token, ...params }, 'POST');
		expect((await send({ imei, command: 'SELF_DESTRUCT' })).code).toBe(20048);
		expect((await send({ imei, command: 'SET_MILEAGE' })).code).toBe(10005);
		expect((await send({ imei, command: 'SET_MILEAGE', paramData: 'thirty' })).code).toBe(10004);
		const mileage = await send({ imei, command: 'SET_MILEAGE', paramData: '{"mileage":"30"}' });
		expect(mileage.code).toBe(0);
		env.clock += 2000;
		const reply = await call<{ response: string }>(
			env.base,
			'/api/command/query',
			{ access_token: token, commandid: mileage.record?.commandid ?? '' },
			'POST',
		);
		expect(reply.record?.response).toContain('30km');
		expect(env.simulator.device(imei)?.mileage).toBe(30000);
		const offline =
			env.simulator
				.imeis()
				.find((candidate) => env.simulator.device(candidate)?.datastatus === 4) ?? '';
		expect((await send({ imei: offline, command: 'RESET' })).code).toBe(20017);
		expect(
			(
				await call(
					env.base,
					'/api/command/query',
					{ access_token: token, commandid: 'NOPE' },
					'POST',
				)
			).code,
		).toBe(20005);
	});

	it('answers in real time when the clock is the wall clock', async () => {
		const live = new ProTrackSimulator();
		const base = await live.start();
		try {
			const imei = live.imeis()[0];
			live.setCommandBehaviour(imei, { replyAfterMs: 150, response: 'Reset OK' });
			const time = Math.floor(Date.now() / 1000);
			const login = await call<{ access_token: string }>(base, '/api/authorization', {
				time,
				account: 'demo',
				signature: protrackSignature(PROTRACK_DEMO.password, time),
			});
			const access_token = login.record?.access_token ?? '';
			const sent = await call<{ commandid: string }>(
				base,
				'/api/command/send',
				{ access_token, imei, command: 'RESET' },
				'POST',
			);
			const commandid = sent.record?.commandid ?? '';
			expect(
				(await call(base, '/api/command/query', { access_token, commandid }, 'POST')).record,
			).toEqual({ response: '', commandstatus: 0 });
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(
				(await call(base, '/api/command/query', { access_token, commandid }, 'POST')).record,
			).toEqual({ response: 'Reset OK', commandstatus: 1 });
		} finally {
			await live.stop();
		}
	});
});

describe('ProTrack users and messages', () => {
	const env = harness();
	let token = '';
	beforeAll(async () => {
		token = await env.login();
	});

	it('returns account information and the sub-customer list', async () => {
		const info = await call(env.base, '/api/user/info', { access_token: token, account: 'demo' });
		expect(info.record).toEqual({
			createtime: expect.any(Number),
			mobile: '',
			telephone: '',
			roletype: 1,
			account: 'demo',
			email: 'openapidemo@example.com',
			blockstatus: 1,
			username: 'openapidemo',
		});
		const list = await call<Array<{ account: string }>>(env.base, '/api/user/list', {
			access_token: token,
		});
		expect(list.record?.map((entry) => entry.account)).toEqual([
			'demo',
			'fleet-east',
			'fleet-west',
		]);
		expect((await call(env.base, '/api/user/info', { access_token: token })).code).toBe(10005);
	});

	it('blocks and unblocks a sub-account', async () => {
		const eastToken = await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		expect(
			(
				await call(
					env.base,
					'/api/user/block',
					{ access_token: token, account: 'fleet-east' },
					'POST',
				)
			).code,
		).toBe(0);
		expect(
			(await call(env.base, '/api/user/info', { access_token: token, account: 'fleet-east' }))
				.record,
		).toMatchObject({ blockstatus: 0 });
		expect(
			(await call(env.base, '/api/user/info', { access_token: eastToken, account: 'fleet-east' }))
				.code,
		).toBe(10016);
		const time = env.nowSec();
		const blockedLogin = await call(env.base, '/api/authorization', {
			time,
			account: 'fleet-east',
			signature: protrackSignature(PROTRACK_FLEET_EAST.password, time),
		});
		expect(blockedLogin.code).toBe(10016);
		expect(
			(await call(env.base, '/api/user/block', { access_token: token, account: 'demo' }, 'POST'))
				.code,
		).toBe(10007);
		expect(
			(
				await call(
					env.base,
					'/api/user/unblock',
					{ access_token: token, account: 'fleet-east' },
					'POST',
				)
			).code,
		).toBe(0);
		expect(env.simulator.account('fleet-east')?.blocked).toBe(false);
		await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
	});

	it('sets a sub-account password given as md5', async () => {
		expect(
			(
				await call(
					env.base,
					'/api/user/password/set',
					{ access_token: token, account: 'fleet-west', password: 'New@2025' },
					'POST',
				)
			).code,
		).toBe(10004);
		expect(
			(
				await call(
					env.base,
					'/api/user/password/set',
					{ access_token: token, account: 'fleet-west', password: md5('New@2025') },
					'POST',
				)
			).code,
		).toBe(0);
		const time = env.nowSec();
		const old = await call(env.base, '/api/authorization', {
			time,
			account: 'fleet-west',
			signature: protrackSignature(PROTRACK_FLEET_WEST.password, time),
		});
		expect(old.code).toBe(20001);
		await env.login('fleet-west', 'New@2025');
	});

	it('limits messages to 200 accounts and 300 characters', async () => {
		const send = async (accounts: string, content: string): Promise<number> =>
			(
				await call(
					env.base,
					'/api/message/send',
					{ access_token: token, accounts, content },
					'POST',
					'form',
				)
			).code;
		const accounts = (count: number): string =>
			Array.from({ length: count }, (_, index) => `user${index}`).join(',');
		expect(await send(accounts(200), 'x'.repeat(300))).toBe(0);
		expect(await send(accounts(201), 'hello')).toBe(10006);
		expect(await send('fleet-east', 'y'.repeat(301))).toBe(10006);
		expect(await send('fleet-east', '')).toBe(10005);
		expect(env.simulator.messages).toHaveLength(1);
		expect(env.simulator.messages[0]).toMatchObject({ from: 'demo', content: 'x'.repeat(300) });
		expect(env.simulator.messages[0].accounts).toHaveLength(200);
	});
});

describe('ProTrack rate limit and faults', () => {
	const env = harness();
	let token = '';
	beforeAll(async () => {
		token = await env.login();
	});

	it('answers 10009 beyond the configured rate and recovers after the window', async () => {
		env.simulator.setRateLimit({ maxRequests: 3, perMs: 1000 });
		const codes: number[] = [];
		for (let attempt = 0; attempt < 4; attempt++) {
			codes.push(
				(await call(env.base, '/api/user/info', { access_token: token, account: 'demo' })).code,
			);
		}
		expect(codes).toEqual([0, 0, 0, 10009]);
		env.clock += 1001;
		expect(
			(await call(env.base, '/api/user/info', { access_token: token, account: 'demo' })).code,
		).toBe(0);
		env.simulator.setRateLimit(null);
	});

	it('lets a body fault stand in for a provider error once, then answers normally', async () => {
		env.simulator.inject({
			path: '/api/track',
			fault: { kind: 'body', body: { code: 10012, message: 'Access token is out of date' } },
		});
		const imeis = env.simulator.imeis()[0];
		expect((await call(env.base, '/api/track', { access_token: token, imeis })).code).toBe(10012);
		expect((await call(env.base, '/api/track', { access_token: token, imeis })).code).toBe(0);
		env.simulator.inject({ path: /^\/api\/device\//, fault: { kind: 'status', status: 502 } });
		const response = await fetch(`${env.base}/api/device/list?access_token=${token}`);
		expect(response.status).toBe(502);
		expect(env.simulator.requests('/api/device/list').map((entry) => entry.status)).toEqual([502]);
	});
});
