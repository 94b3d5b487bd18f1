import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { commandFields, readDeviceCommand, sendDeviceCommand } from './deviceCommand';

const displayOptions = { show: { resource: ['command'], operation: ['send'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, commandFields());

/**
 * Sends one command per input item and returns its command ID (use Get Response to read the
 * device's answer). Never re-sent after a server error or a dropped connection.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readDeviceCommand(this, itemIndex),
		async (command, itemIndex) => {
			const commandId = await sendDeviceCommand(this, command, itemIndex);
			const json: IDataObject = { imei: command.imei, command: command.apiCommand, commandId };
			if (command.mileage !== undefined) json.mileage = command.mileage;
			return json;
		},
	);
}
