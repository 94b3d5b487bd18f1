import type { IExecuteFunctions } from 'n8n-workflow';

import {
	alarmIdentity,
	type AlarmEntry,
	parseAlarms,
	parsePlayback,
	playbackIdentity,
	type PlaybackPoint,
} from './historyRecords';

/** A history endpoint: records of one device in a time range, in pages ordered by a time field. */
export interface HistoryKind<R> {
	pageSize: number;
	parse: (record: unknown) => R[];
	timeOf: (record: R) => number;
	identityOf: (record: R) => string;
	/** For messages: what the records are and which time orders them. */
	noun: string;
	timeName: string;
}

/** Alarm history: at most 100 alarms per call, paged by system time. */
export const ALARM_HISTORY: HistoryKind<AlarmEntry> = {
	pageSize: 100,
	parse: parseAlarms,
	timeOf: (alarm) => alarm.systemtime,
	identityOf: alarmIdentity,
	noun: 'alarms',
	timeName: 'system time',
};

/** Route playback: at most 1000 points per call, paged by GPS time. */
export const ROUTE_HISTORY: HistoryKind<PlaybackPoint> = {
	pageSize: 1000,
	parse: parsePlayback,
	timeOf: (point) => point.gpstime,
	identityOf: playbackIdentity,
	noun: 'points',
	timeName: 'GPS time',
};

export interface HistoryResult<R> {
	records: R[];
	requests: number;
	truncated: boolean;
	/** Seconds holding more than a page of records: the API cannot page inside one second. */
	stalls: number;
}

/** A warning in the output pane when some seconds held more records than one page. */
export function warnAboutStalls<R>(
	context: IExecuteFunctions,
	kind: HistoryKind<R>,
	imei: string,
	result: HistoryResult<R>,
): void {
	if (result.stalls === 0) return;
	context.addExecutionHints({
		type: 'warning',
		location: 'outputPane',
		message: `Device ${imei} has more than ${kind.pageSize} ${kind.noun} with the same ${kind.timeName}. The ProTrack API cannot page within one second, so some of those ${kind.noun} may be missing.`,
	});
}
