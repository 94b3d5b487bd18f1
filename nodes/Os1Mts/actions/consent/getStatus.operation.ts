import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem } from '../../../shared/items';
import { msisdnField, readMsisdn } from '../../helpers/fields';
import { consentGiven } from '../../helpers/times';
import { consent } from '../../transport/api';

const properties: INodeProperties[] = [msisdnField('The phone whose consent to check')];

export const description = updateDisplayOptions({ show: { resource: ['consent'], operation: ['getStatus'] } }, properties);

/**
 * getConsentStatus: whether tracking this phone is allowed now. `consentGiven` is true for OS1's
 * `allowed` and `granted` alike; check it when trace data stops unexpectedly (the driver may have revoked).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItem(this, async (itemIndex) => {
		const msisdn = readMsisdn(this, itemIndex);
		const { data } = await consent.status(this, msisdn, itemIndex);
		return { msisdn, ...data, consentGiven: consentGiven(data.consentStatus) };
	});
}
