import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alarm'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the alarms devices raised in a time range',
				action: 'Get many alarms',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
