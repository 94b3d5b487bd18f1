import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import type { KeyedResult } from '../../../shared/batching';
import { keyedResultsToItems, stopOnInvalidInput } from '../../../shared/items';
import { parseIdList, requireIntegerInRange } from '../../../shared/validation';
import { readTimeRange } from '../../../shared/deviceFields';
import { collectImeis, IMEIS_FIELD } from '../../helpers/imei';
import {
	ALARM_TYPE_OPTIONS,
	ALARM_TYPES,
	alarmToJson,
	type AlarmEntry,
} from '../../helpers/historyRecords';
import { ALARM_HISTORY, warnAboutStalls } from '../../helpers/history';
import { alarmHistory } from '../../transport/api';

const KNOWN_TYPES = Object.keys(ALARM_TYPES).map(Number);
const TYPES_EXPECTED = `alarm type numbers from ${Math.min(...KNOWN_TYPES)} to ${Math.max(...KNOWN_TYPES)}`;

const displayOptions = { show: { resource: ['alarm'], operation: ['getMany'] } };

const properties: INodeProperties[] = [
	{
		...IMEIS_FIELD,
		description:
			'One IMEI, or several separated by commas. To take one IMEI from each input item, drag the input field here. ProTrack is asked once per IMEI.',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Earliest time the platform received the alarm (system time, included)',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Latest time the platform received the alarm (system time, included)',
	},
	...returnAllAndLimit('Applies to each IMEI separately'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Alarm Types',
				name: 'alarmTypes',
				type: 'multiOptions',
				options: ALARM_TYPE_OPTIONS,
				default: [],
				description: 'Only alarms of these types. Leave empty for every type.',
			},
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

interface AlarmQuery {
	begin: number;
	end: number;
	/** Alarm types to keep; empty keeps every type. */
	types: number[];
	/** Most alarms per IMEI; undefined returns every alarm in the range. */
	limit?: number;
}

function readAlarmTypes(context: IExecuteFunctions, itemIndex: number): number[] {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const raw = filters.alarmTypes;
	if (raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
		return [];
	}
	const ref = { node: context.getNode(), parameter: 'Alarm Types', itemIndex };
	const types = parseIdList(ref, raw, /\d{1,3}/, TYPES_EXPECTED).map(Number);
	for (const type of types) {
		requireIntegerInRange(ref, type, Math.min(...KNOWN_TYPES), Math.max(...KNOWN_TYPES));
	}
	return types;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): AlarmQuery {
	const { begin, end } = readTimeRange(context, itemIndex);
	const types = readAlarmTypes(context, itemIndex);
	const limit = readLimit(context, itemIndex);
	return { begin, end, types, limit };
}

/**
 * The alarms of one IMEI in the range, oldest system time first. The API cannot filter by type, so
 * with a type filter every page of the range is read before the limit applies.
 */
async function alarmsOf(
	context: IExecuteFunctions,
	imei: string,
	query: AlarmQuery,
	itemIndex: number,
): Promise<AlarmEntry[]> {
	const filtering = query.types.length > 0;
	const result = await alarmHistory(context, imei, query.begin, query.end, {
		limit: filtering ? undefined : query.limit,
		itemIndex,
	});
	warnAboutStalls(context, ALARM_HISTORY, imei, result);
	const alarms = result.records;
	const wanted = alarms.filter((alarm) => !filtering || query.types.includes(alarm.type));
	return query.limit === undefined ? wanted : wanted.slice(0, query.limit);
}

/**
 * Alarms of every IMEI named by the input items, one output item per alarm, paired to the item
 * that named the IMEI. Every item is validated before the first request.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { requests, invalid } = collectImeis(this, 'imeis', 'IMEIs');
	const invalidItems = new Set(invalid.map((entry) => entry.itemIndex));
	const queries = new Map<number, AlarmQuery>();
	const itemCount = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (invalidItems.has(itemIndex)) continue;
		try {
			queries.set(itemIndex, readQuery(this, itemIndex));
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	invalid.sort((first, second) => first.itemIndex - second.itemIndex);
	stopOnInvalidInput(this, invalid);

	const results: Array<KeyedResult<AlarmEntry[]>> = [];
	/** The same IMEI and query named again (by the same or another item) is not fetched twice. */
	const fetched = new Map<string, AlarmEntry[]>();
	const namedByItem = new Set<string>();
	for (const { itemIndex, key: imei } of requests) {
		const query = queries.get(itemIndex);
		if (query === undefined || namedByItem.has(`${itemIndex}:${imei}`)) continue;
		namedByItem.add(`${itemIndex}:${imei}`);
		const fetchKey = JSON.stringify([imei, query]);
		try {
			const alarms = fetched.get(fetchKey) ?? (await alarmsOf(this, imei, query, itemIndex));
			fetched.set(fetchKey, alarms);
			results.push({ itemIndex, key: imei, result: alarms });
		} catch (error) {
			results.push({ itemIndex, key: imei, error: error as Error });
			if (!this.continueOnFail()) break;
		}
	}

	return keyedResultsToItems(this, results, invalid, (imei, alarms) =>
		(alarms ?? []).map((alarm) => alarmToJson(imei, alarm)),
	);
}
