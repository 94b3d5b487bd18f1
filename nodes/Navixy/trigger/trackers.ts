import type { IPollFunctions } from 'n8n-workflow';

import { invalidValue, parseIdList } from '../../shared/validation';
import { parseTrackerIds } from '../helpers/trackerId';
import { trackers } from '../transport/api';

const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
const EVENT_TYPE_EXPECTED = 'event type names such as sos, inzone or input_change (letters, digits and underscores)';

/** How long the list of the account's trackers is reused before it is read again (new trackers show up). */
const FLEET_REFRESH_MS = 60 * 60 * 1000;

interface FleetCache {
	ids: number[];
	/** Epoch milliseconds of the tracker/list it came from. */
	readAt: number;
}

/**
 * The tracker IDs a trigger watches: those listed (checked, repeats once), or every tracker of the
 * account that is not blocked. The account's list (tracker/list) is kept in the trigger's static data
 * and read again once an hour, so that a poll is one request for the states or events of every tracker.
 */
export async function watchedTrackerIds(context: IPollFunctions, now: number = Date.now()): Promise<number[]> {
	if ((context.getNodeParameter('trackers', 'all') as string) === 'selected') {
		return parseTrackerIds({ node: context.getNode(), parameter: 'Tracker IDs' }, context.getNodeParameter('trackerIds', ''));
	}
	const data = context.getWorkflowStaticData('node') as { fleet?: FleetCache };
	if (data.fleet !== undefined && now - data.fleet.readAt >= 0 && now - data.fleet.readAt < FLEET_REFRESH_MS) {
		return data.fleet.ids;
	}
	const ids = (await trackers.list(context))
		.filter((tracker) => (tracker.source as { blocked?: boolean } | undefined)?.blocked !== true)
		.map((tracker) => Number(tracker.id))
		.filter((id) => Number.isInteger(id) && id > 0);
	data.fleet = { ids, readAt: now };
	return ids;
}

/** The event types chosen: empty for every type. */
export function chosenEventTypes(context: IPollFunctions): string[] {
	const raw = context.getNodeParameter('eventTypes', []);
	if (raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return [];
	const ref = { node: context.getNode(), parameter: 'Event Types' };
	if (typeof raw !== 'string' && !Array.isArray(raw)) throw invalidValue(ref, raw, EVENT_TYPE_EXPECTED);
	return [...new Set(parseIdList(ref, raw, EVENT_TYPE_PATTERN, EVENT_TYPE_EXPECTED))];
}
