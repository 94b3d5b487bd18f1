import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountPicker } from '../../helpers/account';
import { setBlocked } from './setBlocked';

const properties: INodeProperties[] = [
	accountPicker('The sub-account to block: it can no longer log in or use the Open API', true),
];

const displayOptions = { show: { resource: ['account'], operation: ['block'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Blocks one sub-account per input item; outputs {account, blocked: true}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await setBlocked(this, true);
}
