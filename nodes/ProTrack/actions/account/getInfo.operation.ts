import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { proTrackRequest } from '../../transport';
import { accountPicker, accountToJson, asRecord, credentialAccount, readAccount } from './common';

const properties: INodeProperties[] = [
	accountPicker('The account to describe: yours or one below it. Leave empty for the account of the credential', false),
];

const displayOptions = { show: { resource: ['account'], operation: ['getInfo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Brief information on one account per input item, with its role and block status in words. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let ownAccount: string | undefined;
	return await perItemAfterValidation(
		this,
		(itemIndex) => readAccount(this, itemIndex, false),
		async (chosen, itemIndex) => {
			const account = chosen ?? (ownAccount ??= await credentialAccount(this));
			const envelope = await proTrackRequest.call(this, {
				method: 'GET',
				path: '/api/user/info',
				params: { account },
				itemIndex,
			});
			return accountToJson(asRecord(this, envelope.record, `information for the account "${account}"`, itemIndex));
		},
	);
}
