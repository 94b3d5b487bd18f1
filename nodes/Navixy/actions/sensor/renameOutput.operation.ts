import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { requireIntegerInRange, requireNonEmptyString } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { sensors } from '../../transport/api';

/** Output numbers start at 1; Navixy documents no maximum, so this only keeps typos out. */
export const MAX_OUTPUT_NUMBER = 255;

export function outputNumberField(description: string): INodeProperties {
	return {
		displayName: 'Output Number',
		name: 'outputNumber',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_OUTPUT_NUMBER, numberPrecision: 0 },
		default: 1,
		required: true,
		description,
	};
}

export function readOutputNumber(context: IExecuteFunctions, itemIndex: number): number {
	const ref = { node: context.getNode(), parameter: 'Output Number', itemIndex };
	return requireIntegerInRange(ref, context.getNodeParameter('outputNumber', itemIndex), 1, MAX_OUTPUT_NUMBER);
}

const properties: INodeProperties[] = [
	trackerLocator({}),
	outputNumberField('The output to rename, counted from 1 (Sensor › Get Outputs lists them)'),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Engine immobiliser',
		description: 'The new name of the output, as shown in Navixy',
	},
];

const displayOptions = { show: { resource: ['sensor'], operation: ['renameOutput'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface Rename {
	trackerId: number;
	number: number;
	title: string;
}

/**
 * Gives a tracker's output a new title (tracker/output/update), one per input item. It only renames:
 * the output is not switched. Every item is checked before the first request.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex): Rename => ({
			trackerId: readTrackerId(this, itemIndex),
			number: readOutputNumber(this, itemIndex),
			title: requireNonEmptyString(
				{ node: this.getNode(), parameter: 'Title', itemIndex },
				this.getNodeParameter('title', itemIndex),
			),
		}),
		async ({ trackerId, number, title }, itemIndex) => {
			await sensors.renameOutput(this, trackerId, { number, title }, itemIndex);
			return { trackerId, number, title, renamed: true };
		},
	);
}
