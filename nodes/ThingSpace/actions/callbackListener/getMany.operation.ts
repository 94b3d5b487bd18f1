import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { accountNameField, resolveAccountName } from '../../helpers/devices';
import { listeners } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';

const properties: INodeProperties[] = [accountNameField({})];

const displayOptions = { show: { resource: ['callbackListener'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The account's callback listeners (GET /callbacks/{accountName}): one item per listener. ThingSpace
 * answers an empty body, not an empty list, when none is registered: then there are no items.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	return await perItemAfterValidation(
		this,
		(itemIndex) =>
			resolveAccountName({ node, parameter: 'Account Name', itemIndex }, this.getNodeParameter('accountName', itemIndex, ''), credentials.accountName),
		async (accountName, itemIndex) =>
			(await listeners.list(this, accountName, itemIndex)).map((listener) => ({ accountName, name: listener.name, url: listener.url })),
	);
}
