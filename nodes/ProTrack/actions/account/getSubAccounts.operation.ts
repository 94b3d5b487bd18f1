import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireIntegerInRange } from '../../../shared/validation';
import { perItemAfterValidation } from '../../helpers/validateFirst';
import { proTrackRequest } from '../../transport';
import { accountPicker, accountToJson, readAccount } from './common';

const properties: INodeProperties[] = [
	accountPicker('Whose sub-accounts to list. Leave empty for the account of the credential', false),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

const displayOptions = { show: { resource: ['account'], operation: ['getSubAccounts'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface ListQuery {
	account?: string;
	limit?: number;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): ListQuery {
	const account = readAccount(context, itemIndex, false);
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: requireIntegerInRange(
				{ node: context.getNode(), parameter: 'Limit', itemIndex },
				context.getNodeParameter('limit', itemIndex, 50),
				1,
				Number.MAX_SAFE_INTEGER,
			);
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
