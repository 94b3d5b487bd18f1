import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue, requireIntegerInRange, type FieldRef } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';

/** A tracker holds at most five tags, in the places (ordinals) 1 to 5. */
export const MAX_TAG_ORDINAL = 5;
const MAX_TAG_ID = 2147483647;

const properties: INodeProperties[] = [
	trackerLocator({}),
	{
		displayName: 'Tag Bindings',
		name: 'tagBindings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		default: {},
		description:
			"The tracker's tags after this call: they replace all its current tags. Each tag once, each place (1 to 5) once. The tags must already exist in Navixy. With no tags, the tracker's tags are removed.",
		options: [
			{
				displayName: 'Tag',
				name: 'binding',
				values: [
					{
						displayName: 'Tag ID',
						name: 'tagId',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 0,
						description: 'ID of an existing tag',
					},
					{
						displayName: 'Ordinal',
						name: 'ordinal',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_TAG_ORDINAL },
						default: 1,
						description: 'Place of the tag on the tracker, 1 to 5',
					},
				],
			},
		],
	},
];

const displayOptions = { show: { resource: ['tracker'], operation: ['setTags'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface TagBinding extends IDataObject {
	tag_id: number;
	ordinal: number;
}

/** The tag bindings of one item: whole tag IDs and ordinals 1 to 5, neither repeated. */
function readBindings(context: IExecuteFunctions, itemIndex: number): TagBinding[] {
	const ref = (parameter: string): FieldRef => ({ node: context.getNode(), parameter, itemIndex });
	const raw = context.getNodeParameter('tagBindings', itemIndex, {}) as IDataObject;
	const entries = raw?.binding ?? [];
	if (!Array.isArray(entries)) throw invalidValue(ref('Tag Bindings'), entries, 'a list of tags with their ordinals');
	if (entries.length > MAX_TAG_ORDINAL) {
		throw invalidValue(ref('Tag Bindings'), `${entries.length} tags`, `at most ${MAX_TAG_ORDINAL} tags`);
	}
	const bindings: TagBinding[] = [];
	for (const entry of entries as IDataObject[]) {
		const binding: TagBinding = {
			tag_id: requireIntegerInRange(ref('Tag ID'), entry?.tagId, 1, MAX_TAG_ID),
			ordinal: requireIntegerInRange(ref('Ordinal'), entry?.ordinal, 1, MAX_TAG_ORDINAL),
		};
		if (bindings.some((other) => other.tag_id === binding.tag_id)) {
			throw invalidValue(ref('Tag ID'), binding.tag_id, 'each tag only once (this tag ID is repeated)');
		}
		if (bindings.some((other) => other.ordinal === binding.ordinal)) {
			throw invalidValue(ref('Ordinal'), binding.ordinal, 'each ordinal only once (this ordinal is repeated)');
		}
		bindings.push(binding);
	}
	return bindings;
}

/** Replaces a tracker's tags (tracker/tags/set), one tracker per input item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({ trackerId: readTrackerId(this, itemIndex), bindings: readBindings(this, itemIndex) }),
		async ({ trackerId, bindings }, itemIndex) => {
			await trackers.setTags(this, trackerId, bindings, itemIndex);
			return { trackerId, tag_bindings: bindings };
		},
	);
}
