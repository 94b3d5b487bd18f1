import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { stopOnInvalidInput } from '../../../shared/items';
import { parseIdList, requireNonEmptyString, type FieldRef } from '../../../shared/validation';
import { inInputOrder, type PairedEntry } from '../../helpers/inputOrder';
import { accountNameField, MDN_EXPECTED, MDN_PATTERN, perItemParameter, readMdn, resolveAccountName } from '../../helpers/devices';
import { LIMITS, periodic, type Transaction } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';

const listMode = { deviceSource: ['list'] };
const itemsMode = { deviceSource: ['items'] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Sent as DELETE /devicelocations/action/periodic/{transactionID}?accountName=… with the JSON body {"mdn": [...]}, at most 100 MDNs per request (the document leaves the exact shape open). ThingSpace confirms each device with a Stop Periodic Location Response callback.',
		name: 'stopNotice',
		type: 'notice',
		default: '',
	},
	accountNameField({}),
	{
		displayName: 'Devices From',
		name: 'deviceSource',
		type: 'options',
		options: [
			{ name: 'Input Items', value: 'items', description: 'One device per input item, e.g. the output of Start' },
			{ name: 'List', value: 'list', description: 'One session and a list of its MDNs' },
		],
		default: 'items',
	},
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		default: '={{ $json.transactionId }}',
		required: true,
		description: 'The transaction ID Start returned for the session',
	},
	{
		displayName: 'MDN',
		name: 'mdn',
		type: 'string',
		default: '={{ $json.mdn }}',
		required: true,
		placeholder: '5557337468',
		description: "The device's 10-digit MDN: ThingSpace stops periodic location by MDN",
		displayOptions: { show: itemsMode },
	},
	{
		displayName: 'MDNs',
		name: 'mdns',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: '5557337468, 5557337469',
		description: 'MDNs of devices of the session, separated by commas or new lines',
		displayOptions: { show: listMode },
	},
];

const displayOptions = { show: { resource: ['periodicLocation'], operation: ['stop'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface StopEntry {
	itemIndex: number;
	accountName: string;
	transactionId: string;
	mdn: string;
}

const sessionKey = (entry: StopEntry) => `${entry.accountName}\n${entry.transactionId}`;

function readEntries(context: IExecuteFunctions, defaultAccount: unknown): { entries: StopEntry[]; invalid: Array<{ itemIndex: number; error: Error }> } {
	const node = context.getNode();
	const ref = (parameter: string, itemIndex: number): FieldRef => ({ node, parameter, itemIndex });
	const [accountOf, transactionOf, mdnOf] = ['accountName', 'transactionId', 'mdn'].map((name) => perItemParameter(context, name, ''));
	const session = (itemIndex: number) => ({
		accountName: resolveAccountName(ref('Account Name', itemIndex), accountOf(itemIndex), defaultAccount),
		transactionId: requireNonEmptyString(ref('Transaction ID', itemIndex), transactionOf(itemIndex)),
	});
	if (context.getNodeParameter('deviceSource', 0, 'items') === 'list') {
		const { accountName, transactionId } = session(0);
		const raw = context.getNodeParameter('mdns', 0, '');
		const mdns = parseIdList(ref('MDNs', 0), raw, MDN_PATTERN, MDN_EXPECTED);
		return { entries: [...new Set(mdns)].map((mdn) => ({ itemIndex: 0, accountName, transactionId, mdn })), invalid: [] };
	}
	const entries: StopEntry[] = [];
	const invalid: Array<{ itemIndex: number; error: Error }> = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			const mdn = readMdn(ref('MDN', itemIndex), mdnOf(itemIndex), true) as string;
			entries.push({ itemIndex, ...session(itemIndex), mdn });
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	return { entries, invalid };
}

/**
 * Stops periodic location (DELETE /devicelocations/action/periodic/{transactionID}?accountName= with the
 * body {"mdn": [...]}: the document's 100 MDNs per request). Devices are grouped by session, each MDN sent
 * once, so ⌈MDNs/100⌉ requests per session. Stopping again leaves a device stopped, so a request that
 * meets a gateway fault is retried; a refused request fails only its devices (error items under Continue
 * On Fail), the other requests still go out. Output: one item per device with its session's transaction
 * id and the stop's own transaction id; ThingSpace confirms each device in a callback.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const { entries, invalid } = readEntries(this, credentials.accountName);
	stopOnInvalidInput(this, invalid);

	const sessions = new Map<string, StopEntry[]>();
	for (const entry of entries) {
		const members = sessions.get(sessionKey(entry));
		if (members === undefined) sessions.set(sessionKey(entry), [entry]);
		else members.push(entry);
	}
	const outcomes = new Map<string, { stop?: Transaction; error?: Error }>();
	for (const [key, members] of sessions) {
		const { accountName, transactionId } = members[0];
		const firstItem = new Map<string, number>();
		for (const member of members) if (!firstItem.has(member.mdn)) firstItem.set(member.mdn, member.itemIndex);
		for (const mdns of chunk([...firstItem.keys()], LIMITS.stopMdns)) {
			try {
				const stop = await periodic.stop(this, accountName, transactionId, mdns, firstItem.get(mdns[0]));
				for (const mdn of mdns) outcomes.set(`${key}\n${mdn}`, { stop });
			} catch (error) {
				for (const mdn of mdns) outcomes.set(`${key}\n${mdn}`, { error: error as Error });
			}
		}
	}

	const failed = entries
		.filter((entry) => outcomes.get(`${sessionKey(entry)}\n${entry.mdn}`)?.error !== undefined)
		.map((entry) => ({ itemIndex: entry.itemIndex, error: outcomes.get(`${sessionKey(entry)}\n${entry.mdn}`)?.error as Error }));
	stopOnInvalidInput(this, failed);

	const items: PairedEntry[] = invalid.map(({ itemIndex, error }) => ({ itemIndex, json: { error: error.message } }));
	for (const entry of entries) {
		const outcome = outcomes.get(`${sessionKey(entry)}\n${entry.mdn}`);
		const base = { accountName: entry.accountName, transactionId: entry.transactionId, mdn: entry.mdn };
		items.push({
			itemIndex: entry.itemIndex,
			json: outcome?.stop
				? { ...base, stopTransactionId: outcome.stop.transactionId, status: outcome.stop.status }
				: { ...base, error: outcome?.error?.message ?? 'Not stopped' },
		});
	}
	return inInputOrder(items);
}
