import type { INodeProperties } from 'n8n-workflow';

import * as block from './block.operation';
import * as getInfo from './getInfo.operation';
import * as getSubAccounts from './getSubAccounts.operation';
import * as setPassword from './setPassword.operation';
import * as unblock from './unblock.operation';

export const operations = { block, getInfo, getSubAccounts, setPassword, unblock };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Block',
				value: 'block',
				description: 'Block a sub-account so that it can no longer log in',
				action: 'Block an account',
			},
			{
				name: 'Get Info',
				value: 'getInfo',
				description: 'Get the brief information of an account (yours or a sub-account)',
				action: 'Get account information',
			},
			{
				name: 'Get Sub-Accounts',
				value: 'getSubAccounts',
				description: 'List the accounts below an account',
				action: 'Get accounts below an account',
			},
			{
				name: 'Set Password',
				value: 'setPassword',
				description: 'Change the password of a sub-account',
				action: 'Set the password of an account',
			},
			{
				name: 'Unblock',
				value: 'unblock',
				description: 'Unblock a blocked sub-account',
				action: 'Unblock an account',
			},
		],
		default: 'getInfo',
	},
	...block.description,
	...getInfo.description,
	...getSubAccounts.description,
	...setPassword.description,
	...unblock.description,
];
