import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zoneContains } from '../../geometry/contains';
import { zoneDistance } from '../../geometry/distance';
import { inInputOrder, positionFields, readPositions } from '../../helpers/positions';
import { zoneFields, zoneReader } from '../../helpers/zoneFields';

const properties: INodeProperties[] = [
	...positionFields,
	...zoneFields,
	{
		displayName: 'Include Distances',
		name: 'includeDistances',
		type: 'boolean',
		default: true,
		description: "Whether to add each zone's distance to its edge (negative inside); off is faster for many large polygons",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['geofence'], operation: ['check'] } }, properties);

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * For each item: which zones contain its position, and (optionally) the distance to each zone's edge.
 * The item comes out with a `geofence` field: `insideZones` (names) and one entry per zone.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, false);
	const zonesOf = zoneReader(this);
	const withDistances = this.getNodeParameter('includeDistances', 0, true) as boolean;
	const input = this.getInputData();
	const output: INodeExecutionData[] = positions.map((position) => {
		const { zones, prepared } = zonesOf(position.itemIndex);
		const entries = prepared.map((zone, index) => {
			if (!withDistances) return { id: zones[index].id, name: zones[index].name, inside: zoneContains(zone, position) };
			const distance = zoneDistance(zone, position);
			return {
				id: zones[index].id,
				name: zones[index].name,
				inside: distance.inside,
				distanceToEdgeM: round2(distance.distanceToEdgeM),
				signedDistanceM: round2(distance.signedDistanceM),
			};
		});
		return {
			json: {
				...input[position.itemIndex].json,
				geofence: { insideZones: entries.filter((entry) => entry.inside).map((entry) => entry.name), zones: entries },
			},
			pairedItem: { item: position.itemIndex },
		};
	});
	return inInputOrder(this, output, flagged);
}
