import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as getCurrent from './getCurrent.operation';
import * as request from './request.operation';

export const operations = { cancel, getCurrent, request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['deviceLocation'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an asynchronous location request',
				action: 'Cancel a location request',
			},
			{
				name: 'Get Current',
				value: 'getCurrent',
				description: 'Get the location of devices now (synchronous; 20 per request, more are split)',
				action: 'Get the current location of devices',
			},
			{
				name: 'Request',
				value: 'request',
				description: 'Ask for the location of up to 10,000 devices per request; results arrive as callbacks',
				action: 'Request the location of devices',
			},
		],
		default: 'getCurrent',
	},
	...cancel.description,
	...getCurrent.description,
	...request.description,
];
