import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem } from '../../../shared/items';
import { msisdnField, readMsisdn } from '../../helpers/fields';
import { consentGiven, withIsoFields } from '../../helpers/times';
import { consent } from '../../transport/api';

const properties: INodeProperties[] = [msisdnField('The phone whose consent to read')];

export const description = updateDisplayOptions({ show: { resource: ['consent'], operation: ['get'] } }, properties);

/** retrieveConsent: the consent's status with when it was requested, received and when it expires (ISO). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItem(this, async (itemIndex) => {
		const msisdn = readMsisdn(this, itemIndex);
		const { data } = await consent.get(this, msisdn, itemIndex);
		return {
			msisdn,
			...withIsoFields(data, ['expiryAt', 'consentRequestedAt', 'consentReceivedAt']),
			consentGiven: consentGiven(data.consentStatus),
		};
	});
}
