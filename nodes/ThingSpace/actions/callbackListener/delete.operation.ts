import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { accountNameField, resolveAccountName } from '../../helpers/devices';
import { listeners, type ListenerName } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';
import { LISTENER_NAME_FIELD, readListenerName } from './listenerFields';

const properties: INodeProperties[] = [accountNameField({}), LISTENER_NAME_FIELD];

const displayOptions = { show: { resource: ['callbackListener'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Removes the account's listener of a name (DELETE /callbacks/{accountName}/name/{name}); none registered is ThingSpace's 400. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({
			accountName: resolveAccountName({ node, parameter: 'Account Name', itemIndex }, this.getNodeParameter('accountName', itemIndex, ''), credentials.accountName),
			name: readListenerName(this, itemIndex),
		}),
		async ({ accountName, name }: { accountName: string; name: ListenerName }, itemIndex) => {
			await listeners.remove(this, accountName, name, itemIndex);
			return { accountName, name, deleted: true };
		},
	);
}
