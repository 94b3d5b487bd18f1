import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readManyTrackers } from '../../helpers/perTracker';
import { readTrackerIds, trackerIdsField } from '../../helpers/trackerId';
import { sensors, state } from '../../transport/api';
import { byTracker, inputsToJson, MAX_TRACKERS_PER_BATCH_READ } from './getInputs.operation';

const properties: INodeProperties[] = [trackerIdsField('whose inputs to read (2,000 per request; one output item per tracker)')];

const displayOptions = { show: { resource: ['sensor'], operation: ['getInputsOfMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The discrete inputs of a list of trackers given in each input item (tracker/batch_get_inputs, 2,000 per
 * request): one output item per tracker, in the order asked; blocked and unknown trackers as items that say so.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readTrackerIds(this, itemIndex, 'trackerIds', 'Tracker IDs'),
		async (ids) =>
			await readManyTrackers<IDataObject>(
				this,
				ids,
				MAX_TRACKERS_PER_BATCH_READ,
				async (part) => byTracker<IDataObject>((await sensors.inputsOfMany(this, part)).data),
				inputsToJson,
				async (part) => await state.unreadable(this, part),
			),
	);
}
