import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export const operations = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['geofence'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a circular geofence around a point for a device',
				action: 'Create a geofence',
			},
		],
		default: 'create',
	},
	...create.description,
];
