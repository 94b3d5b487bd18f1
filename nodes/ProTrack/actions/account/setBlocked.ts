import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readAccount } from '../../helpers/account';
import { setAccountBlocked } from '../../transport/api';

/** Block or Unblock: one request per item; doing it twice leaves the same state, so it is safe to repeat. */
export async function setBlocked(context: IExecuteFunctions, blocked: boolean): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		context,
		(itemIndex) => readAccount(context, itemIndex, true) as string,
		async (account, itemIndex) => {
			await setAccountBlocked(context, account, blocked, itemIndex);
			return { account, blocked };
		},
	);
}
