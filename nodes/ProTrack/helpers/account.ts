import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withIsoTimes } from '../../shared/time';
import { invalidValue, operationError, requireNonEmptyString } from '../../shared/validation';

/**
 * The account picker shared by the Account operations and Device > Get Many: a list of the
 * credential account's sub-accounts (loadOptions method getSubAccounts), or any account name given
 * by an expression. `lead` is the first sentence of the description.
 */
export function accountPicker(lead: string, required: boolean): INodeProperties {
	return {
		displayName: 'Account Name or ID',
		name: 'account',
		type: 'options',
		// An optional picker offers the credential's own account (empty) first.
		typeOptions: { loadOptionsMethod: required ? 'getSubAccounts' : 'getAccountsOrOwn' },
		default: '',
		required,
		description: `${lead}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/**
 * The Account parameter of one item, trimmed. Empty gives undefined when the parameter is optional
 * and an error naming the parameter when it is required.
 */
export function readAccount(
	context: IExecuteFunctions,
	itemIndex: number,
	required: boolean,
): string | undefined {
	const ref = { node: context.getNode(), parameter: 'Account', itemIndex };
	const value = context.getNodeParameter('account', itemIndex, '') as unknown;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value !== undefined && value !== null && typeof value !== 'string') {
		throw invalidValue(ref, value, 'an account name');
	}
	const text = (value ?? '').trim();
	if (text === '' && !required) return undefined;
	return requireNonEmptyString(ref, text);
}

/** `roletype` of account information and sub-account lists. */
const ROLES: Readonly<Record<string, string>> = {
	'1': 'distributor',
	'2': 'endUser',
	'3': 'virtual',
};

/** `blockstatus`: 0 blocked, 1 not blocked; anything else is unknown (null). */
function isBlocked(blockstatus: unknown): boolean | null {
	const status = String(blockstatus);
	if (status === '0') return true;
	if (status === '1') return false;
	return null;
}

/** One account record as output: the raw fields, createtimeIso, and role and blocked in words. */
export function accountToJson(record: IDataObject): IDataObject {
	return {
		...withIsoTimes(record, ['createtime']),
		role: ROLES[String(record.roletype)] ?? 'unknown',
		blocked: isBlocked(record.blockstatus),
	};
}

/** The `record` of an answer that should hold one object; a clear error when it does not. */
export function asRecord(context: IExecuteFunctions, record: unknown, what: string, itemIndex: number): IDataObject {
	if (typeof record === 'object' && record !== null && !Array.isArray(record)) return record as IDataObject;
	throw operationError(context.getNode(), `ProTrack returned no ${what}`, { itemIndex });
}
