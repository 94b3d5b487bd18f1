/** The response record shapes of the document. */
import { round6 } from '../common/geo';
import type { AlarmRecord, DeviceInfo, ProTrackAccount, ProTrackDevice, RoutePoint } from './types';

const int = (value: number): number => Math.round(value);

/** `lon,lat,gpstime,speed,course;...`, or '' when there are no points. */
export function playbackRecord(points: readonly RoutePoint[]): string {
	return points
		.map((point) =>
			[
				round6(point.longitude),
				round6(point.latitude),
				int(point.gpstime),
				int(point.speed),
				int(point.course),
			].join(','),
		)
		.join(';');
}

/** `type,lon,lat,gpstime,systemtime,speed,course,geofenceId;...`, or '' when there are none. */
export function alarmRecord(alarms: readonly AlarmRecord[]): string {
	return alarms
		.map((alarm) =>
			[
				int(alarm.type),
				round6(alarm.longitude),
				round6(alarm.latitude),
				int(alarm.gpstime),
				int(alarm.systemtime),
				int(alarm.speed),
				int(alarm.course),
				int(alarm.geofenceId),
			].join(','),
		)
		.join(';');
}

/** One /api/track entry, keys in the order of the document's demo. */
export function trackRecord(
	device: ProTrackDevice,
	servertime: number,
): Record<string, string | number> {
	return {
		imei: device.imei,
		course: device.course,
		systemtime: device.systemtime,
		gpstime: device.gpstime,
		speed: device.speed,
		hearttime: device.hearttime,
		servertime,
		longitude: device.longitude,
		latitude: device.latitude,
		acctime: device.acctime,
		accstatus: device.accstatus,
		doorstatus: device.doorstatus,
		chargestatus: device.chargestatus,
		oilpowerstatus: device.oilpowerstatus,
		defencestatus: device.defencestatus,
		datastatus: device.datastatus,
		battery: device.battery,
		mileage: device.mileage,
		todaymileage: device.todaymileage,
	};
}

/** One /api/device/list or /api/device/detail entry. */
export function deviceRecord(device: DeviceInfo): DeviceInfo {
	return {
		imei: device.imei,
		devicename: device.devicename,
		devicetype: device.devicetype,
		platenumber: device.platenumber,
		onlinetime: device.onlinetime,
		platformduetime: device.platformduetime,
		simcard: device.simcard,
		activatedtime: device.activatedtime,
		userduetime: device.userduetime,
	};
}

/** One /api/user/info or /api/user/list entry. */
export function userRecord(account: ProTrackAccount): Record<string, string | number> {
	return {
		createtime: account.createtime,
		mobile: account.mobile,
		telephone: account.telephone,
		roletype: account.roletype,
		account: account.account,
		email: account.email,
		blockstatus: account.blocked ? 0 : 1,
		username: account.username,
	};
}
