import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as listTypes from './listTypes.operation';

export const operations = { getMany, listTypes };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the events (alarms, geofences, ignition, SOS, ...) of trackers in a time range',
				action: 'Get many tracker events',
			},
			{
				name: 'List Types',
				value: 'listTypes',
				description: 'List the event types the platform knows, with their descriptions',
				action: 'List the event types',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...listTypes.description,
];
