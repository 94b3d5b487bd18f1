import type { IExecuteFunctions } from 'n8n-workflow';

import { collectByTimeCursor } from '../../shared/pagination';
import { type ProTrackContext, proTrackRequest } from '../transport';
import {
	alarmIdentity,
	type AlarmEntry,
	parseAlarms,
	parsePlayback,
	playbackIdentity,
	type PlaybackPoint,
} from './records';

/** A history endpoint: records of one device in a time range, in pages ordered by a time field. */
interface HistoryKind<R> {
	path: string;
	pageSize: number;
	parse: (record: unknown) => R[];
	timeOf: (record: R) => number;
	identityOf: (record: R) => string;
	/** For messages: what the records are and which time orders them. */
	noun: string;
	timeName: string;
}

/** /api/alarm/list: at most 100 alarms per call, paged by system time. */
export const ALARM_HISTORY: HistoryKind<AlarmEntry> = {
	path: '/api/alarm/list',
	pageSize: 100,
	parse: parseAlarms,
	timeOf: (alarm) => alarm.systemtime,
	identityOf: alarmIdentity,
	noun: 'alarms',
	timeName: 'system time',
};

/** /api/playback: at most 1000 points per call, paged by GPS time. */
export const ROUTE_HISTORY: HistoryKind<PlaybackPoint> = {
	path: '/api/playback',
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

/**
 * Every record of one device with begin <= time <= end, oldest first, following the API's pages (the
 * next page starts at the last record's time; the boundary records it repeats are dropped).
 */
export async function fetchHistory<R>(
	context: ProTrackContext,
	kind: HistoryKind<R>,
	imei: string,
	begin: number,
	end: number,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<HistoryResult<R>> {
	const result = await collectByTimeCursor<R>({
		begin,
		end,
		pageSize: kind.pageSize,
		limit: options.limit,
		timeOf: kind.timeOf,
		identityOf: kind.identityOf,
		fetchPage: async (pageBegin, pageEnd) => {
			const envelope = await proTrackRequest.call(context, {
				method: 'GET',
				path: kind.path,
				params: { imei, begintime: pageBegin, endtime: pageEnd },
				itemIndex: options.itemIndex,
			});
			return kind.parse(envelope.record);
		},
	});
	return {
		records: result.records.sort((a, b) => kind.timeOf(a) - kind.timeOf(b)),
		requests: result.pages,
		truncated: result.truncated,
		stalls: result.stalls,
	};
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
