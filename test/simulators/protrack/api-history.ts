/** /api/playback, /api/alarm/list and /api/device/mileage. */
import { PROTRACK_LIMITS } from './codes';
import { visibleDevices, type ApiContext } from './context';
import { imei, imeiList, integer, outOfRange, parameterError, timeWindow } from './params';
import { alarmRecord, playbackRecord } from './records';

/** GET /api/playback: at most 1000 points with begintime <= gpstime <= endtime, ascending. */
export function playback({ state, params, caller }: ApiContext): unknown {
	const device = state.accessibleDevice(caller, imei(params));
	const { begin, end } = timeWindow(params);
	return playbackRecord(state.history.points(device, begin, end, PROTRACK_LIMITS.playbackPoints));
}

/** GET /api/alarm/list: at most 100 alarms with begintime <= systemtime <= endtime, by systemtime. */
export function alarmList({ state, params, caller }: ApiContext): unknown {
	const device = state.accessibleDevice(caller, imei(params));
	const { begin, end } = timeWindow(params);
	return alarmRecord(state.history.alarms(device, begin, end, PROTRACK_LIMITS.alarmRecords));
}

/**
 * GET /api/device/mileage: begintime and endtime on a whole or half hour (a multiple of 1800 s,
 * else 10004), end after begin (else 10004), at most 7 days apart (else 10006). Begin is included,
 * end excluded; mileage is the route distance in km with two decimals.
 */
export function mileage(context: ApiContext): unknown {
	const { state, params } = context;
	const imeis = imeiList(params);
	const begin = integer(params, 'begintime');
	const end = integer(params, 'endtime');
	for (const [name, value] of [
		['begintime', begin],
		['endtime', end],
	] as const) {
		if (value % PROTRACK_LIMITS.mileageStepSeconds !== 0) {
			throw parameterError(name);
		}
	}
	if (end <= begin) {
		throw parameterError('endtime');
	}
	if (end - begin > PROTRACK_LIMITS.mileageWindowSeconds) {
		throw outOfRange('endtime');
	}
	return visibleDevices(context, imeis).map((device) => ({
		imei: device.imei,
		mileage: Math.round(state.history.distanceMeters(device, begin, end) / 10) / 100,
	}));
}
