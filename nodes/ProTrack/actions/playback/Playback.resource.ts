import type { INodeProperties } from 'n8n-workflow';

import * as getRoute from './getRoute.operation';

export const operations = { getRoute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['playback'] } },
		options: [
			{
				name: 'Get Route',
				value: 'getRoute',
				description: 'Get the GPS points a device recorded in a time range',
				action: 'Get the route of a device',
			},
		],
		default: 'getRoute',
	},
	...getRoute.description,
];
