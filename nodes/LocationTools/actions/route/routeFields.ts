import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNumberInRange } from '../../../shared/validation';
import type { TimedPoint } from '../../geometry/points';
import type { ItemPosition } from '../../helpers/positions';

/** One route per device (the position's device field), or all items as one route. */
export const groupField: INodeProperties = {
	displayName: 'Routes',
	name: 'groupBy',
	type: 'options',
	options: [
		{ name: 'One per Device', value: 'device' },
		{ name: 'All Items as One Route', value: 'none' },
	],
	default: 'device',
};

export const stopFields: INodeProperties[] = [
	{
		displayName: 'Stop Radius (Metres)',
		name: 'stopRadiusM',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'A stop is a time with no movement beyond this distance',
	},
	{
		displayName: 'Minimum Stop (Minutes)',
		name: 'stopMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description: 'How long a device must stay within the radius for it to count as a stop',
	},
];

export function readStopOptions(context: IExecuteFunctions) {
	const node = context.getNode();
	return {
		stopRadiusM: requireNumberInRange({ node, parameter: 'Stop Radius (Metres)' }, context.getNodeParameter('stopRadiusM', 0, 50), 0.01, 100_000, 'metres'),
		stopMinDurationMs: requireNumberInRange({ node, parameter: 'Minimum Stop (Minutes)' }, context.getNodeParameter('stopMinutes', 0, 5), 0, 525_600, 'minutes') * 60_000,
	};
}

export const timedPoint = (position: ItemPosition): TimedPoint => ({
	latitude: position.latitude,
	longitude: position.longitude,
	time: position.time as string,
	speedKmh: position.speedKmh,
});

/** Paired items of a group: every input item it was made from. */
export const pairedItems = (positions: readonly ItemPosition[]) => positions.map((position) => ({ item: position.itemIndex }));
