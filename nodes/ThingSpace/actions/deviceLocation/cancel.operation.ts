import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { stopOnInvalidInput } from '../../../shared/items';
import { requireNonEmptyString } from '../../../shared/validation';
import { accountNameField, perItemParameter, resolveAccountName } from '../../helpers/devices';
import { inInputOrder, type PairedEntry } from '../../helpers/inputOrder';
import { locations, type Transaction } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';

const properties: INodeProperties[] = [
	accountNameField({}),
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		default: '={{ $json.transactionId }}',
		required: true,
		description: 'The transaction ID of the asynchronous location request (the output of Request)',
	},
];

const displayOptions = { show: { resource: ['deviceLocation'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Cancels asynchronous location requests (DELETE /devicelocations/{txid}?accountName=). Input items naming
 * the same transaction (e.g. every device of one Request) cancel it once; each item gets the answer.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	const asked: Array<{ itemIndex: number; accountName: string; transactionId: string }> = [];
	const invalid: Array<{ itemIndex: number; error: Error }> = [];
	const [accountOf, transactionOf] = ['accountName', 'transactionId'].map((name) => perItemParameter(this, name, ''));
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		try {
			const ref = (parameter: string) => ({ node, parameter, itemIndex });
			asked.push({
				itemIndex,
				accountName: resolveAccountName(ref('Account Name'), accountOf(itemIndex), credentials.accountName),
				transactionId: requireNonEmptyString(ref('Transaction ID'), transactionOf(itemIndex)),
			});
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	stopOnInvalidInput(this, invalid);

	const outcomes = new Map<string, { answer?: Transaction; error?: Error }>();
	for (const { itemIndex, accountName, transactionId } of asked) {
		const key = `${accountName}\n${transactionId}`;
		if (outcomes.has(key)) continue;
		try {
			outcomes.set(key, { answer: await locations.cancel(this, accountName, transactionId, itemIndex) });
		} catch (error) {
			outcomes.set(key, { error: error as Error });
		}
	}
	const failed = asked
		.map(({ itemIndex, accountName, transactionId }) => ({ itemIndex, error: outcomes.get(`${accountName}\n${transactionId}`)?.error }))
		.filter((entry): entry is { itemIndex: number; error: Error } => entry.error !== undefined);
	stopOnInvalidInput(this, failed);

	const entries: PairedEntry[] = invalid.map(({ itemIndex, error }) => ({ itemIndex, json: { error: error.message } }));
	for (const { itemIndex, accountName, transactionId } of asked) {
		const outcome = outcomes.get(`${accountName}\n${transactionId}`);
		entries.push({
			itemIndex,
			json: outcome?.answer
				? { accountName, transactionId, status: outcome.answer.status }
				: { accountName, transactionId, error: outcome?.error?.message ?? 'Not cancelled' },
		});
	}
	return inInputOrder(entries);
}
