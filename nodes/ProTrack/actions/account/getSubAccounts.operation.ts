import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/listFields';
import { accountPicker, accountToJson } from '../../helpers/account';
import { listSubAccounts } from '../../transport/api';
import { listPerAccount } from '../listPerAccount';

const properties: INodeProperties[] = [
	accountPicker('Whose sub-accounts to list. Leave empty for the account of the credential', false),
	...returnAllAndLimit(),
];

const displayOptions = { show: { resource: ['account'], operation: ['getSubAccounts'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The accounts below an account, one output item each (the Open API returns at most 500, and like
 * the document's example it lists the account itself first).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listPerAccount(this, async (account, itemIndex) => await listSubAccounts(this, account, itemIndex), accountToJson);
}
