import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import {
	invalidValue,
	operationError,
	requireMaxLength,
	requireNonEmptyString,
} from '../../../shared/validation';
import { perItemAfterValidation } from '../../../shared/items';
import { sendMessage } from '../../transport/api';

/** The Open API's limits for platform messages. */
export const MAX_ACCOUNTS_PER_REQUEST = 200;
export const MAX_CONTENT_LENGTH = 300;

const properties: INodeProperties[] = [
	{
		displayName: 'Accounts',
		name: 'accounts',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'driver1, driver2',
		description:
			'Platform accounts to send the message to, separated by commas (or a list from an expression). More than 200 are sent in several requests.',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		description: 'The message text, at most 300 characters',
	},
];

const displayOptions = { show: { resource: ['message'], operation: ['send'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface OutgoingMessage {
	accounts: string[];
	content: string;
}

/**
 * Sends each input item's message to its accounts, at most 200 accounts per request. Never
 * re-sent after a server error: the accounts might get the message twice.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readMessage(this, itemIndex),
		async ({ accounts, content }, itemIndex) => {
			const groups = chunk(accounts, MAX_ACCOUNTS_PER_REQUEST);
			let requestsDone = 0;
			try {
				for (const group of groups) {
					await sendMessage(this, group, content, itemIndex);
					requestsDone++;
				}
			} catch (error) {
				throw partlySent(this, error, { requestsDone, requests: groups.length, accounts: accounts.length, itemIndex });
			}
			return {
				accounts: accounts.length,
				requests: groups.length,
				contentLength: Array.from(content).length,
				sent: true,
			};
		},
	);
}

/**
 * A failure after some requests went through names how far it got, so that nobody resends to the
 * accounts that already have the message. A failure of the first request is returned as it is.
 */
function partlySent(
	context: IExecuteFunctions,
	error: unknown,
	progress: { requestsDone: number; requests: number; accounts: number; itemIndex: number },
): NodeApiError | NodeOperationError {
	const { requestsDone, requests, accounts, itemIndex } = progress;
	if (requestsDone === 0) {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
		return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
	const done = requestsDone * MAX_ACCOUNTS_PER_REQUEST;
	return operationError(
		context.getNode(),
		`The message reached the first ${done} of ${accounts} accounts (${requestsDone} of ${requests} requests), then sending failed: ${(error as Error).message}`,
		{ itemIndex, description: `Resend only to the accounts after the first ${done}` },
	);
}

function readMessage(context: IExecuteFunctions, itemIndex: number): OutgoingMessage {
	const node = context.getNode();
	const accounts = readAccounts(context, itemIndex);
	const ref = { node, parameter: 'Content', itemIndex };
	const raw = context.getNodeParameter('content', itemIndex) as unknown;
	requireNonEmptyString(ref, raw);
	return { accounts, content: requireMaxLength(ref, raw as string, MAX_CONTENT_LENGTH) };
}

/**
 * Account names from comma-separated text or a list; blanks are skipped and repeats sent once.
 * The document says nothing about which characters a name may hold, so only commas are special.
 */
function readAccounts(context: IExecuteFunctions, itemIndex: number): string[] {
	const ref = { node: context.getNode(), parameter: 'Accounts', itemIndex };
	const raw = context.getNodeParameter('accounts', itemIndex) as unknown;
	const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
	const names: string[] = [];
	for (const value of values) {
		if (value === null || value === undefined) continue;
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw invalidValue(ref, value, 'account names separated by commas, or a list of names');
		}
		names.push(...String(value).split(','));
	}
	const accounts = [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
	if (accounts.length === 0) {
		throw invalidValue(ref, raw, 'at least one account name; separate several with commas');
	}
	return accounts;
}
