import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { KeyedResult } from '../../shared/batching';

/**
 * Turns batched results back into output items, in input order, each paired with its input item.
 * A failed batch or an invalid input fails the node with that item's index, or becomes an error
 * item under "Continue On Fail": no input item disappears silently.
 */
export function emitKeyedResults<R>(
	context: IExecuteFunctions,
	results: ReadonlyArray<KeyedResult<R>>,
	invalid: ReadonlyArray<{ itemIndex: number; error: Error }>,
	toJson: (key: string, result: R | undefined) => IDataObject,
): INodeExecutionData[] {
	const byItem = new Map<number, INodeExecutionData[]>();
	const add = (itemIndex: number, entry: INodeExecutionData) => {
		const list = byItem.get(itemIndex) ?? [];
		list.push(entry);
		byItem.set(itemIndex, list);
	};
	for (const { itemIndex, error } of invalid) {
		add(itemIndex, { json: { error: error.message }, pairedItem: { item: itemIndex } });
	}
	for (const result of results) {
		if (result.error) {
			if (!context.continueOnFail()) {
				const error = result.error as Error & { itemIndex?: number; context?: IDataObject };
				if (error.context) error.context.itemIndex = result.itemIndex;
				throw error;
			}
			add(result.itemIndex, {
				json: { error: result.error.message, key: result.key },
				pairedItem: { item: result.itemIndex },
			});
			continue;
		}
		add(result.itemIndex, {
			json: toJson(result.key, result.result),
			pairedItem: { item: result.itemIndex },
		});
	}
	return [...byItem.keys()].sort((a, b) => a - b).flatMap((itemIndex) => byItem.get(itemIndex) ?? []);
}
