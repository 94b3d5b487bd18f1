import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountPicker } from '../../helpers/account';
import { setBlocked } from './setBlocked';

const properties: INodeProperties[] = [accountPicker('The sub-account to unblock', true)];

const displayOptions = { show: { resource: ['account'], operation: ['unblock'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Unblocks one sub-account per input item; outputs {account, blocked: false}. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await setBlocked(this, false);
}
