import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callbackFields, expiryFields, msisdnField, readMsisdn, startNowField } from '../../helpers/fields';
import { createTracks } from '../trackOperations';

const properties: INodeProperties[] = [
	msisdnField('The phone to track; it must have allowed tracking (Consent › Request)'),
	startNowField,
	...expiryFields,
	...callbackFields(false),
];

export const description = updateDisplayOptions({ show: { resource: ['simTrack'], operation: ['create'] } }, properties);

/**
 * createSimTrack: a track of a phone located by its cellular network. `started` says whether tracking
 * began at once (OS1 answered 202) or waits for Start (201).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await createTracks(this, 'sim', (itemIndex) => ({ msisdn: readMsisdn(this, itemIndex) }));
}
