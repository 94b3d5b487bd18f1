import type { INodeProperties } from 'n8n-workflow';

import * as check from './check.operation';
import * as detectTransitions from './detectTransitions.operation';

export const operations = { check, detectTransitions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['geofence'] } },
		options: [
			{ name: 'Check', value: 'check', description: 'Which zones contain each position, and how far each edge is', action: 'Check positions against zones' },
			{
				name: 'Detect Enter and Exit',
				value: 'detectTransitions',
				description: 'Only the changes: a device entering or leaving a zone, once, across executions',
				action: 'Detect zone enter and exit',
			},
		],
		default: 'check',
	},
	...check.description,
	...detectTransitions.description,
];
