import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';

/** Navixy's code for "cannot delete: still linked"; the answer lists the linked rules or vehicles. */
const STILL_LINKED = '203';
const LINKED = /linked (rules|vehicles): ([\d, ]+)/g;

const properties: INodeProperties[] = [
	{
		...trackerLocator({}),
		description: 'The clone to delete: pick it from the list (clones are marked) or give its ID. Only clones can be deleted.',
	},
];

const displayOptions = { show: { resource: ['tracker'], operation: ['deleteClone'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A 203 error whose message names the rules or vehicles still linked to the clone. */
function withLinkedEntities(error: NodeApiError): NodeApiError {
	const linked = [...String(error.description ?? '').matchAll(LINKED)].map(([, kind, ids]) => `${kind} ${ids.trim()}`);
	if (linked.length > 0) {
		error.message = `${error.message}: the clone is still linked to ${linked.join(' and ')}; unlink them first`;
	}
	return error;
}

/**
 * Deletes a clone of a tracker (tracker/delete), one per input item. Only clones can be deleted (249
 * otherwise); a clone still used by rules or vehicles is refused (203), naming them.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readTrackerId(this, itemIndex),
		async (trackerId, itemIndex) => {
			await trackers.deleteClone(this, trackerId, itemIndex).catch((error: unknown) => {
				throw error instanceof NodeApiError && error.context.providerCode === STILL_LINKED ? withLinkedEntities(error) : error;
			});
			return { trackerId, deleted: true };
		},
	);
}
