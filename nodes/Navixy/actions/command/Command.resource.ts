import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';
import * as sendRaw from './sendRaw.operation';

export const operations = { send, sendRaw };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['command'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Seal or unseal an electronic lock, or store lock password settings on a tracker',
				action: 'Send a special command to a tracker',
			},
			{
				name: 'Send Raw',
				value: 'sendRaw',
				description: "Send a command in the device's own protocol, as text or hex",
				action: 'Send a raw command to a tracker',
			},
		],
		default: 'send',
	},
	...send.description,
	...sendRaw.description,
];
