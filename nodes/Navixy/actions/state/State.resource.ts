import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getLastGpsPoint from './getLastGpsPoint.operation';
import * as getMany from './getMany.operation';

export const operations = { get, getLastGpsPoint, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['state'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get a tracker's current position, movement, connection, ignition, inputs and outputs",
				action: 'Get the state of a tracker',
			},
			{
				name: 'Get Last GPS Point',
				value: 'getLastGpsPoint',
				description: 'Get the last position a tracker fixed by GPS',
				action: 'Get the last GPS point of a tracker',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the states of a list of trackers in one request',
				action: 'Get the states of many trackers',
			},
		],
		default: 'get',
	},
	...get.description,
	...getLastGpsPoint.description,
	...getMany.description,
];
