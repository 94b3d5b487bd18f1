import type { IPollFunctions } from 'n8n-workflow';

import { invalidValue, parseIdList } from '../../shared/validation';
import { TRACKER_ID_EXPECTED, TRACKER_ID_PATTERN } from '../helpers/trackerId';
import { trackers } from '../transport/api';

const MAX_TRACKER_ID = 2147483647;
const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
const EVENT_TYPE_EXPECTED = 'event type names such as sos, inzone or input_change (letters, digits and underscores)';

/**
 * The tracker IDs a trigger watches: those listed (checked, repeats once), or every tracker of the
 * account that is not blocked (tracker/list, read on each poll so new trackers are picked up).
 */
export async function watchedTrackerIds(context: IPollFunctions): Promise<number[]> {
	if ((context.getNodeParameter('trackers', 'all') as string) === 'selected') {
		const ref = { node: context.getNode(), parameter: 'Tracker IDs' };
		const ids = parseIdList(ref, context.getNodeParameter('trackerIds', ''), TRACKER_ID_PATTERN, TRACKER_ID_EXPECTED).map(Number);
		const tooBig = ids.find((id) => id > MAX_TRACKER_ID);
		if (tooBig !== undefined) throw invalidValue(ref, tooBig, TRACKER_ID_EXPECTED);
		return [...new Set(ids)];
	}
	const list = await trackers.list(context);
	return list
		.filter((tracker) => (tracker.source as { blocked?: boolean } | undefined)?.blocked !== true)
		.map((tracker) => Number(tracker.id))
		.filter((id) => Number.isInteger(id) && id > 0);
}

/** The event types chosen: empty for every type. */
export function chosenEventTypes(context: IPollFunctions): string[] {
	const raw = context.getNodeParameter('eventTypes', []);
	if (raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return [];
	const ref = { node: context.getNode(), parameter: 'Event Types' };
	if (typeof raw !== 'string' && !Array.isArray(raw)) throw invalidValue(ref, raw, EVENT_TYPE_EXPECTED);
	return [...new Set(parseIdList(ref, raw, EVENT_TYPE_PATTERN, EVENT_TYPE_EXPECTED))];
}
