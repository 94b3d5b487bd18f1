import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getStatus from './getStatus.operation';
import * as request from './request.operation';

export const operations = { get, getStatus, request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['consent'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a consent with when it was requested, received and when it expires',
				action: 'Get a consent',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Check whether a phone allows tracking now',
				action: 'Get the status of a consent',
			},
			{
				name: 'Request',
				value: 'request',
				description: 'Ask a phone by SMS to allow SIM-based tracking',
				action: 'Request consent by SMS',
			},
		],
		default: 'request',
	},
	...request.description,
	...get.description,
	...getStatus.description,
];
