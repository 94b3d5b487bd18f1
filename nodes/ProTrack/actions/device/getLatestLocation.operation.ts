import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyedResultsToItems } from '../../../shared/items';
import { withIsoTimes } from '../../../shared/time';
import { decodeTrackStatuses, TRACK_TIME_FIELDS, trackLocation } from '../../helpers/trackRecord';
import { fetchRecordsByImei, IMEIS_FIELD } from '../../helpers/imei';
import { track } from '../../transport/api';

const properties: INodeProperties[] = [IMEIS_FIELD];

const displayOptions = { show: { resource: ['device'], operation: ['getLatestLocation'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Latest position and status of every IMEI, one output item per IMEI, batched 100 per request. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { results, invalid } = await fetchRecordsByImei(this, async (imeis) => await track(this, imeis));

	return keyedResultsToItems(this, results, invalid, (imei, record) =>
		record === undefined
			? {
					imei,
					found: false,
					message: 'ProTrack returned no position for this IMEI (not on this account, or never reported)',
				}
			: {
					...withIsoTimes(record, TRACK_TIME_FIELDS),
					found: true,
					statuses: decodeTrackStatuses(record),
					location: { ...trackLocation(record) },
				},
	);
}
