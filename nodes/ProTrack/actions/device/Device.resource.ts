import type { INodeProperties } from 'n8n-workflow';

import * as getLatestLocation from './getLatestLocation.operation';

export { getLatestLocation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{
				name: 'Get Latest Location',
				value: 'getLatestLocation',
				description: 'Get the latest position and status of one or more devices',
				action: 'Get latest location of devices',
			},
		],
		default: 'getLatestLocation',
	},
	...getLatestLocation.description,
];
