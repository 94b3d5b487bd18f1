import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { operationError, requireLatitude, requireLongitude } from '../../../shared/validation';
import { nearestPlace } from '../../geometry/distance';
import { inInputOrder, positionFields, readPositions } from '../../helpers/positions';

const properties: INodeProperties[] = [
	...positionFields,
	{
		displayName: 'Places',
		name: 'places',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Place',
		default: {},
		options: [
			{
				displayName: 'Place',
				name: 'place',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'North depot' },
					{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0 },
					{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0 },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['distance'], operation: ['toNearestPlace'] } }, properties);

interface Place extends IDataObject {
	name: string;
	latitude: number;
	longitude: number;
}

/** Each item with `nearestPlace`: the closest of the places (name, position, distance in metres). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, false);
	const node = this.getNode();
	const entries = ((this.getNodeParameter('places', 0, {}) as { place?: IDataObject[] }).place ?? []);
	if (entries.length === 0) throw operationError(node, 'No place is given: add at least one under "Places"');
	const places: Place[] = entries.map((entry, index) => ({
		name: String(entry.name ?? '').trim() || `place-${index + 1}`,
		latitude: requireLatitude({ node, parameter: `Places › ${index + 1} › Latitude` }, entry.latitude),
		longitude: requireLongitude({ node, parameter: `Places › ${index + 1} › Longitude` }, entry.longitude),
	}));
	const input = this.getInputData();
	const output = positions.map((position) => {
		const nearest = nearestPlace(position, places)!;
		return {
			json: { ...input[position.itemIndex].json, nearestPlace: { ...nearest.place, distanceM: Math.round(nearest.distanceM * 100) / 100 } },
			pairedItem: { item: position.itemIndex },
		};
	});
	return inInputOrder(this, output, flagged);
}
