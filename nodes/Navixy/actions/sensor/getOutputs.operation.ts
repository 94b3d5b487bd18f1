import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyedResultsToItems } from '../../../shared/items';
import { collectTrackerRequests, fetchPerTracker } from '../../helpers/perTracker';
import { trackerLocator } from '../../helpers/trackerId';
import { sensors, state } from '../../transport/api';
import { byTracker, MAX_TRACKERS_PER_BATCH_READ } from './getInputs.operation';

/** A tracker's outputs as output: each output's number (from 1) and the title the user gave it. */
export function outputsToJson(trackerId: number | string, list: unknown): IDataObject {
	const outputs = Array.isArray(list) ? (list as IDataObject[]) : [];
	return {
		trackerId: Number(trackerId),
		outputs: outputs.map((output) => ({ number: Number(output.number), title: output.title ?? null })),
	};
}

const properties: INodeProperties[] = [trackerLocator({})];

const displayOptions = { show: { resource: ['sensor'], operation: ['getOutputs'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The digital outputs of one tracker per input item: their numbers and titles (not whether they are on:
 * that is in State › Get, `outputs`). One item asks tracker/get_outputs; many items are asked together in
 * tracker/batch_get_outputs (2,000 trackers per request), each answer paired to its item; a tracker that
 * does not exist or is blocked fails only its own item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { requests, invalid } = collectTrackerRequests(this);
	const results = await fetchPerTracker<IDataObject[]>(
		this,
		requests,
		MAX_TRACKERS_PER_BATCH_READ,
		async (trackerId, itemIndex) => (await sensors.outputs(this, trackerId, itemIndex)).result as IDataObject[],
		async (trackerIds) => byTracker<IDataObject[]>((await sensors.outputsOfMany(this, trackerIds)).result),
		async (trackerIds) => await state.unreadable(this, trackerIds),
	);
	return keyedResultsToItems(this, results, invalid, (trackerId, value) => outputsToJson(trackerId, value));
}
