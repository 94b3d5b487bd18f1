import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { callbackFields, msisdnField, readCallback, readMsisdn } from '../../helpers/fields';
import { consent } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';

const properties: INodeProperties[] = [
	msisdnField('The phone to ask: OS1 sends it an SMS to reply to'),
	...callbackFields(false),
];

export const description = updateDisplayOptions({ show: { resource: ['consent'], operation: ['request'] } }, properties);

/**
 * requestConsent: OS1 texts the phone, whose reply grants or denies tracking. Every item is checked before
 * the first SMS goes out; the answer's status (`initiated`) comes back with the MSISDN.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({ msisdn: readMsisdn(this, itemIndex), callback: readCallback(this, itemIndex, credentials) }),
		async ({ msisdn, callback }, itemIndex) => {
			const { data } = await consent.request(this, msisdn, callback, itemIndex);
			return { msisdn, ...data, callbackUrl: callback?.url ?? null };
		},
	);
}
