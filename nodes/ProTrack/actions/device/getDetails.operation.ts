import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runBatched } from '../../../shared/batching';
import { keyedResultsToItems, stopOnInvalidInput } from '../../../shared/items';
import { collectImeis, MAX_IMEIS_PER_REQUEST } from '../../helpers/imei';
import { proTrackRequest } from '../../transport';
import { deviceToJson } from './deviceInfo';

const properties: INodeProperties[] = [
	{
		displayName: 'IMEIs',
		name: 'imeis',
		type: 'string',
		default: '',
		required: true,
		placeholder: '358899051025339, 355139000000234',
		description:
			'One IMEI, or several separated by commas. To take one IMEI from each input item, drag the input field here. Requests are batched 100 IMEIs at a time.',
	},
];

const displayOptions = { show: { resource: ['device'], operation: ['getDetails'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Basic information (name, model, plate, SIM, dates) of every IMEI, one item each, 100 per request. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { requests, invalid } = collectImeis(this, 'imeis', 'IMEIs');
	stopOnInvalidInput(this, invalid);

	const results = await runBatched<IDataObject>(requests, MAX_IMEIS_PER_REQUEST, async (imeis) => {
		const envelope = await proTrackRequest.call(this, {
			method: 'GET',
			path: '/api/device/detail',
			params: { imeis: imeis.join(',') },
		});
		const records = Array.isArray(envelope.record) ? (envelope.record as IDataObject[]) : [];
		return new Map(records.map((record) => [String(record.imei), record]));
	});

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
