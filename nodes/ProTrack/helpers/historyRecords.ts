import type { IDataObject } from 'n8n-workflow';

import { normalizeLocation, type NormalizedLocation } from '../../shared/location';
import { epochToIso } from '../../shared/time';

/** Alarm type numbers of /api/alarm/list, as the Open API document names them. */
export const ALARM_TYPES: Readonly<Record<number, string>> = {
	1: 'sosAlarm',
	2: 'lowBatteryAlarm',
	3: 'powerDisconnectAlarm',
	4: 'vibrationAlarm',
	5: 'geoFenceInAlarm',
	6: 'geoFenceOutAlarm',
	7: 'speedingAlarm',
	8: 'carMoveAlarm',
	9: 'engineOn',
	10: 'engineOff',
	11: 'tireTemperatureAlarm',
	12: 'tireLeakPressureAlarm',
	13: 'tireLowPressureAlarm',
	14: 'tireHighPressureAlarm',
	15: 'gpsDeadZoneInAlarm',
	16: 'gpsDeadZoneOutAlarm',
	17: 'obdDtcAlarm',
	18: 'disassembleAlarm',
	19: 'powerOffAlarm',
	20: 'collisionAlarm',
	21: 'dropAlarm',
	22: 'routeAlarm',
	23: 'rapidAccelerationAlarm',
	24: 'rapidDecelerationAlarm',
	25: 'sharpTurnAlarm',
	26: 'dooropenAlarm',
	27: 'doorcloseAlarm',
	28: 'offlineAlarm',
	29: 'engineIdleAlarm',
	30: 'parkingAlarm',
	31: 'oilLeakAlertAlarm',
	32: 'oilTheftAlertAlarm',
	33: 'jammingAlarm',
	34: 'restrictedDrivingAlarm',
	35: 'lowTemperatureAlarm',
	36: 'highTemperatureAlarm',
	37: 'dumpSwitchOnAlarm',
	38: 'dumpSwitchOffAlarm',
	39: 'armAlarm',
	40: 'rolloverAlarm',
	41: 'fatigueDrivingAlarm',
	42: 'lackBreakFatigueDrivingAlarm',
	43: 'lowOilAlarm',
	44: 'lowExternalBatteryAlarm',
};

/** Options for a multi-select of alarm types, sorted by name. */
export const ALARM_TYPE_OPTIONS = Object.entries(ALARM_TYPES)
	.map(([value, name]) => ({ name: `${name} (${value})`, value: Number(value) }))
	.sort((a, b) => a.name.localeCompare(b.name));

function splitRecords(record: unknown): string[][] {
	if (typeof record !== 'string' || record.trim() === '') return [];
	return record
		.split(';')
		.map((group) => group.trim())
		.filter((group) => group !== '')
		.map((group) => group.split(',').map((field) => field.trim()));
}

export interface PlaybackPoint {
	longitude: number;
	latitude: number;
	gpstime: number;
	speed: number;
	course: number;
}

/** `record` of /api/playback: `lon,lat,gpstime,speed,course;...` in gpstime order. */
export function parsePlayback(record: unknown): PlaybackPoint[] {
	return splitRecords(record).map(([longitude, latitude, gpstime, speed, course]) => ({
		longitude: Number(longitude),
		latitude: Number(latitude),
		gpstime: Number(gpstime),
		speed: Number(speed),
		course: Number(course),
	}));
}

export interface AlarmEntry {
	type: number;
	longitude: number;
	latitude: number;
	gpstime: number;
	systemtime: number;
	speed: number;
	course: number;
	geofenceId: string;
}

/** `record` of /api/alarm/list: `type,lon,lat,gpstime,systemtime,speed,course,geofenceId;...`. */
export function parseAlarms(record: unknown): AlarmEntry[] {
	return splitRecords(record).map(([type, longitude, latitude, gpstime, systemtime, speed, course, geofenceId]) => ({
		type: Number(type),
		longitude: Number(longitude),
		latitude: Number(latitude),
		gpstime: Number(gpstime),
		systemtime: Number(systemtime),
		speed: Number(speed),
		course: Number(course),
		geofenceId: geofenceId ?? '',
	}));
}

/** Identity of an alarm for de-duplication at page and poll boundaries. */
export function alarmIdentity(alarm: AlarmEntry): string {
	return [alarm.type, alarm.longitude, alarm.latitude, alarm.gpstime, alarm.systemtime, alarm.speed, alarm.course, alarm.geofenceId].join(',');
}

export function playbackIdentity(point: PlaybackPoint): string {
	return [point.longitude, point.latitude, point.gpstime, point.speed, point.course].join(',');
}

export function pointLocation(imei: string, point: PlaybackPoint | AlarmEntry): NormalizedLocation {
	return normalizeLocation({
		provider: 'protrack',
		deviceId: imei,
		latitude: point.latitude,
		longitude: point.longitude,
		time: point.gpstime,
		speedKmh: point.speed,
		headingDeg: point.course,
	});
}

/** One alarm as an output item: raw fields, decoded type, ISO times, normalized location. */
export function alarmToJson(imei: string, alarm: AlarmEntry): IDataObject {
	return {
		imei,
		...alarm,
		typeName: ALARM_TYPES[alarm.type] ?? 'unknownAlarm',
		gpstimeIso: epochToIso(alarm.gpstime),
		systemtimeIso: epochToIso(alarm.systemtime),
		location: { ...pointLocation(imei, alarm) },
	};
}
