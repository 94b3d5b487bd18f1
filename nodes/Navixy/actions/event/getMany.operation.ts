import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTimeRange } from '../../../shared/deviceFields';
import { perItemAfterValidation } from '../../../shared/items';
import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { invalidValue, parseIdList } from '../../../shared/validation';
import { eventToJson } from '../../helpers/events';
import { readTrackerId, readTrackerIds, trackerIdsField, trackerLocator } from '../../helpers/trackerId';
import { events, type EventQuery } from '../../transport/api';

const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
const EVENT_TYPE_EXPECTED = 'event type names such as sos, inzone or input_change (letters, digits and underscores)';

const properties: INodeProperties[] = [
	{
		displayName: 'Trackers',
		name: 'trackerInput',
		type: 'options',
		options: [
			{ name: 'One Tracker', value: 'one', description: 'Pick a tracker from the list or give its ID' },
			{ name: 'Tracker IDs', value: 'list', description: 'A list of tracker IDs, read in one request' },
		],
		default: 'one',
		description: 'Whose events to read',
	},
	trackerLocator({ show: { trackerInput: ['one'] } }),
	trackerIdsField('whose events to read (all asked in one request)', { show: { trackerInput: ['list'] } }),
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Earliest time Navixy received the event (included)',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Latest time Navixy received the event (included). Ranges longer than 30 days are read in 30-day windows, since Navixy refuses spans above its limit (error 211).',
	},
	{
		displayName: 'Event Type Names or IDs',
		name: 'eventTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEventTypes' },
		default: [],
		description:
			'Only events of these types; every type when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...returnAllAndLimit('Applies to each input item'),
];

const displayOptions = { show: { resource: ['event'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The chosen event types: empty for every type; names checked (a list, or text separated by commas). */
function readEventTypes(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = context.getNodeParameter('eventTypes', itemIndex, []);
	if (raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return [];
	const ref = { node: context.getNode(), parameter: 'Event Types', itemIndex };
	if (typeof raw !== 'string' && !Array.isArray(raw)) throw invalidValue(ref, raw, EVENT_TYPE_EXPECTED);
	return [...new Set(parseIdList(ref, raw, EVENT_TYPE_PATTERN, EVENT_TYPE_EXPECTED))];
}

function readQuery(context: IExecuteFunctions, itemIndex: number): EventQuery {
	const input = context.getNodeParameter('trackerInput', itemIndex, 'one') as string;
	const trackers =
		input === 'list'
			? readTrackerIds(context, itemIndex, 'trackerIds', 'Tracker IDs')
			: [readTrackerId(context, itemIndex)];
	const { begin, end } = readTimeRange(context, itemIndex);
	return { trackers, begin, end, types: readEventTypes(context, itemIndex), limit: readLimit(context, itemIndex), itemIndex };
}

/**
 * The events of the trackers of each input item in its time range (history/tracker/list), oldest
 * first, one output item per event with Navixy's fields and the normalized `location`. Pages of 1,000
 * events follow one another by time; the events of the boundary second that come back again are
 * dropped by their ID, so none is lost or repeated. Ranges over 30 days are read in 30-day windows.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readQuery(this, itemIndex),
		async (query, itemIndex): Promise<IDataObject[]> => {
			const result = await events.history(this, query);
			if (result.stalls > 0) {
				this.addExecutionHints({
					type: 'warning',
					message: `Item ${itemIndex}: more than 1,000 events share one second ${result.stalls} time(s); Navixy cannot page inside one second, so some events of that second may be missing.`,
				});
			}
			return result.records.map((event) => eventToJson(event.raw));
		},
	);
}
