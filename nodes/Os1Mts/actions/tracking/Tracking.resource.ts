import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';
import * as getTraceData from './getTraceData.operation';

export const operations = { getStatus, getTraceData };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracking'] } },
		options: [
			{ name: 'Get Status', value: 'getStatus', description: 'Get the status of any track by ID or name', action: 'Get the status of a track' },
			{ name: 'Get Trace Data', value: 'getTraceData', description: 'Get the points recorded for a track', action: 'Get the trace data of a track' },
		],
		default: 'getTraceData',
	},
	...getStatus.description,
	...getTraceData.description,
];
