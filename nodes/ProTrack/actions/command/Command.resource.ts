import type { INodeProperties } from 'n8n-workflow';

import * as getResponse from './getResponse.operation';
import * as send from './send.operation';
import * as sendAndAwaitAnswer from './sendAndAwaitAnswer.operation';

export const operations = { getResponse, send, sendAndAwaitAnswer };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['command'] } },
		options: [
			{
				name: 'Get Response',
				value: 'getResponse',
				description: 'Check whether a device has answered a command, and read its answer',
				action: 'Get the response to a command',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a command to a device and return its command ID without waiting',
				action: 'Send a command to a device',
			},
			{
				name: 'Send and Await Answer',
				value: 'sendAndAwaitAnswer',
				description: "Send a command to a device and poll until the device answers (or the tries run out)",
				action: 'Send a command and await the answer',
			},
		],
		default: 'send',
	},
	...getResponse.description,
	...send.description,
	...sendAndAwaitAnswer.description,
];
