import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { perItemAfterValidation } from '../../../shared/items';
import { proTrackRequest } from '../../transport';
import { accountPicker, readAccount } from '../account/common';
import { deviceToJson } from './deviceInfo';

const properties: INodeProperties[] = [
	accountPicker(
		"Whose devices to list. Leave empty for the credential's account",
		false,
	),
	...returnAllAndLimit('ProTrack returns at most 500 devices per account'),
];

const displayOptions = { show: { resource: ['device'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface ListQuery {
	account?: string;
	limit?: number;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): ListQuery {
	const account = readAccount(context, itemIndex, false);
	const limit = readLimit(context, itemIndex);
	return { account, limit };
}

/** The devices of an account, one output item each (the Open API returns at most 500). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readQuery(this, itemIndex),
		async ({ account, limit }, itemIndex) => {
			const envelope = await proTrackRequest.call(this, {
				method: 'GET',
				path: '/api/device/list',
				params: account === undefined ? {} : { account },
				itemIndex,
			});
			const records = Array.isArray(envelope.record) ? (envelope.record as IDataObject[]) : [];
			return records.slice(0, limit).map(deviceToJson);
		},
	);
}
