import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { perItemAfterValidation } from '../../../shared/items';
import { stateToJson } from '../../helpers/state';
import { readTrackerIds, trackerIdsField } from '../../helpers/trackerId';
import { MAX_TRACKERS_PER_STATES_REQUEST, state } from '../../transport/api';

const properties: INodeProperties[] = [
	trackerIdsField('to read (2,000 per request)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'List Blocked Trackers',
				name: 'listBlocked',
				type: 'boolean',
				default: true,
				description: 'Whether a blocked tracker is reported in an item of its own (true) or fails the request (false)',
			},
			{
				displayName: 'Allow Trackers That Do Not Exist',
				name: 'allowNotExist',
				type: 'boolean',
				default: true,
				description: 'Whether an unknown tracker is reported in an item of its own (true) or fails the request (false)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['state'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface Query {
	ids: number[];
	listBlocked: boolean;
	allowNotExist: boolean;
}

/**
 * The states of a list of trackers given in each input item (tracker/get_states, 2,000 per request):
 * one output item per tracker, in the order asked; blocked and unknown trackers as items that say so.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex): Query => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return {
				ids: readTrackerIds(this, itemIndex, 'trackerIds', 'Tracker IDs'),
				listBlocked: options.listBlocked !== false,
				allowNotExist: options.allowNotExist !== false,
			};
		},
		async ({ ids, listBlocked, allowNotExist }) => {
			const out: IDataObject[] = [];
			for (const part of chunk(ids, MAX_TRACKERS_PER_STATES_REQUEST)) {
				const answer = await state.getMany(this, part, { listBlocked, allowNotExist });
				const states = (answer.states ?? {}) as Record<string, IDataObject>;
				const blocked = new Set(((answer.blocked ?? []) as number[]).map(Number));
				const notExist = new Set(((answer.not_exist ?? []) as number[]).map(Number));
				for (const id of part) {
					if (states[String(id)] !== undefined) out.push({ ...stateToJson(id, states[String(id)]), found: true });
					else out.push({ trackerId: id, found: false, blocked: blocked.has(id), notExist: notExist.has(id) || !blocked.has(id) });
				}
			}
			return out;
		},
	);
}
