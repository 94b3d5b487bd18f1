import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { KeyedResult } from './batching';

type ItemError = Error & { context?: IDataObject };

/** An error that says which input item failed (NodeApiError/NodeOperationError keep their own). */
function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const known = error as ItemError;
		if (known.context) known.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs `run` for each input item and pairs what it returns (one object, or a list) with that item.
 * A failing item becomes an error item under "Continue On Fail"; otherwise the node fails with the
 * item's index. No input item disappears silently.
 */
export async function perItem(
	context: IExecuteFunctions,
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const itemCount = context.getInputData().length;
	let failure: Error | undefined;
	for (let itemIndex = 0; itemIndex < itemCount && failure === undefined; itemIndex++) {
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (context.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			} else {
				failure = withItemIndex(context, error, itemIndex);
			}
		}
	}
	if (failure !== undefined) throw failure;
	return output;
}

/**
 * Validation happens for every item before any request: unless "Continue On Fail" is on, the first
 * invalid item fails the node (with its index) before anything is sent.
 */
export function stopOnInvalidInput(
	context: IExecuteFunctions,
	invalid: ReadonlyArray<{ itemIndex: number; error: Error }>,
): void {
	if (invalid.length > 0 && !context.continueOnFail()) {
		throw withItemIndex(context, invalid[0].error, invalid[0].itemIndex);
	}
}

/**
 * Turns batched results back into output items, in input order, each paired with its input item.
 * A failed batch or an invalid input fails the node with that item's index, or becomes an error
 * item under "Continue On Fail".
 */
export function keyedResultsToItems<R>(
	context: IExecuteFunctions,
	results: ReadonlyArray<KeyedResult<R>>,
	invalid: ReadonlyArray<{ itemIndex: number; error: Error }>,
	toJson: (key: string, result: R | undefined, itemIndex: number) => IDataObject | IDataObject[],
): INodeExecutionData[] {
	const byItem = new Map<number, INodeExecutionData[]>();
	const add = (itemIndex: number, json: IDataObject) => {
		const list = byItem.get(itemIndex) ?? [];
		list.push({ json, pairedItem: { item: itemIndex } });
		byItem.set(itemIndex, list);
	};
	stopOnInvalidInput(context, invalid);
	for (const { itemIndex, error } of invalid) add(itemIndex, { error: error.message });
	for (const result of results) {
		if (result.error) {
			if (!context.continueOnFail()) throw withItemIndex(context, result.error, result.itemIndex);
			add(result.itemIndex, { error: result.error.message, key: result.key });
			continue;
		}
		const json = toJson(result.key, result.result, result.itemIndex);
		for (const entry of Array.isArray(json) ? json : [json]) add(result.itemIndex, entry);
	}
	return [...byItem.keys()].sort((a, b) => a - b).flatMap((itemIndex) => byItem.get(itemIndex) ?? []);
}

/**
 * For operations that change something (commands, geofences, messages, accounts): reads and validates the
 * parameters of EVERY input item first, and only then runs `send` item by item. So an invalid third
 * item stops the node before the first item's command goes out. Under "Continue On Fail" invalid
 * items become error items and the valid ones are still sent.
 */
export async function perItemAfterValidation<Input>(
	context: IExecuteFunctions,
	read: (itemIndex: number) => Input,
	send: (input: Input, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const inputs: Array<{ input?: Input; error?: Error }> = [];
	const invalid: Array<{ itemIndex: number; error: Error }> = [];
	const itemCount = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			inputs.push({ input: read(itemIndex) });
		} catch (error) {
			inputs.push({ error: error as Error });
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	stopOnInvalidInput(context, invalid);

	return await perItem(context, async (itemIndex) => {
		const { input, error } = inputs[itemIndex];
		if (error !== undefined) throw error;
		return await send(input as Input, itemIndex);
	});
}
