import type { INodeProperties } from 'n8n-workflow';

import * as start from './start.operation';
import * as stop from './stop.operation';

export const operations = { start, stop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['periodicLocation'] } },
		options: [
			{
				name: 'Start',
				value: 'start',
				description: 'Start periodic location reports of many devices (10,000 per session; larger fleets are split)',
				action: 'Start periodic location',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop the periodic location of devices of a session, by MDN (100 per request)',
				action: 'Stop periodic location',
			},
		],
		default: 'start',
	},
	...start.description,
	...stop.description,
];
