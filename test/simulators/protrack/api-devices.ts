/** /api/track, /api/device/detail, /api/device/list and /api/geofence/create. */
import { PROTRACK_LIMITS } from './codes';
import { resolveAccount, visibleDevices, type ApiContext } from './context';
import { decimal, imei, imeiList, integer, optional, outOfRange, required } from './params';
import { deviceRecord, trackRecord } from './records';

/** GET /api/track?imeis (at most 100). */
export function track(context: ApiContext): unknown {
	const servertime = context.state.nowSec();
	return visibleDevices(context, imeiList(context.params)).map((device) =>
		trackRecord(device, servertime),
	);
}

/** GET /api/device/detail?imeis (at most 100). */
export function deviceDetail(context: ApiContext): unknown {
	return visibleDevices(context, imeiList(context.params)).map(deviceRecord);
}

/**
 * GET /api/device/list?account (optional; the caller or one of its sub-accounts). Lists the devices
 * of the account and of its sub-accounts, at most 500.
 */
export function deviceList(context: ApiContext): unknown {
	const account = resolveAccount(
		context,
		optional(context.params, 'account') ?? context.caller.account,
	);
	return context.state
		.devicesWithin(account.account)
		.slice(0, PROTRACK_LIMITS.deviceList)
		.map(deviceRecord);
}

/** POST /api/geofence/create: radius 100..5000 m, alarmtype 0 out / 1 in / 2 in-out. */
export function createGeofence(context: ApiContext): unknown {
	const { state, params, caller } = context;
	const device = state.accessibleDevice(caller, imei(params));
	const efencename = required(params, 'efencename');
	const alarmtype = integer(params, 'alarmtype');
	const longitude = decimal(params, 'longitude');
	const latitude = decimal(params, 'latitude');
	const radius = integer(params, 'radius');
	if (![0, 1, 2].includes(alarmtype)) {
		throw outOfRange('alarmtype');
	}
	if (Math.abs(longitude) > 180) {
		throw outOfRange('longitude');
	}
	if (Math.abs(latitude) > 90) {
		throw outOfRange('latitude');
	}
	if (radius < PROTRACK_LIMITS.geofenceRadiusMin || radius > PROTRACK_LIMITS.geofenceRadiusMax) {
		throw outOfRange('radius');
	}
	state.geofences.push({
		id: state.geofences.length + 1,
		imei: device.imei,
		efencename,
		alarmtype,
		longitude,
		latitude,
		radius,
		account: caller.account,
		createdAt: state.nowSec(),
	});
	return undefined;
}
