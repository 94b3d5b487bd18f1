import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getStatus from './getStatus.operation';
import * as startStop from './startStop.operation';

export const operations = { create, getStatus, start: startStop, stop: startStop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['smartphoneTrack'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a track of a smartphone app', action: 'Create a smartphone track' },
			{ name: 'Get Status', value: 'getStatus', description: 'Get the status of a smartphone track', action: 'Get the status of a smartphone track' },
			{ name: 'Start', value: 'start', description: 'Start tracking a created smartphone track', action: 'Start a smartphone track' },
			{ name: 'Stop', value: 'stop', description: 'Stop tracking a smartphone track', action: 'Stop a smartphone track' },
		],
		default: 'create',
	},
	...create.description,
	...startStop.description,
	...getStatus.description,
];
