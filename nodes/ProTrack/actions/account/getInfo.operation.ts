import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { accountPicker, accountToJson, asRecord, readAccount } from '../../helpers/account';
import { accountInfo } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';

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
			const record = await accountInfo(this, account, itemIndex);
			return accountToJson(asRecord(this, record, `information for the account "${account}"`, itemIndex));
		},
	);
}

/** The account of the ProTrack credential (what the Open API means by "your" account). */
async function credentialAccount(context: IExecuteFunctions): Promise<string> {
	return String((await context.getCredentials(CREDENTIAL_TYPE)).account ?? '').trim();
}
