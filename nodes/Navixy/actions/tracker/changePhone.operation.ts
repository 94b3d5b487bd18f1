import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { APN_FIELDS, checkPhone, readApn } from '../../helpers/sim';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';


const properties: INodeProperties[] = [
	trackerLocator({}),
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: '491701234567',
		description:
			"Phone number of the tracker's SIM card in international format, digits only: no '+', spaces or dashes (e.g. 491701234567 for +49 170 1234567)",
	},
	...APN_FIELDS,
];

const displayOptions = { show: { resource: ['tracker'], operation: ['changePhone'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function readChange(context: IExecuteFunctions, itemIndex: number) {
	const trackerId = readTrackerId(context, itemIndex);
	const phone = checkPhone({ node: context.getNode(), parameter: 'Phone', itemIndex }, context.getNodeParameter('phone', itemIndex, ''));
	return { trackerId, phone, ...readApn(context, itemIndex) };
}

/**
 * Sets the phone number of a tracker's SIM card and its mobile internet access point
 * (tracker/change_phone), one tracker per input item. The APN password never appears in errors or output.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readChange(this, itemIndex),
		async ({ trackerId, phone, params, secrets }, itemIndex) => {
			await trackers.changePhone(this, { tracker_id: trackerId, phone, ...params }, itemIndex, secrets);
			return { trackerId, phone, apn_name: params.apn_name, apn_user: params.apn_user };
		},
	);
}
