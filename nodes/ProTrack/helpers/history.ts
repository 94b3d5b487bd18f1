import { collectByTimeCursor } from '../../shared/pagination';
import { type ProTrackContext, proTrackRequest } from '../transport';
import { alarmIdentity, type AlarmEntry, parseAlarms } from './records';

/** /api/alarm/list answers at most this many alarms per call. */
export const ALARMS_PER_PAGE = 100;

/**
 * Every alarm of one device with begin <= systemtime <= end, oldest first, following the API's
 * pages of 100 (the next page starts at the last systemtime; repeated boundary alarms are dropped).
 * `stalls` counts seconds holding more than a page of alarms: the API cannot page inside one.
 */
export async function fetchAlarms(
	context: ProTrackContext,
	imei: string,
	begin: number,
	end: number,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<{ alarms: AlarmEntry[]; requests: number; truncated: boolean; stalls: number }> {
	const result = await collectByTimeCursor<AlarmEntry>({
		begin,
		end,
		pageSize: ALARMS_PER_PAGE,
		limit: options.limit,
		timeOf: (alarm) => alarm.systemtime,
		identityOf: alarmIdentity,
		fetchPage: async (pageBegin, pageEnd) => {
			const envelope = await proTrackRequest.call(context, {
				method: 'GET',
				path: '/api/alarm/list',
				params: { imei, begintime: pageBegin, endtime: pageEnd },
				itemIndex: options.itemIndex,
			});
			return parseAlarms(envelope.record);
		},
	});
	return { alarms: result.records, requests: result.pages, truncated: result.truncated, stalls: result.stalls };
}
