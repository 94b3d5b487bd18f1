import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { advanceCursor, newSinceCursor, type SeenCursor } from '../../shared/pagination';
import { eventIdentity, eventTime, eventToJson } from '../helpers/events';
import { events } from '../transport/api';
import { chosenEventTypes, watchedTrackerIds } from './trackers';

/**
 * Events are asked for up to this far past n8n's clock, so that a Navixy clock running ahead does not
 * hide recent events. The cursor, not the clock, decides what is new.
 */
const CLOCK_SKEW_ALLOWANCE_S = 300;
/**
 * When no event came for a while the cursor still follows the clock, this far behind it, so a quiet
 * fleet does not make every poll read a longer stretch of history.
 */
const CURSOR_LAG_S = 600;
/** How far back a manual test run looks for a sample event. */
const SAMPLE_LOOKBACK_S = 7 * 24 * 3600;

interface EventState extends IDataObject {
	cursor?: SeenCursor;
}

/**
 * Each poll returns every event Navixy received since the last poll, exactly once: one
 * history/tracker/list query for all watched trackers (pages of 1,000 followed by time), from a cursor
 * in the workflow's static data (the newest event time emitted and the IDs emitted at exactly that
 * time). The cursor is only written after the whole window was read, so a failed poll repeats it.
 * The first activation starts from now: history is not replayed.
 */
export async function pollNewEvents(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const trackerIds = await watchedTrackerIds(context);
	const types = chosenEventTypes(context);
	const now = Math.floor(Date.now() / 1000);

	if (context.getMode() === 'manual') return await sampleEvent(context, trackerIds, types, now);

	const state = context.getWorkflowStaticData('node') as EventState;
	const cursor = state.cursor;
	if (cursor === undefined) {
		state.cursor = { time: now, idsAtTime: [] };
		return null;
	}
	if (trackerIds.length === 0) return null;

	const { records } = await events.history(context, {
		trackers: trackerIds,
		begin: cursor.time,
		end: now + CLOCK_SKEW_ALLOWANCE_S,
		types,
	});
	const unseen = newSinceCursor(records, cursor, eventTime, eventIdentity);
	let next = advanceCursor(cursor, unseen, eventTime, eventIdentity) ?? cursor;
	const floor = now - CURSOR_LAG_S;
	if (next.time < floor) {
		// Every event up to now was read: those at `floor` are emitted (now or before).
		next = { time: floor, idsAtTime: records.filter((event) => event.time === floor).map(eventIdentity) };
	}
	state.cursor = next;

	if (unseen.length === 0) return null;
	return [unseen.map((event) => ({ json: eventToJson(event.raw) }))];
}

/** A manual test run: the latest matching event of the last 7 days, without touching the cursor. */
async function sampleEvent(
	context: IPollFunctions,
	trackerIds: number[],
	types: string[],
	now: number,
): Promise<INodeExecutionData[][]> {
	if (trackerIds.length === 0) {
		throw new NodeOperationError(context.getNode(), 'There are no trackers to watch', {
			description: 'The account has no tracker that is not blocked, or the Tracker IDs list is empty.',
		});
	}
	const latest = await events.latest(context, {
		trackers: trackerIds,
		begin: now - SAMPLE_LOOKBACK_S,
		end: now + CLOCK_SKEW_ALLOWANCE_S,
		types,
	});
	if (latest === undefined) {
		const kinds = types.length > 0 ? ` of type ${types.join(', ')}` : '';
		throw new NodeOperationError(context.getNode(), `No tracker event${kinds} in the last 7 days to show as a sample`, {
			description: `Looked at ${trackerIds.length} tracker(s). Once the workflow is active, new events trigger it as Navixy receives them.`,
		});
	}
	return [[{ json: eventToJson(latest.raw) }]];
}
