import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireNumberInRange } from '../../../shared/validation';
import { simplifyIndices } from '../../geometry/simplify';
import { flaggedOutput, groupPositions, positionFields, readPositions } from '../../helpers/positions';
import { groupField } from './routeFields';

const properties: INodeProperties[] = [
	...positionFields,
	groupField,
	{
		displayName: 'Tolerance (Metres)',
		name: 'toleranceM',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		description: 'Points closer than this to the simplified line are dropped (Ramer–Douglas–Peucker); the first and last are always kept',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['route'], operation: ['simplify'] } }, properties);

const timeOf = (time: string | null) => (time === null ? 0 : Date.parse(time));

/** The items of each route that the simplified line keeps, unchanged, in time order when they have times. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, false);
	const tolerance = requireNumberInRange({ node: this.getNode(), parameter: 'Tolerance (Metres)' }, this.getNodeParameter('toleranceM', 0, 10), 0, 1_000_000, 'metres');
	const byDevice = this.getNodeParameter('groupBy', 0, 'device') === 'device';
	const input = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (const group of groupPositions(positions, byDevice).values()) {
		const ordered = [...group].sort((a, b) => timeOf(a.time) - timeOf(b.time) || a.itemIndex - b.itemIndex);
		for (const index of simplifyIndices(ordered, tolerance)) {
			const { itemIndex } = ordered[index];
			output.push({ json: input[itemIndex].json, pairedItem: { item: itemIndex } });
		}
	}
	return [...output, ...flaggedOutput(this, flagged)];
}
