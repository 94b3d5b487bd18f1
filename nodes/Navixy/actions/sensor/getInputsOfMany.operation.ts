import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { perItemAfterValidation } from '../../../shared/items';
import { asNodeError } from '../../helpers/perTracker';
import { readTrackerIds } from '../../helpers/trackerId';
import { sensors, state } from '../../transport/api';
import { byTracker, inputsToJson, MAX_TRACKERS_PER_BATCH_READ } from './getInputs.operation';

/** The Tracker IDs field of the "of many" operations. */
export function trackerIdsField(what: string): INodeProperties {
	return {
		displayName: 'Tracker IDs',
		name: 'trackerIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123456, 234567',
		description: `Trackers whose ${what} to read, separated by commas. Sent 2,000 per request; one output item per tracker.`,
	};
}

/**
 * Reads a list of trackers with a batch action (2,000 per request) and returns one entry per tracker in
 * the order asked. The batch actions refuse a whole request when one tracker does not exist or is blocked
 * (217); then tracker/get_states (which lists such trackers instead of failing) tells which ones, and the
 * batch is asked again without them. Those trackers come out as `{trackerId, found: false, blocked, notExist}`.
 */
export async function readManyTrackers<R>(
	context: IExecuteFunctions,
	ids: number[],
	fetchBatch: (ids: number[]) => Promise<Map<string, R>>,
	toJson: (trackerId: number, value: R) => IDataObject,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const part of chunk(ids, MAX_TRACKERS_PER_BATCH_READ)) {
		let answer: Map<string, R>;
		let blocked = new Set<number>();
		try {
			answer = await fetchBatch(part);
		} catch (error) {
			if (!(error instanceof NodeApiError) || error.context.providerCode !== '217') throw asNodeError(context, error);
			const unreadable = await state.unreadable(context, part);
			blocked = unreadable.blocked;
			const readable = part.filter((id) => !blocked.has(id) && !unreadable.notExist.has(id));
			answer = readable.length > 0 ? await fetchBatch(readable) : new Map();
		}
		for (const id of part) {
			const value = answer.get(String(id));
			if (value !== undefined) out.push({ ...toJson(id, value), found: true });
			else out.push({ trackerId: id, found: false, blocked: blocked.has(id), notExist: !blocked.has(id) });
		}
	}
	return out;
}

const properties: INodeProperties[] = [trackerIdsField('inputs')];

const displayOptions = { show: { resource: ['sensor'], operation: ['getInputsOfMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The discrete inputs of a list of trackers given in each input item (tracker/batch_get_inputs, 2,000 per
 * request): one output item per tracker, in the order asked; blocked and unknown trackers as items that say so.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readTrackerIds(this, itemIndex, 'trackerIds', 'Tracker IDs'),
		async (ids) =>
			await readManyTrackers<IDataObject>(
				this,
				ids,
				async (part) => byTracker<IDataObject>((await sensors.inputsOfMany(this, part)).data),
				inputsToJson,
			),
	);
}
