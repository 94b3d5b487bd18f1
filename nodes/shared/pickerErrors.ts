import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Runs a picker's loader (loadOptions, listSearch) so that its failure reads as words in the editor.
 * n8n 2.40's editor hands a NodeApiError from these endpoints to the parameter as the raw response
 * object, which it then prints as "[object Object]"; the same error as a NodeOperationError is shown
 * with its message ("Could not reach ProTrack: ...").
 */
export async function withReadablePickerErrors<T>(context: ILoadOptionsFunctions, load: () => Promise<T>): Promise<T> {
	try {
		return await load();
	} catch (error) {
		const description =
			(error instanceof NodeApiError || error instanceof NodeOperationError) && typeof error.description === 'string'
				? error.description
				: undefined;
		throw new NodeOperationError(context.getNode(), error instanceof Error ? error.message : String(error), { description });
	}
}
