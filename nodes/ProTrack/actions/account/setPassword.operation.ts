import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationError } from '../../../shared/validation';
import { perItemAfterValidation } from '../../../shared/items';
import { accountPicker, readAccount } from '../../helpers/account';
import { md5Hex } from '../../helpers/signature';
import { setAccountPassword } from '../../transport/api';

const properties: INodeProperties[] = [
	accountPicker('The sub-account whose password to change', true),
	{
		displayName: 'New Password',
		name: 'newPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The new password. Only its MD5 hash is sent, and neither appears in the output.',
	},
];

const displayOptions = { show: { resource: ['account'], operation: ['setPassword'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface PasswordChange {
	account: string;
	newPassword: string;
}

/** Reads the item's parameters; error messages never repeat the password. */
function readChange(context: IExecuteFunctions, itemIndex: number): PasswordChange {
	const account = readAccount(context, itemIndex, true) as string;
	const value = context.getNodeParameter('newPassword', itemIndex, '') as unknown;
	const newPassword = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof newPassword !== 'string' || newPassword === '') {
		throw operationError(
			context.getNode(),
			'Invalid value for "New Password": expected a non-empty text (the value is not shown here)',
			{ itemIndex },
		);
	}
	return { account, newPassword };
}

/**
 * Sets the password of one sub-account per input item. The Open API takes md5(password) in 32
 * lower-case hex; setting the same password twice is harmless, so the call may be retried.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readChange(this, itemIndex),
		async ({ account, newPassword }, itemIndex) => {
			const passwordMd5 = md5Hex(newPassword);
			// The transport keeps both out of any error message.
			await setAccountPassword(this, account, passwordMd5, [newPassword, passwordMd5], itemIndex);
			return { account, passwordChanged: true };
		},
	);
}
