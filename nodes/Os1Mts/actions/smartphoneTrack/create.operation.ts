import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireNonEmptyString } from '../../../shared/validation';
import { callbackFields, expiryFields, startNowField } from '../../helpers/fields';
import { createTracks } from '../trackOperations';

const properties: INodeProperties[] = [
	{
		displayName: 'Context ID',
		name: 'contextId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ref-0f197669-f36e-4c9d-9d5d-8d673b1b8b4e',
		description: 'A unique ID of yours from which OS1 makes the track name and ID (e.g. a trip or driver ID)',
	},
	{
		displayName: 'External Reference ID',
		name: 'externalRefId',
		type: 'string',
		default: '',
		description: 'Your own ID to map to the track (optional)',
	},
	startNowField,
	...expiryFields,
	...callbackFields(false),
];

export const description = updateDisplayOptions({ show: { resource: ['smartphoneTrack'], operation: ['create'] } }, properties);

/** createSmartphoneTrack: `started` says whether tracking began at once (202) or waits for Start (201). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await createTracks(this, 'smartphone', (itemIndex) => {
		const identity: IDataObject = {
			contextId: requireNonEmptyString(
				{ node: this.getNode(), parameter: 'Context ID', itemIndex },
				this.getNodeParameter('contextId', itemIndex, ''),
			),
		};
		const externalRefId = String(this.getNodeParameter('externalRefId', itemIndex, '') ?? '').trim();
		if (externalRefId !== '') identity.externalRefId = externalRefId;
		return identity;
	});
}
