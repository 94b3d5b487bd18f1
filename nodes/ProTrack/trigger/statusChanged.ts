import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { withIsoTimes } from '../../shared/time';
import { decodeTrackStatuses, TRACK_TIME_FIELDS, trackLocation } from '../helpers/trackRecord';
import { fetchImeiBatches, recordsByImei } from '../helpers/imei';
import { track } from '../transport/api';
import { watchedImeis } from './devices';

/** Status fields the trigger can watch: names in the output → decoded statuses of /api/track. */
export const WATCHABLE_FIELDS = ['connection', 'acc', 'door', 'defence', 'charging', 'fuelSupply'] as const;

interface StatusState extends IDataObject {
	statuses?: Record<string, Record<string, string>>;
}

/** The latest /api/track record of each watched IMEI, 100 IMEIs per request. */
async function latestRecords(context: IPollFunctions, imeis: string[]): Promise<Map<string, IDataObject>> {
	const requests = imeis.map((key, itemIndex) => ({ key, itemIndex }));
	const results = await fetchImeiBatches(requests, async (batch) => await track(context, batch), recordsByImei);
	const failed = results.find((result) => result.error);
	if (failed?.error) throw failed.error;
	return new Map(
		results.filter((result) => result.result).map((result) => [result.key, result.result as IDataObject]),
	);
}

function changeItem(
	imei: string,
	field: string,
	previous: string | null,
	record: IDataObject,
	statuses: IDataObject,
): INodeExecutionData {
	return {
		json: {
			event: 'deviceStatusChanged',
			imei,
			field,
			previous,
			current: statuses[field] as string,
			statuses,
			...withIsoTimes(record, TRACK_TIME_FIELDS),
			location: { ...trackLocation(record) },
		},
	};
}

/**
 * Emits one item per watched field whose value changed since the previous poll (e.g. connection
 * online → offline, ACC on → off). The first poll only records the current values.
 */
export async function pollStatusChanges(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const fields = context.getNodeParameter('watchFields', ['connection']) as string[];
	const imeis = await watchedImeis(context);
	const records = await latestRecords(context, imeis);

	if (context.getMode() === 'manual') {
		const [imei, record] = [...records.entries()][0] ?? [];
		if (imei === undefined || record === undefined) return null;
		const statuses = decodeTrackStatuses(record);
		return [fields.map((field) => changeItem(imei, field, null, record, statuses))];
	}

	const state = context.getWorkflowStaticData('node') as StatusState;
	const previous = state.statuses ?? {};
	// Only devices still answering keep their statuses, so static data does not grow with devices that left.
	const known: Record<string, Record<string, string>> = {};
	const changes: INodeExecutionData[] = [];
	for (const [imei, record] of records) {
		const statuses = decodeTrackStatuses(record);
		const before = previous[imei];
		if (before !== undefined) {
			for (const field of fields) {
				if (before[field] !== undefined && before[field] !== statuses[field]) {
					changes.push(changeItem(imei, field, before[field], record, statuses));
				}
			}
		}
		known[imei] = Object.fromEntries(WATCHABLE_FIELDS.map((field) => [field, statuses[field]]));
	}
	state.statuses = known;
	return changes.length > 0 ? [changes] : null;
}
