import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { haversineMeters } from '../../../shared/location';
import { requireLatitude, requireLongitude } from '../../../shared/validation';
import { inInputOrder, positionFields, readPositions } from '../../helpers/positions';

const properties: INodeProperties[] = [
	...positionFields,
	{ displayName: 'Point Latitude', name: 'pointLatitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0, required: true },
	{ displayName: 'Point Longitude', name: 'pointLongitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0, required: true },
];

export const description = updateDisplayOptions({ show: { resource: ['distance'], operation: ['toPoint'] } }, properties);

/** Each item with `distanceM`: the great-circle distance from its position to the point. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, false);
	const input = this.getInputData();
	const node = this.getNode();
	const output = positions.map((position) => {
		const target = {
			latitude: requireLatitude({ node, parameter: 'Point Latitude', itemIndex: position.itemIndex }, this.getNodeParameter('pointLatitude', position.itemIndex)),
			longitude: requireLongitude({ node, parameter: 'Point Longitude', itemIndex: position.itemIndex }, this.getNodeParameter('pointLongitude', position.itemIndex)),
		};
		const distanceM = Math.round(haversineMeters(position, target) * 100) / 100;
		return { json: { ...input[position.itemIndex].json, distanceM }, pairedItem: { item: position.itemIndex } };
	});
	return inInputOrder(this, output, flagged);
}
