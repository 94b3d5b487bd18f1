import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { requireMatch } from '../../../shared/validation';
import { accountNameField, resolveAccountName } from '../../helpers/devices';
import { headerOf, listeners, type ListenerName } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';
import { LISTENER_NAME_FIELD, readListenerName, SHARED_KEY_HEADER } from './listenerFields';

const properties: INodeProperties[] = [
	accountNameField({}),
	LISTENER_NAME_FIELD,
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/thingspace/callbacks',
		description:
			'Where ThingSpace sends the callbacks. It replaces the listener of this name, if the account has one. To start workflows on callbacks, use the ThingSpace Trigger instead: it registers itself.',
	},
];

const displayOptions = { show: { resource: ['callbackListener'], operation: ['register'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Registers a callback listener (POST /callbacks/{accountName}). An account has one listener per name, so
 * this replaces any listener of that name. The output includes the shared key ThingSpace answered in the
 * VZ-Shared-Key header: the secret the callbacks to that URL are signed with.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	return await perItemAfterValidation(
		this,
		(itemIndex) => {
			const ref = (parameter: string) => ({ node, parameter, itemIndex });
			return {
				accountName: resolveAccountName(ref('Account Name'), this.getNodeParameter('accountName', itemIndex, ''), credentials.accountName),
				name: readListenerName(this, itemIndex),
				url: requireMatch(ref('URL'), this.getNodeParameter('url', itemIndex, ''), /https?:\/\/\S+/i, 'an http:// or https:// URL'),
			};
		},
		async ({ accountName, name, url }: { accountName: string; name: ListenerName; url: string }, itemIndex) => {
			const answer = await listeners.register(this, accountName, name, url, itemIndex);
			return { accountName, name, url, sharedKey: headerOf(answer.headers, SHARED_KEY_HEADER) ?? null };
		},
	);
}
