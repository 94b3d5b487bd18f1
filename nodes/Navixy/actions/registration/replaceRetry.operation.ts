import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { APN_FIELDS, readApn } from '../../helpers/sim';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { registration } from '../../transport/api';
import { trackerToJson } from './register.operation';
import { explainAlreadyConnected } from './registerRetry.operation';

const properties: INodeProperties[] = [
	{ ...trackerLocator({}), description: 'The tracker whose new device gets its activation commands again' },
	...APN_FIELDS,
];

const displayOptions = { show: { resource: ['registration'], operation: ['replaceRetry'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Sends the activation commands to a tracker's replacement device again (tracker/replace_retry) and
 * outputs the tracker. Sent once, never repeated after a server error.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => {
			const apn = readApn(this, itemIndex);
			return { params: { tracker_id: readTrackerId(this, itemIndex), ...apn.params }, secrets: apn.secrets };
		},
		async ({ params, secrets }, itemIndex) =>
			trackerToJson(await explainAlreadyConnected(this, async () => await registration.replaceRetry(this, params, itemIndex, secrets))),
	);
}
