import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyedResultsToItems } from '../../../shared/items';
import { fetchRecordsByImei, IMEIS_FIELD } from '../../helpers/imei';
import { deviceToJson } from '../../helpers/deviceRecord';
import { deviceDetails } from '../../transport/api';

const properties: INodeProperties[] = [IMEIS_FIELD];

const displayOptions = { show: { resource: ['device'], operation: ['getDetails'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Basic information (name, model, plate, SIM, dates) of every IMEI, one item each, 100 per request. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { results, invalid } = await fetchRecordsByImei(this, async (imeis) => await deviceDetails(this, imeis));
	return keyedResultsToItems(this, results, invalid, (imei, record) =>
		record === undefined
			? {
					imei,
					found: false,
					message: 'ProTrack returned no details for this IMEI (unknown, or not on this account)',
				}
			: { ...deviceToJson(record), found: true },
	);
}
