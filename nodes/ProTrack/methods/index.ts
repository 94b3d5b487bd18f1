import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { withReadablePickerErrors } from '../../shared/pickerErrors';
import { listDevices, listSubAccounts } from '../transport/api';

function matches(filter: string | undefined, ...fields: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return fields.some((field) => String(field ?? '').toLowerCase().includes(needle));
}

/** Device picker: the account's devices (the API returns at most 500), filtered by IMEI, name or plate. */
export async function searchDevices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const devices = await withReadablePickerErrors(this, async () => await listDevices(this));
	return {
		results: devices
			.filter((device) => matches(filter, device.imei, device.devicename, device.platenumber))
			.map((device) => ({
				name: [device.devicename, device.platenumber].filter(Boolean).join(' · ') || String(device.imei),
				value: String(device.imei),
				description: String(device.imei),
			})),
	};
}

/** Sub-accounts of the credential's account, for account pickers. */
export async function getSubAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await withReadablePickerErrors(this, async () => await listSubAccounts(this));
	return users.map((user) => ({
		name: user.username ? `${user.account} (${user.username})` : String(user.account),
		value: String(user.account),
	}));
}

/**
 * For optional account pickers, where empty means the credential's own account: that choice first
 * (value ''), then the sub-accounts. Without it n8n flags the empty default as an unsupported value.
 */
export async function getAccountsOrOwn(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const own: INodePropertyOptions = { name: "The Credential's Account", value: '' };
	return [own, ...(await getSubAccounts.call(this))];
}
