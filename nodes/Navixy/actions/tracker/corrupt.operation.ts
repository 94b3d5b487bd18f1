import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';

const properties: INodeProperties[] = [
	{
		displayName:
			'Destructive: Corrupt marks the tracker as deleted and scrambles its device ID and phone number. It cannot be undone. The device must be disconnected first.',
		name: 'corruptNotice',
		type: 'notice',
		default: '',
	},
	trackerLocator({}),
];

const displayOptions = { show: { resource: ['tracker'], operation: ['corrupt'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * DESTRUCTIVE (tracker/corrupt): marks the tracker deleted and scrambles its device ID and phone, so its
 * device can be registered again elsewhere. Navixy offers no undo. Sent once, never repeated automatically.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readTrackerId(this, itemIndex),
		async (trackerId, itemIndex) => {
			await trackers.corrupt(this, trackerId, itemIndex);
			return { trackerId, corrupted: true };
		},
	);
}
