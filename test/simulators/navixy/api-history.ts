/**
 * history/tracker/list and history/type/list. Events come from the trackers' driving days (ignition
 * on/off, speeding, geofence entrances that share the ignition-off instant, rare SOS) and from
 * addEvents(); they are sorted by time, then by ID, and the newest `limit` or oldest `limit` are
 * returned as `ascending` says, with `limit_exceeded` and `total` telling what was cut.
 */
import { DAY_SECONDS } from '../common/time';
import { NAVIXY_EVENT_TYPES } from './catalogue';
import { NavixyCode, NavixyError, NAVIXY_LIMITS, invalid } from './codes';
import { userOf, type ApiContext, type ApiHandler } from './context';
import { parseDateTime } from './dates';
import { flag, intArray, optionalInteger, optionalStringArray, text } from './params';
import { historyEntry } from './records';
import type { NavixyTracker } from './types';

function dateParam(context: ApiContext, name: string): number {
	const value = parseDateTime(text(context.params, name), userOf(context).timeZone);
	if (value === undefined) {
		throw invalid(name, 'Must be yyyy-MM-dd HH:mm:ss or ISO 8601');
	}
	return value;
}

function trackersParam(context: ApiContext): NavixyTracker[] {
	const user = userOf(context);
	return [...new Set(intArray(context.params, 'trackers'))].map((id) => {
		const tracker = context.state.trackers.get(id);
		if (!tracker || tracker.owner !== user.id || tracker.deleted || tracker.source.blocked) {
			throw new NavixyError(NavixyCode.nonexistentEntities);
		}
		return tracker;
	});
}

function listTrackerHistory(context: ApiContext): Record<string, unknown> {
	const { state, params } = context;
	const trackers = trackersParam(context);
	const from = dateParam(context, 'from');
	const to = dateParam(context, 'to');
	if (to <= from) {
		throw invalid('to', 'Must be after from');
	}
	if (to - from > NAVIXY_LIMITS.historyMaxSpanDays * DAY_SECONDS) {
		throw new NavixyError(NavixyCode.timeSpanTooBig);
	}
	const limit = optionalInteger(params, 'limit') ?? NAVIXY_LIMITS.historyMaxLimit;
	if (limit > NAVIXY_LIMITS.historyMaxLimit) {
		throw new NavixyError(NavixyCode.limitTooBig);
	}
	if (limit < 1) {
		throw invalid('limit', 'Must be positive');
	}
	const types = optionalStringArray(params, 'events');
	const ascending = flag(params, 'ascending', true);
	const onlyEmergency = flag(params, 'only_emergency', false);
	const onlyUnread = flag(params, 'only_unread', false);
	const addLabel = flag(params, 'add_tracker_label', true);
	const labels = new Map(trackers.map((tracker) => [tracker.id, tracker.label]));
	const matching = trackers
		.flatMap((tracker) => state.events(tracker, from, to))
		.filter(
			(event) =>
				(!types || types.includes(event.event)) &&
				(!onlyEmergency || event.emergency === true) &&
				(!onlyUnread || event.is_read !== true),
		)
		.sort((first, second) => first.time - second.time || first.id - second.id);
	if (!ascending) {
		matching.reverse();
	}
	return {
		list: matching
			.slice(0, limit)
			.map((event) =>
				historyEntry(event, labels.get(event.tracker_id) ?? '', addLabel, context.date),
			),
		limit_exceeded: matching.length > limit,
		total: matching.length,
		total_unread: matching.filter((event) => event.is_read !== true).length,
	};
}

function listTypes(): Record<string, unknown> {
	return { list: NAVIXY_EVENT_TYPES.map((type) => ({ ...type })) };
}

export const historyRoutes: ReadonlyArray<[string, ApiHandler]> = [
	['/history/tracker/list', listTrackerHistory],
	['/history/type/list', listTypes],
];
