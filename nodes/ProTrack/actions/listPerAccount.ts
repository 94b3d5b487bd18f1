import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItemAfterValidation } from '../../shared/items';
import { readLimit } from '../../shared/listFields';
import { readAccount } from '../helpers/account';

/**
 * A list that takes an optional account (the devices or the sub-accounts of an account): one request
 * per input item, one output item per record, up to the item's limit. Used by Device and Account.
 */
export async function listPerAccount(
	context: IExecuteFunctions,
	list: (account: string | undefined, itemIndex: number) => Promise<IDataObject[]>,
	toJson: (record: IDataObject) => IDataObject,
): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		context,
		(itemIndex) => ({ account: readAccount(context, itemIndex, false), limit: readLimit(context, itemIndex) }),
		async ({ account, limit }, itemIndex) => (await list(account, itemIndex)).slice(0, limit).map(toJson),
	);
}
