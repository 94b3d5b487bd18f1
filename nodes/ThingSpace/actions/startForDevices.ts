import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../shared/batching';
import { stopOnInvalidInput } from '../../shared/items';
import type { DeviceInput, DeviceInputs, DeviceRef } from '../helpers/devices';
import { inInputOrder, type PairedEntry } from '../helpers/inputOrder';
import type { Transaction } from '../transport/api';

/**
 * Starting something for many devices (a periodic session, an asynchronous location request): the devices
 * of each account go out in requests of at most `maxPerRequest`, one request after another, each device
 * once. Such a request is not safe to repeat, so after the first one that fails nothing more is started,
 * and the error names the transactions already running (they run until stopped or cancelled by their id).
 * Output: one item per device, paired with its input item: deviceId, mdn, transactionId, status, accountName.
 */
export type StartRequest = (accountName: string, devices: DeviceRef[], itemIndex: number) => Promise<Transaction>;

interface Started {
	accountName: string;
	transaction: Transaction;
	count: number;
}

const keyOf = (input: DeviceInput) => `${input.accountName}\n${input.device.id}`;

/** The devices of each account, each IMEI once (the first input that named it), in input order. */
function byAccount(devices: DeviceInput[]): Map<string, DeviceInput[]> {
	const groups = new Map<string, DeviceInput[]>();
	const seen = new Set<string>();
	for (const input of devices) {
		if (seen.has(keyOf(input))) continue;
		seen.add(keyOf(input));
		const group = groups.get(input.accountName);
		if (group === undefined) groups.set(input.accountName, [input]);
		else group.push(input);
	}
	return groups;
}

function startedNote(started: Started[], what: string): string {
	if (started.length === 0) return `No earlier request of this run had started a ${what}.`;
	const list = started.map((entry) => `${entry.transaction.transactionId} (${entry.count} devices of ${entry.accountName})`).join(', ');
	return `Already started before this failure, and not undone: ${list}. Later requests were not sent.`;
}

export async function startForDevices(
	context: IExecuteFunctions,
	inputs: DeviceInputs,
	maxPerRequest: number,
	send: StartRequest,
	what: string,
): Promise<INodeExecutionData[]> {
	stopOnInvalidInput(context, inputs.invalid);
	const results = new Map<string, { accountName: string; transaction: Transaction }>();
	const started: Started[] = [];
	let failure: { error: Error; keys: Set<string>; itemIndex: number } | undefined;
	for (const [accountName, devices] of byAccount(inputs.devices)) {
		for (const part of chunk(devices, maxPerRequest)) {
			if (failure !== undefined) break;
			try {
				const transaction = await send(accountName, part.map((input) => input.device), part[0].itemIndex);
				started.push({ accountName, transaction, count: part.length });
				for (const input of part) results.set(keyOf(input), { accountName, transaction });
			} catch (error) {
				failure = { error: error as Error, keys: new Set(part.map(keyOf)), itemIndex: part[0].itemIndex };
			}
		}
	}
	if (failure !== undefined && !context.continueOnFail()) {
		const { error, itemIndex } = failure;
		const note = startedNote(started, what);
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			error.description = error.description ? `${error.description.replace(/\.$/, '')}. ${note}` : note;
			if (error.context) error.context.itemIndex = itemIndex;
			throw error;
		}
		throw new NodeOperationError(context.getNode(), error, { itemIndex, description: note });
	}

	const entries: PairedEntry[] = inputs.invalid.map(({ itemIndex, error }) => ({
		itemIndex,
		json: { error: error.message },
	}));
	for (const input of inputs.devices) {
		const result = results.get(keyOf(input));
		const base = { deviceId: input.device.id, mdn: input.device.mdn ?? null };
		if (result !== undefined) {
			const { transactionId, status } = result.transaction;
			entries.push({ itemIndex: input.itemIndex, json: { ...base, transactionId, status, accountName: result.accountName } });
		} else if (failure?.keys.has(keyOf(input))) {
			entries.push({ itemIndex: input.itemIndex, json: { ...base, error: failure.error.message } });
		} else {
			entries.push({ itemIndex: input.itemIndex, json: { ...base, error: `Not sent: an earlier request failed (${failure?.error.message ?? 'unknown error'})` } });
		}
	}
	return inInputOrder(entries);
}
