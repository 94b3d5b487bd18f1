import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { redactSecrets } from '../../../shared/errors';
import { operationError } from '../../../shared/validation';
import { perItemAfterValidation } from '../../helpers/validateFirst';
import { proTrackRequest } from '../../transport';
import { md5Hex } from '../../transport/authorization';
import { accountPicker, readAccount } from './common';

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
 * The same failure without the secrets: the provider might echo the parameters in its message, and
 * n8n shows the message, the description and the provider's answer.
 */
function withoutSecrets(
	context: IExecuteFunctions,
	error: unknown,
	secrets: string[],
	itemIndex: number,
): NodeApiError {
	const known = error as Partial<NodeApiError> & { message?: string };
	const clean = (text: unknown) => (typeof text === 'string' ? redactSecrets(text, secrets) : undefined);
	const message = clean(known.message) ?? 'Setting the password failed';
	const description = clean(known.description) ?? undefined;
	const httpCode = typeof known.httpCode === 'string' ? known.httpCode : undefined;
	const safe = new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex,
	});
	safe.message = message;
	safe.description = description;
	const providerCode = known.context?.providerCode;
	if (providerCode !== undefined) safe.context.providerCode = providerCode;
	return safe;
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
			const secrets = [newPassword, passwordMd5];
			try {
				await proTrackRequest.call(this, {
					method: 'POST',
					path: '/api/user/password/set',
					params: { account, password: passwordMd5 },
					safeToRepeat: true,
					itemIndex,
					secrets,
				});
			} catch (error) {
				throw withoutSecrets(this, error, secrets, itemIndex);
			}
			return { account, passwordChanged: true };
		},
	);
}
