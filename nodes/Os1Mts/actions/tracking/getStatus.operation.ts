import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem } from '../../../shared/items';
import { readTrack, trackReferenceFields } from '../../helpers/fields';
import { tracks } from '../../transport/api';
import { statusToJson } from '../trackOperations';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['tracking'], operation: ['getStatus'] } },
	trackReferenceFields,
);

/** getTrackingStatus: the status of any track, SIM or smartphone, by id or name (times as ISO). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItem(this, async (itemIndex) => {
		const { data } = await tracks.trackingStatus(this, readTrack(this, itemIndex), itemIndex);
		return statusToJson(undefined, data);
	});
}
