/** Deterministic device fleet: IMEIs, models, owners and a mix of data statuses. */
import { WORLD_CITIES, placeNear } from '../common/geo';
import { makeImei } from '../common/imei';
import { SeededRandom, hashSeed } from '../common/random';
import { DAY_SECONDS, dayStartOf } from '../common/time';
import { DataStatus } from './codes';
import type { ProTrackAccount, ProTrackDevice } from './types';

/** Generated history covers today and the 29 days before (UTC days). */
export const HISTORY_DAYS = 30;

const DEVICE_TYPES = ['VT05S', 'GT06N', 'TK905', 'VT200', 'JM-VL01'] as const;
const IMEI_TAC = '35889905';

/** 70 % online, the rest offline, never online, expired or blocked, in a fixed pattern of 20. */
export function dataStatusFor(index: number): number {
	switch (index % 20) {
		case 14:
		case 15:
		case 16:
			return DataStatus.offline;
		case 17:
			return DataStatus.neverOnline;
		case 18:
			return DataStatus.expired;
		case 19:
			return index % 40 === 19 ? DataStatus.blocked : DataStatus.offline;
		default:
			return DataStatus.ok;
	}
}

/** A 15-digit IMEI: a fixed TAC, a seed-dependent serial and the Luhn check digit. */
export function protrackImei(seed: number, index: number): string {
	return makeImei(IMEI_TAC, (hashSeed(seed, 0x1e1) % 900000) + index);
}

/**
 * Owner of each device: every sub-account (an account with a known parent) gets a block of a tenth
 * of the fleet in order; the first root account keeps the rest.
 */
export function assignOwners(
	accounts: readonly ProTrackAccount[],
	roots: readonly ProTrackAccount[],
	count: number,
): string[] {
	const rootName = roots[0]?.account ?? accounts[0]?.account ?? '';
	const owners: string[] = new Array<string>(count).fill(rootName);
	const blockSize = Math.max(1, Math.floor(count / 10));
	let next = 0;
	for (const account of accounts) {
		if (roots.includes(account)) {
			continue;
		}
		for (let taken = 0; taken < blockSize && next < count; taken++) {
			owners[next++] = account.account;
		}
	}
	return owners;
}

function routeEndFor(
	status: number,
	anchor: number,
	platformduetime: number,
	random: SeededRandom,
): number {
	switch (status) {
		case DataStatus.ok:
			return anchor;
		case DataStatus.offline:
			return anchor - random.int(2, 72) * 3600;
		case DataStatus.expired:
			return platformduetime;
		case DataStatus.blocked:
			return anchor - random.int(1, 10) * DAY_SECONDS;
		default:
			return 0;
	}
}

export function generateDevice(
	seed: number,
	index: number,
	owner: string,
	anchor: number,
): ProTrackDevice {
	const random = new SeededRandom(hashSeed(seed, index, 0xde71));
	const imei = protrackImei(seed, index);
	const devicetype = random.pick(DEVICE_TYPES);
	const datastatus = dataStatusFor(index);
	const neverOnline = datastatus === DataStatus.neverOnline;
	const city = random.pick(WORLD_CITIES);
	const onlinetime = neverOnline ? 0 : anchor - random.int(60, 900) * DAY_SECONDS;
	const platformduetime = neverOnline
		? 0
		: datastatus === DataStatus.expired
			? anchor - random.int(1, 20) * DAY_SECONDS
			: anchor + random.int(30, 700) * DAY_SECONDS;
	const userduetime =
		neverOnline || datastatus === DataStatus.expired
			? platformduetime
			: platformduetime + random.int(0, 30) * DAY_SECONDS;
	const battery = random.chance(0.8) ? random.int(20, 100) : -1;
	const historyStart = dayStartOf(anchor) - (HISTORY_DAYS - 1) * DAY_SECONDS;
	return {
		imei,
		owner,
		index,
		devicename: `${devicetype}-${imei.slice(-5)}`,
		devicetype,
		platenumber: random.chance(0.7) ? `PT-${random.int(100, 999)}-${random.int(10, 99)}` : '',
		onlinetime,
		platformduetime,
		simcard: random.chance(0.8) ? `7${String(random.int(0, 999999999)).padStart(9, '0')}` : '',
		activatedtime: neverOnline ? 0 : onlinetime - random.int(0, 5 * DAY_SECONDS),
		userduetime,
		home: placeNear(city, random),
		routeStart: neverOnline ? 1 : Math.max(historyStart, onlinetime),
		routeEnd: routeEndFor(datastatus, anchor, platformduetime, random),
		odometerBase: neverOnline ? 0 : random.int(5000, 300000) * 1000,
		hasAccSensor: random.chance(0.85),
		located: false,
		gpstime: 0,
		hearttime: 0,
		systemtime: 0,
		longitude: 0,
		latitude: 0,
		course: 0,
		speed: 0,
		acctime: 0,
		accstatus: -1,
		doorstatus: random.chance(0.4) ? 0 : -1,
		chargestatus: battery === -1 ? -1 : random.chance(0.3) ? 1 : 0,
		oilpowerstatus: random.chance(0.7) ? 1 : -1,
		defencestatus: random.chance(0.6) ? random.int(0, 1) : -1,
		datastatus,
		battery,
		mileage: -1,
		todaymileage: -1,
	};
}
