import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyedResultsToItems } from '../../../shared/items';
import { collectTrackerRequests, fetchPerTracker, type Missing } from '../../helpers/perTracker';
import { stateToJson } from '../../helpers/state';
import { trackerLocator } from '../../helpers/trackerId';
import { MAX_TRACKERS_PER_STATES_REQUEST, state } from '../../transport/api';

const properties: INodeProperties[] = [trackerLocator({})];

const displayOptions = { show: { resource: ['state'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** A get_states answer as one entry per asked tracker: its state, or why there is none. */
function statesByTracker(answer: IDataObject): Map<string, IDataObject | Missing> {
	const found = new Map<string, IDataObject | Missing>();
	for (const [id, value] of Object.entries((answer.states ?? {}) as Record<string, IDataObject>)) found.set(id, value);
	for (const id of (answer.not_exist ?? []) as number[]) found.set(String(id), { missing: 'notExist' });
	for (const id of (answer.blocked ?? []) as number[]) found.set(String(id), { missing: 'blocked' });
	return found;
}

/**
 * The current state of one tracker per input item: position (with the normalized location), speed,
 * movement and connection status, ignition, inputs, outputs, battery and GSM. One item asks
 * tracker/get_state; many items are asked together in tracker/get_states (2,000 trackers per request),
 * each state paired to its item; a tracker that does not exist or is blocked fails only its own item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { requests, invalid } = collectTrackerRequests(this);
	const results = await fetchPerTracker<IDataObject>(
		this,
		requests,
		MAX_TRACKERS_PER_STATES_REQUEST,
		async (trackerId, itemIndex) => (await state.get(this, trackerId, itemIndex)).state as IDataObject,
		async (trackerIds) => statesByTracker(await state.getMany(this, trackerIds, { listBlocked: true, allowNotExist: true })),
	);
	return keyedResultsToItems(this, results, invalid, (trackerId, value) => stateToJson(trackerId, value as IDataObject));
}
