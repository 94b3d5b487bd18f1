/** /api/track, /api/device/list and /api/device/detail, and the generated fleet behind them. */
import { PROTRACK_FLEET_EAST, PROTRACK_FLEET_WEST, ProTrackSimulator } from '../index';
import { DAY, START_MS, call, harness, withLiveSimulator } from './harness';

/** The fields the document lists for /api/track and for /api/device/list and /api/device/detail. */
const TRACK_FIELDS = (
	'imei servertime gpstime hearttime systemtime longitude latitude course speed acctime accstatus ' +
	'doorstatus chargestatus oilpowerstatus defencestatus datastatus battery mileage todaymileage'
).split(' ');
const DEVICE_FIELDS = (
	'imei devicename devicetype platenumber onlinetime platformduetime simcard activatedtime ' +
	'userduetime'
).split(' ');

describe('ProTrack devices', () => {
	const env = harness();

	it('returns the documented latest-location fields for up to 100 IMEIs, as one logged request', async () => {
		const imeis = env.simulator.imeis().slice(0, 100);
		env.simulator.clearLog();
		const answer = await call<Array<Record<string, unknown>>>(env.base, '/api/track', {
			access_token: env.token,
			imeis: imeis.join(','),
		});
		expect(answer.code).toBe(0);
		expect(answer.record).toHaveLength(100);
		expect(Object.keys(answer.record?.[0] ?? {}).sort()).toEqual([...TRACK_FIELDS].sort());
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
		const ask = async (path: string, imeis: string): Promise<number> =>
			(await call(env.base, path, { access_token: env.token, imeis })).code;
		const imeis = env.simulator.imeis().slice(0, 101);
		expect(await ask('/api/track', imeis.join(','))).toBe(10006);
		expect(await ask('/api/device/detail', imeis.join(','))).toBe(10006);
		expect(await ask('/api/track', `${imeis[0]},35889905ABC`)).toBe(10004);
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
			access_token: env.token,
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
		const list = async <T>(token: string, account?: string) =>
			call<T[]>(env.base, '/api/device/list', {
				access_token: token,
				...(account === undefined ? {} : { account }),
			});
		const all = await list<Record<string, unknown>>(env.token);
		expect(all.record).toHaveLength(300);
		expect(Object.keys(all.record?.[0] ?? {}).sort()).toEqual([...DEVICE_FIELDS].sort());
		const east = await list<{ imei: string }>(env.token, 'fleet-east');
		expect(east.record?.map((entry) => entry.imei)).toEqual(env.simulator.imeis('fleet-east'));
		expect(east.record?.length).toBeGreaterThan(0);
		const eastToken = await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		expect((await list(eastToken, 'fleet-west')).code).toBe(10007);
		expect((await list(eastToken, 'ghost')).code).toBe(20005);
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
		await withLiveSimulator({ deviceCount: 620 }, async (big, base, token) => {
			const list = await call<unknown[]>(base, '/api/device/list', { access_token: token });
			expect(big.imeis()).toHaveLength(620);
			expect(list.record).toHaveLength(500);
		});
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
