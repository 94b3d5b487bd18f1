import type { INodeProperties } from 'n8n-workflow';

import * as toNearestPlace from './toNearestPlace.operation';
import * as toPoint from './toPoint.operation';

export const operations = { toNearestPlace, toPoint };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['distance'] } },
		options: [
			{ name: 'To Nearest Place', value: 'toNearestPlace', description: 'The closest of a list of places', action: 'Find the nearest place' },
			{ name: 'To Point', value: 'toPoint', description: 'Distance from each position to one point', action: 'Measure the distance to a point' },
		],
		default: 'toPoint',
	},
	...toPoint.description,
	...toNearestPlace.description,
];
