import type { INodeProperties } from 'n8n-workflow';

import * as changePhone from './changePhone.operation';
import * as corrupt from './corrupt.operation';
import * as deleteClone from './deleteClone.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getModels from './getModels.operation';
import * as requestLocation from './requestLocation.operation';
import * as setTags from './setTags.operation';

export const operations = { changePhone, corrupt, deleteClone, get, getMany, getModels, requestLocation, setTags };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracker'] } },
		options: [
			{
				name: 'Change Phone',
				value: 'changePhone',
				description: "Set the phone number and mobile internet access point (APN) of a tracker's SIM card",
				action: 'Change the phone of a tracker',
			},
			{
				name: 'Corrupt',
				value: 'corrupt',
				description:
					'Destructive, cannot be undone: mark a tracker deleted and scramble its device ID and phone number',
				action: 'Corrupt a tracker',
			},
			{
				name: 'Delete Clone',
				value: 'deleteClone',
				description: 'Delete a clone of a tracker (only clones can be deleted)',
				action: 'Delete a tracker clone',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a tracker's label, group, clone flag and device",
				action: 'Get a tracker',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Get the account's trackers, optionally those whose label contains a text",
				action: 'Get many trackers',
			},
			{
				name: 'Get Models',
				value: 'getModels',
				description: 'Get the device models Navixy supports and what each can do',
				action: 'Get tracker models',
			},
			{
				name: 'Request Location',
				value: 'requestLocation',
				description: 'Ask a tracker for a fresh position by SMS or over its data connection',
				action: 'Request the location of a tracker',
			},
			{
				name: 'Set Tags',
				value: 'setTags',
				description: "Replace a tracker's tags",
				action: 'Set the tags of a tracker',
			},
		],
		default: 'get',
	},
	...changePhone.description,
	...corrupt.description,
	...deleteClone.description,
	...get.description,
	...getMany.description,
	...getModels.description,
	...requestLocation.description,
	...setTags.description,
];
