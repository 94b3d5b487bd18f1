import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { invalidValue, type FieldRef } from '../../../shared/validation';
import { trackers } from '../../transport/api';
import { trackerToJson } from './get.operation';

/** tracker/list's `labels` rules: 1 to 1,024 filters, no repeats, each 1 to 60 characters. */
export const MAX_LABEL_FILTERS = 1024;
export const MAX_LABEL_FILTER_LENGTH = 60;

const properties: INodeProperties[] = [
	{
		displayName: 'Label Filters',
		name: 'labelFilters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Label Filter',
		default: {},
		description:
			'Only trackers whose label contains at least one of these texts. Without filters, every tracker. Up to 1,024 distinct filters of 1 to 60 characters each.',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Label Contains',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'Truck',
						description: 'Text the label must contain (1 to 60 characters)',
					},
				],
			},
		],
	},
	...returnAllAndLimit('Navixy returns every matching tracker at once; the limit keeps the first ones'),
];

const displayOptions = { show: { resource: ['tracker'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The label filters of one item, checked against tracker/list's rules; undefined when there are none. */
export function readLabelFilters(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
	const ref: FieldRef = { node: context.getNode(), parameter: 'Label Filters', itemIndex };
	const raw = context.getNodeParameter('labelFilters', itemIndex, {}) as IDataObject;
	const entries = raw?.filter ?? [];
	if (!Array.isArray(entries)) throw invalidValue(ref, entries, 'a list of label filters');
	const labels = entries.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as IDataObject).text : entry));
	if (labels.length === 0) return undefined;
	if (labels.length > MAX_LABEL_FILTERS) {
		throw invalidValue(ref, `${labels.length} filters`, `at most ${MAX_LABEL_FILTERS} filters`);
	}
	const seen = new Set<string>();
	for (const label of labels) {
		const length = typeof label === 'string' ? Array.from(label).length : 0;
		if (typeof label !== 'string' || length < 1 || length > MAX_LABEL_FILTER_LENGTH) {
			throw invalidValue(ref, label, `each filter a text of 1 to ${MAX_LABEL_FILTER_LENGTH} characters`);
		}
		if (seen.has(label)) throw invalidValue(ref, label, 'each filter only once (this one is repeated)');
		seen.add(label);
	}
	return labels as string[];
}

/**
 * The user's trackers (tracker/list), optionally those whose label contains one of the filters: one
 * output item per tracker, paired to the input item that asked. Navixy has no paging here: it answers
 * with every match, and Limit keeps the first ones.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({ labels: readLabelFilters(this, itemIndex), limit: readLimit(this, itemIndex) }),
		async ({ labels, limit }, itemIndex) => {
			const list = await trackers.list(this, labels, itemIndex);
			return (limit === undefined ? list : list.slice(0, limit)).map(trackerToJson);
		},
	);
}
