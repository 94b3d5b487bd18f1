/**
 * Reading trackers' live data: get_state, get_states, get_last_gps_point, get_inputs,
 * batch_get_inputs, get_outputs, batch_get_outputs, get_diagnostics, get_fuel and get_readings.
 */
import { NavixyCode, NavixyError, NAVIXY_LIMITS, invalid } from './codes';
import { userOf, type ApiContext, type ApiHandler } from './context';
import { flag, intArray, integer } from './params';
import {
	diagnostics,
	fuel,
	gpsPoint,
	inputInfo,
	outputInfo,
	readings,
	stateObject,
} from './records';
import type { NavixyTracker } from './types';

/** The usable tracker named by tracker_id: 201 unknown, 208 blocked. */
function single(context: ApiContext): NavixyTracker {
	return context.state.usable(userOf(context), integer(context.params, 'tracker_id'));
}

/** Wraps a per-tracker reading with `user_time` and `update_time`. */
function reading(
	read: (context: ApiContext, tracker: NavixyTracker) => Record<string, unknown>,
): ApiHandler {
	return (context) => {
		const tracker = single(context);
		const state = context.state.liveState(tracker);
		return {
			user_time: context.date(context.state.nowSec()),
			...read(context, tracker),
			update_time: context.date(state.last_update),
		};
	};
}

function getState(context: ApiContext): Record<string, unknown> {
	const tracker = single(context);
	const state = stateObject(tracker, context.state.liveState(tracker), context.date);
	return { user_time: context.date(context.state.nowSec()), state };
}

/**
 * At most 2000 IDs (7 beyond). Without allow_not_exist: 217 when an ID is no tracker of the user,
 * 201 when it names a deleted (corrupted) one; without list_blocked: 208 for a blocked one.
 */
function getStates(context: ApiContext): Record<string, unknown> {
	const { state, params } = context;
	const ids = [...new Set(intArray(params, 'trackers'))];
	if (ids.length > NAVIXY_LIMITS.trackersPerRequest) {
		throw invalid('trackers', `Size must be at most ${NAVIXY_LIMITS.trackersPerRequest}`);
	}
	const listBlocked = flag(params, 'list_blocked', false);
	const allowNotExist = flag(params, 'allow_not_exist', false);
	const user = userOf(context);
	const found = ids.map((id) => ({ id, tracker: state.trackers.get(id) }));
	const foreign = found.filter(({ tracker }) => tracker?.owner !== user.id);
	const deleted = found.filter(({ tracker }) => tracker?.owner === user.id && tracker.deleted);
	const live = found.flatMap(({ tracker }) =>
		tracker?.owner === user.id && !tracker.deleted ? [tracker] : [],
	);
	const blocked = live.filter((tracker) => tracker.source.blocked);
	if (!allowNotExist && foreign.length > 0) {
		throw new NavixyError(NavixyCode.nonexistentEntities);
	}
	if (!allowNotExist && deleted.length > 0) {
		throw new NavixyError(NavixyCode.notFound);
	}
	if (!listBlocked && blocked.length > 0) {
		throw new NavixyError(NavixyCode.deviceBlocked);
	}
	const states = Object.fromEntries(
		live
			.filter((tracker) => !tracker.source.blocked)
			.map((tracker) => [
				String(tracker.id),
				stateObject(tracker, state.liveState(tracker), context.date),
			]),
	);
	return {
		user_time: context.date(state.nowSec()),
		states,
		...(listBlocked ? { blocked: blocked.map((tracker) => tracker.id) } : {}),
		...(allowNotExist ? { not_exist: [...foreign, ...deleted].map(({ id }) => id) } : {}),
	};
}

/** The trackers of a batch_get_* call: 221 above the limit, 217 when one is unknown or blocked. */
function batch(context: ApiContext): NavixyTracker[] {
	const ids = [...new Set(intArray(context.params, 'trackers'))];
	if (ids.length > NAVIXY_LIMITS.trackersPerRequest) {
		throw new NavixyError(NavixyCode.deviceLimit);
	}
	const user = userOf(context);
	return ids.map((id) => {
		const tracker = context.state.trackers.get(id);
		if (!tracker || tracker.owner !== user.id || tracker.deleted || tracker.source.blocked) {
			throw new NavixyError(NavixyCode.nonexistentEntities);
		}
		return tracker;
	});
}

function batchGetInputs(context: ApiContext): Record<string, unknown> {
	const trackers = batch(context);
	const entries = trackers.map((tracker) => [
		String(tracker.id),
		inputInfo(context.state.liveState(tracker), context.date),
	]);
	return {
		user_time: context.date(context.state.nowSec()),
		data: Object.fromEntries(entries),
	};
}

function batchGetOutputs(context: ApiContext): Record<string, unknown> {
	const entries = batch(context).map((tracker) => [String(tracker.id), outputInfo(tracker)]);
	return { result: Object.fromEntries(entries) };
}

export const stateRoutes: ReadonlyArray<[string, ApiHandler]> = [
	['/tracker/get_state', getState],
	['/tracker/get_states', getStates],
	[
		'/tracker/get_last_gps_point',
		(context) => ({
			value: gpsPoint(context.state.liveState(single(context)), context.date),
		}),
	],
	[
		'/tracker/get_inputs',
		(context) => {
			const tracker = single(context);
			return {
				user_time: context.date(context.state.nowSec()),
				...inputInfo(context.state.liveState(tracker), context.date),
			};
		},
	],
	['/tracker/batch_get_inputs', batchGetInputs],
	['/tracker/get_outputs', (context) => ({ result: outputInfo(single(context)) })],
	['/tracker/batch_get_outputs', batchGetOutputs],
	[
		'/tracker/get_diagnostics',
		reading((context, tracker) =>
			diagnostics(context.state.model(tracker), context.state.liveState(tracker)),
		),
	],
	[
		'/tracker/get_fuel',
		reading((context, tracker) =>
			fuel(context.state.model(tracker), context.state.liveState(tracker)),
		),
	],
	[
		'/tracker/get_readings',
		reading((context, tracker) =>
			readings(context.state.model(tracker), context.state.liveState(tracker)),
		),
	],
];
