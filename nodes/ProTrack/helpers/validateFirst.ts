import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItem, stopOnInvalidInput } from '../../shared/items';

/**
 * For operations that change something (commands, geofences, messages): reads and validates the
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
