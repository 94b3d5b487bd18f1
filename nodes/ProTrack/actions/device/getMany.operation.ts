import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/listFields';
import { accountPicker } from '../../helpers/account';
import { deviceToJson } from '../../helpers/deviceRecord';
import { listDevices } from '../../transport/api';
import { listPerAccount } from '../listPerAccount';

const properties: INodeProperties[] = [
	accountPicker(
		"Whose devices to list. Leave empty for the credential's account",
		false,
	),
	...returnAllAndLimit('ProTrack returns at most 500 devices per account'),
];

const displayOptions = { show: { resource: ['device'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The devices of an account, one output item each (the Open API returns at most 500). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listPerAccount(this, async (account, itemIndex) => await listDevices(this, account, itemIndex), deviceToJson);
}
