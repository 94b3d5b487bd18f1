import type { INodeProperties } from 'n8n-workflow';

import * as register from './register.operation';
import * as registerQuick from './registerQuick.operation';
import * as registerRetry from './registerRetry.operation';
import * as replace from './replace.operation';
import * as replaceQuick from './replaceQuick.operation';
import * as replaceRetry from './replaceRetry.operation';

export const operations = { register, registerQuick, registerRetry, replace, replaceQuick, replaceRetry };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['registration'] } },
		options: [
			{
				name: 'Register',
				value: 'register',
				description: 'Register a new device as a tracker through a registration plugin',
				action: 'Register a tracker',
			},
			{
				name: 'Register Quick',
				value: 'registerQuick',
				description: 'Register a preconfigured bundle device by its IMEI; no SMS is sent',
				action: 'Register a bundle tracker by IMEI',
			},
			{
				name: 'Register Retry',
				value: 'registerRetry',
				description: "Send a registered tracker's activation commands again",
				action: 'Resend the activation commands of a tracker',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'Swap the device behind a tracker for a new one, keeping its history',
				action: 'Replace the device of a tracker',
			},
			{
				name: 'Replace Quick',
				value: 'replaceQuick',
				description: 'Swap the device behind a tracker for a preconfigured bundle device, by IMEI',
				action: 'Replace the device of a tracker by IMEI',
			},
			{
				name: 'Replace Retry',
				value: 'replaceRetry',
				description: "Send the activation commands to a tracker's replacement device again",
				action: 'Resend the activation commands of a replacement device',
			},
		],
		default: 'register',
	},
	...register.description,
	...registerQuick.description,
	...registerRetry.description,
	...replace.description,
	...replaceQuick.description,
	...replaceRetry.description,
];
