import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { registration } from '../../transport/api';
import {
	deviceIdField,
	modelField,
	pluginField,
	pluginFieldsField,
	readDeviceSetup,
	sendRegisterCommandsField,
	trackerToJson,
} from './register.operation';

const properties: INodeProperties[] = [
	{ ...trackerLocator({}), description: 'The tracker whose device is swapped; its history stays' },
	{ ...modelField, description: `Model of the new device. ${String(modelField.description)}` },
	pluginField,
	{ ...deviceIdField, description: `The new device's ID. ${String(deviceIdField.description)}` },
	sendRegisterCommandsField,
	pluginFieldsField(false),
];

const displayOptions = { show: { resource: ['registration'], operation: ['replace'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Swaps the device behind a tracker for a new one (tracker/replace), keeping the tracker's history,
 * and outputs the tracker. The old device stops reporting to this tracker. Sent once, never repeated
 * after a server error.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) =>
			readDeviceSetup(this, itemIndex, { allowActivationCode: false }, { tracker_id: readTrackerId(this, itemIndex) }),
		async ({ params, secrets }, itemIndex) => trackerToJson(await registration.replace(this, params, itemIndex, secrets)),
	);
}
