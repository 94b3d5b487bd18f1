import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidValue } from '../../../shared/validation';
import { perItemAfterValidation } from '../../../shared/items';
import { readCommandAnswer } from './deviceCommand';

const properties: INodeProperties[] = [
	{
		displayName: 'Command ID',
		name: 'commandId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1B454',
		description: 'The command ID returned by Send, e.g. drag the commandId field of the input here',
	},
];

const displayOptions = { show: { resource: ['command'], operation: ['getResponse'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Whether the device has answered a command yet, and its answer. Read-only, one request per item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readCommandId(this, itemIndex),
		async (commandId, itemIndex) => ({ ...(await readCommandAnswer(this, commandId, itemIndex)) }) as IDataObject,
	);
}

function readCommandId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('commandId', itemIndex) as unknown;
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (text === '' || /[\s,]/.test(text)) {
		throw invalidValue(
			{ node: context.getNode(), parameter: 'Command ID', itemIndex },
			raw,
			'the command ID returned by Send, e.g. 1B454',
		);
	}
	return text;
}
