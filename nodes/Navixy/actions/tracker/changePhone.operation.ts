import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue, requireMaxLength, requireNonEmptyString, type FieldRef } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';

/** Navixy's limit for the APN name, user and password. */
export const MAX_APN_LENGTH = 40;
const PHONE_PATTERN = /^\d{5,20}$/;
const PHONE_EXPECTED = "digits only in international format, without '+', spaces or dashes, 5 to 20 digits, e.g. 491701234567";

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
	{
		displayName: 'APN Name',
		name: 'apnName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'internet',
		description: "Access point name of the SIM card's mobile operator (at most 40 characters)",
	},
	{
		displayName: 'APN User',
		name: 'apnUser',
		type: 'string',
		default: '',
		description: 'User name for the access point, if the operator needs one (at most 40 characters)',
	},
	{
		displayName: 'APN Password',
		name: 'apnPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Password for the access point, if the operator needs one (at most 40 characters)',
	},
];

const displayOptions = { show: { resource: ['tracker'], operation: ['changePhone'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface PhoneChange {
	trackerId: number;
	phone: string;
	apnName: string;
	apnUser: string;
	apnPassword: string;
}

function readChange(context: IExecuteFunctions, itemIndex: number): PhoneChange {
	const ref = (parameter: string): FieldRef => ({ node: context.getNode(), parameter, itemIndex });
	const text = (name: string) => {
		const value = context.getNodeParameter(name, itemIndex, '') as unknown;
		return typeof value === 'number' ? String(value) : value;
	};
	const trackerId = readTrackerId(context, itemIndex);
	const rawPhone = text('phone');
	const phone = typeof rawPhone === 'string' ? rawPhone.trim() : rawPhone;
	if (typeof phone !== 'string' || !PHONE_PATTERN.test(phone)) throw invalidValue(ref('Phone'), rawPhone, PHONE_EXPECTED);
	const apnName = requireMaxLength(ref('APN Name'), requireNonEmptyString(ref('APN Name'), text('apnName')), MAX_APN_LENGTH);
	const apnUser = requireMaxLength(ref('APN User'), text('apnUser') as string, MAX_APN_LENGTH);
	// The password is never shown in an error: only its length is.
	const apnPassword = text('apnPassword');
	if (typeof apnPassword !== 'string' || Array.from(apnPassword).length > MAX_APN_LENGTH) {
		const length = typeof apnPassword === 'string' ? Array.from(apnPassword).length : 0;
		throw invalidValue(ref('APN Password'), `(hidden, ${length} characters)`, `at most ${MAX_APN_LENGTH} characters`);
	}
	return { trackerId, phone, apnName, apnUser, apnPassword };
}

/**
 * Sets the phone number of a tracker's SIM card and its mobile internet access point
 * (tracker/change_phone), one tracker per input item. The APN password never appears in errors or output.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readChange(this, itemIndex),
		async ({ trackerId, phone, apnName, apnUser, apnPassword }, itemIndex) => {
			const params = { tracker_id: trackerId, phone, apn_name: apnName, apn_user: apnUser, apn_password: apnPassword };
			await trackers.changePhone(this, params, itemIndex, apnPassword === '' ? [] : [apnPassword]);
			return { trackerId, phone, apn_name: apnName, apn_user: apnUser };
		},
	);
}
