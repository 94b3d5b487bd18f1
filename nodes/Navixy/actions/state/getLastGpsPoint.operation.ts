import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { gpsPointToJson } from '../../helpers/state';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { state } from '../../transport/api';

const properties: INodeProperties[] = [trackerLocator({})];

const displayOptions = { show: { resource: ['state'], operation: ['getLastGpsPoint'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The last point a tracker fixed by GPS (positions from cell towers are skipped), one per input item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readTrackerId(this, itemIndex),
		async (trackerId, itemIndex) =>
			gpsPointToJson(trackerId, (await state.lastGpsPoint(this, trackerId, itemIndex)).value as IDataObject),
	);
}
