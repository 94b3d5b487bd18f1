import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { perItemAfterValidation } from '../../../shared/items';
import { proTrackRequest } from '../../transport';
import { accountPicker, accountToJson, readAccount } from './common';

const properties: INodeProperties[] = [
	accountPicker('Whose sub-accounts to list. Leave empty for the account of the credential', false),
	...returnAllAndLimit(),
];

const displayOptions = { show: { resource: ['account'], operation: ['getSubAccounts'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface ListQuery {
	account?: string;
	limit?: number;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): ListQuery {
	const account = readAccount(context, itemIndex, false);
	const limit = readLimit(context, itemIndex);
	return { account, limit };
}

/**
 * The accounts below an account, one output item each (the Open API returns at most 500, and like
 * the document's example it lists the account itself first).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readQuery(this, itemIndex),
		async ({ account, limit }, itemIndex) => {
			const envelope = await proTrackRequest.call(this, {
				method: 'GET',
				path: '/api/user/list',
				params: account === undefined ? {} : { account },
				itemIndex,
			});
			const records = Array.isArray(envelope.record) ? (envelope.record as IDataObject[]) : [];
			return records.slice(0, limit).map(accountToJson);
		},
	);
}
