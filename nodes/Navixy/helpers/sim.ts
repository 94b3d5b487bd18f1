import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidValue, operationError, type FieldRef } from '../../shared/validation';

/**
 * A tracker's SIM card settings as Navixy takes them (Change Phone, the registration retries, plugin
 * fields): the phone number in international format without '+', and the APN name, user and password,
 * each at most 40 characters. A password is never shown in an error, only its length.
 */
export const MAX_APN_LENGTH = 40;
const PHONE_PATTERN = /^\d{5,20}$/;
const PHONE_EXPECTED = "digits only in international format, without '+', spaces or dashes, 5 to 20 digits, e.g. 491701234567";
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** A refused secret: the message gives its length, never its value. */
export function invalidSecret(fieldRef: FieldRef, value: string, expected: string) {
	const message = `Invalid value for "${fieldRef.parameter}": ${Array.from(value).length} hidden characters (expected ${expected})`;
	return operationError(fieldRef.node, message, { itemIndex: fieldRef.itemIndex });
}

/** APN name, user or password: at most 40 printable characters (the name not empty). */
export function checkApn(fieldRef: FieldRef, value: string, mayBeEmpty: boolean, secret = false): string {
	const length = Array.from(value).length;
	if (length > MAX_APN_LENGTH || (!mayBeEmpty && value.trim() === '') || CONTROL_CHARACTERS.test(value)) {
		const expected = `${mayBeEmpty ? '0' : '1'} to ${MAX_APN_LENGTH} printable characters`;
		throw secret ? invalidSecret(fieldRef, value, expected) : invalidValue(fieldRef, value, expected);
	}
	return value;
}

/** A SIM phone number: digits only, no '+'. */
export function checkPhone(fieldRef: FieldRef, value: unknown): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || !PHONE_PATTERN.test(text)) throw invalidValue(fieldRef, value, PHONE_EXPECTED);
	return text;
}

/** APN name, user and password fields. */
export const APN_FIELDS: INodeProperties[] = [
	{
		displayName: 'APN Name',
		name: 'apnName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'internet',
		description: "Access point name of the SIM card's mobile operator, at most 40 characters",
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

/** The APN parameters of one item as Navixy takes them, and the password as a secret. */
export function readApn(context: IExecuteFunctions, itemIndex: number): { params: IDataObject; secrets: string[] } {
	const ref = (parameter: string): FieldRef => ({ node: context.getNode(), parameter, itemIndex });
	const text = (name: string) => {
		const raw = context.getNodeParameter(name, itemIndex, '');
		return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
	};
	const password = checkApn(ref('APN Password'), text('apnPassword'), true, true);
	return {
		params: {
			apn_name: checkApn(ref('APN Name'), text('apnName').trim(), false),
			apn_user: checkApn(ref('APN User'), text('apnUser').trim(), true),
			apn_password: password,
		},
		secrets: password === '' ? [] : [password],
	};
}
