import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { registration } from '../../transport/api';
import { trackerToJson } from './register.operation';
import { imeiField, readImei } from './registerQuick.operation';

const properties: INodeProperties[] = [
	{ ...trackerLocator({}), description: 'The tracker whose device is swapped; its history stays' },
	{ ...imeiField, description: 'IMEI of the new, preconfigured bundle device: 15 digits' },
];

const displayOptions = { show: { resource: ['registration'], operation: ['replaceQuick'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Swaps the device behind a tracker for a preconfigured bundle device given by IMEI
 * (tracker/replace_quick), keeping the history, and outputs the tracker. Sent once, never repeated
 * after a server error.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({ tracker_id: readTrackerId(this, itemIndex), imei: readImei(this, itemIndex) }),
		async (params, itemIndex) => trackerToJson(await registration.replaceQuick(this, params, itemIndex)),
	);
}
