import type { INodeProperties } from 'n8n-workflow';

import * as simplify from './simplify.operation';
import * as splitTrips from './splitTrips.operation';
import * as summarize from './summarize.operation';

export const operations = { simplify, splitTrips, summarize };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['route'] } },
		options: [
			{ name: 'Simplify', value: 'simplify', description: 'Keep the points that shape the route within a tolerance', action: 'Simplify a route' },
			{ name: 'Split Into Trips', value: 'splitTrips', description: 'Cut routes at stops and idle gaps', action: 'Split a route into trips' },
			{ name: 'Summarize', value: 'summarize', description: 'Distance, duration, moving time, stops and speeds of each route', action: 'Summarize a route' },
		],
		default: 'summarize',
	},
	...summarize.description,
	...simplify.description,
	...splitTrips.description,
];
