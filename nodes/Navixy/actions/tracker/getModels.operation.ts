import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { invalidValue, type FieldRef } from '../../../shared/validation';
import { trackers } from '../../transport/api';

const MODEL_CODE_EXPECTED = 'model codes such as "telfmb920" (no spaces, at most 100 characters), separated by commas';
const MODEL_CODE_PATTERN = /^\S{1,100}$/;

const properties: INodeProperties[] = [
	{
		displayName: 'Model Names or IDs',
		name: 'codes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getModels' },
		default: [],
		description:
			'Only these models (by model code); all models when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...returnAllAndLimit('Navixy returns every model at once; the limit keeps the first ones'),
];

const displayOptions = { show: { resource: ['tracker'], operation: ['getModels'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The model codes of one item (a list, or text separated by commas), repeats kept once; undefined for all. */
function readCodes(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
	const ref: FieldRef = { node: context.getNode(), parameter: 'Model Names or IDs', itemIndex };
	const raw = context.getNodeParameter('codes', itemIndex, []) as unknown;
	const entries = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [raw];
	const codes: string[] = [];
	for (const entry of entries) {
		if (entry === undefined || entry === null) continue;
		const code = typeof entry === 'string' ? entry.trim() : entry;
		if (code === '') continue;
		if (typeof code !== 'string' || !MODEL_CODE_PATTERN.test(code)) throw invalidValue(ref, entry, MODEL_CODE_EXPECTED);
		if (!codes.includes(code)) codes.push(code);
	}
	return codes.length === 0 ? undefined : codes;
}

/**
 * The device models Navixy supports (tracker/list_models), optionally only some codes: one output item
 * per model with what it can do (phone, APN, inputs and outputs, location requests, commands...).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({ codes: readCodes(this, itemIndex), limit: readLimit(this, itemIndex) }),
		async ({ codes, limit }, itemIndex) => {
			const models = await trackers.listModels(this, codes, itemIndex);
			return limit === undefined ? models : models.slice(0, limit);
		},
	);
}
