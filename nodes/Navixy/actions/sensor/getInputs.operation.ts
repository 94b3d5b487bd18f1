import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyedResultsToItems } from '../../../shared/items';
import { collectTrackerRequests, fetchPerTracker } from '../../helpers/perTracker';
import { trackerLocator } from '../../helpers/trackerId';
import { sensors, state } from '../../transport/api';

/**
 * Trackers per tracker/batch_get_inputs or tracker/batch_get_outputs request. Navixy's documents give no
 * maximum for these (only that too many IDs answer 221); 2,000 is the documented limit of the sister
 * action tracker/get_states, so the batch reads use it too.
 */
export const MAX_TRACKERS_PER_BATCH_READ = 2000;

/** A tracker's discrete inputs as output: `inputs[0]` is input 1; `states` says what each input means. */
export function inputsToJson(trackerId: number | string, value: IDataObject): IDataObject {
	const states = Array.isArray(value.states) ? (value.states as IDataObject[]) : [];
	return {
		trackerId: Number(trackerId),
		inputs: Array.isArray(value.inputs) ? value.inputs : [],
		states: states.map((state) => ({
			type: state.type ?? null,
			name: typeof state.name === 'string' ? state.name.trim() : null,
			status: state.status ?? null,
			input_number: state.input_number ?? null,
		})),
		updateTime: value.update_time ?? null,
	};
}

/** A batch answer's map (`data` or `result`, keyed by the tracker ID as text) as a Map. */
export function byTracker<R>(map: unknown): Map<string, R> {
	return new Map(Object.entries((map ?? {}) as Record<string, R>));
}

const properties: INodeProperties[] = [trackerLocator({})];

const displayOptions = { show: { resource: ['sensor'], operation: ['getInputs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The discrete inputs of one tracker per input item (on/off, and what each is used for: ignition, door,
 * alarm...). One item asks tracker/get_inputs; many items are asked together in tracker/batch_get_inputs
 * (2,000 trackers per request), each answer paired to its item; a tracker that does not exist or is
 * blocked fails only its own item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { requests, invalid } = collectTrackerRequests(this);
	const results = await fetchPerTracker<IDataObject>(
		this,
		requests,
		MAX_TRACKERS_PER_BATCH_READ,
		async (trackerId, itemIndex) => await sensors.inputs(this, trackerId, itemIndex),
		async (trackerIds) => byTracker<IDataObject>((await sensors.inputsOfMany(this, trackerIds)).data),
		async (trackerIds) => await state.unreadable(this, trackerIds),
	);
	return keyedResultsToItems(this, results, invalid, (trackerId, value) => inputsToJson(trackerId, value as IDataObject));
}
