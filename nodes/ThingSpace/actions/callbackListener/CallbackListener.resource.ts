import type { INodeProperties } from 'n8n-workflow';

import * as deleteListener from './delete.operation';
import * as getMany from './getMany.operation';
import * as register from './register.operation';

export const operations = { delete: deleteListener, getMany, register };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callbackListener'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: "Remove the account's listener of a name",
				action: 'Delete a callback listener',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the account's callback listeners",
				action: 'Get many callback listeners',
			},
			{
				name: 'Register',
				value: 'register',
				description: 'Register (or replace) the URL ThingSpace sends callbacks of a name to',
				action: 'Register a callback listener',
			},
		],
		default: 'getMany',
	},
	...deleteListener.description,
	...getMany.description,
	...register.description,
];
