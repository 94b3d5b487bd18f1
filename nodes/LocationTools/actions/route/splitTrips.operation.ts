import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toLineStringFeature } from '../../../shared/location';
import { requireNumberInRange } from '../../../shared/validation';
import { splitTrips } from '../../geometry/route';
import { flaggedOutput, groupPositions, positionFields, readPositions } from '../../helpers/positions';
import { groupField, readStopOptions, stopFields, timedPoint } from './routeFields';

const properties: INodeProperties[] = [
	...positionFields,
	groupField,
	...stopFields,
	{
		displayName: 'Idle Gap (Minutes)',
		name: 'gapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'Two positions further apart in time than this end a trip (0: only stops end trips)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['route'], operation: ['splitTrips'] } }, properties);

/** One item per trip (cut at stops and idle gaps): start, end, duration, distance, speed and its line. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, true);
	const byDevice = this.getNodeParameter('groupBy', 0, 'device') === 'device';
	const gapMinutes = requireNumberInRange({ node: this.getNode(), parameter: 'Idle Gap (Minutes)' }, this.getNodeParameter('gapMinutes', 0, 30), 0, 525_600, 'minutes');
	const options = { ...readStopOptions(this), maxGapMs: gapMinutes * 60_000 };
	const output: INodeExecutionData[] = [];
	for (const [deviceId, group] of groupPositions(positions, byDevice)) {
		const points = group.map(timedPoint);
		for (const trip of splitTrips(points, options)) {
			const { indices, ...rest } = trip;
			const line = toLineStringFeature(indices.map((index) => points[index]) as never, { deviceId, tripNumber: trip.tripNumber });
			output.push({
				json: { deviceId: byDevice ? deviceId : null, ...rest, pointCount: indices.length, route: line } as unknown as IDataObject,
				pairedItem: indices.map((index) => ({ item: group[index].itemIndex })),
			});
		}
	}
	return [...output, ...flaggedOutput(this, flagged)];
}
