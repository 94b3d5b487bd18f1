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
		displayOptions: { show: { resource: ['simTrack'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a track of a phone by its SIM', action: 'Create a SIM track' },
			{ name: 'Get Status', value: 'getStatus', description: 'Get the status of a SIM track', action: 'Get the status of a SIM track' },
			{ name: 'Start', value: 'start', description: 'Start tracking a created SIM track', action: 'Start a SIM track' },
			{ name: 'Stop', value: 'stop', description: 'Stop tracking a SIM track', action: 'Stop a SIM track' },
		],
		default: 'create',
	},
	...create.description,
	...startStop.description,
	...getStatus.description,
];
