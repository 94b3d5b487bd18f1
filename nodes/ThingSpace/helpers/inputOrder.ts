import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** An output entry of a batched operation and the input item it answers. */
export interface PairedEntry {
	itemIndex: number;
	json: IDataObject;
}

/**
 * Output items in the order of their input items (entries of the same item keep their order), each
 * paired with its input item: batched operations collect results and error items out of order.
 */
export function inInputOrder(entries: PairedEntry[]): INodeExecutionData[] {
	return entries
		.map((entry, order) => ({ ...entry, order }))
		.sort((a, b) => a.itemIndex - b.itemIndex || a.order - b.order)
		.map(({ itemIndex, json }) => ({ json, pairedItem: { item: itemIndex } }));
}
