import type { INodeProperties } from 'n8n-workflow';

import * as getDetails from './getDetails.operation';
import * as getLatestLocation from './getLatestLocation.operation';
import * as getMany from './getMany.operation';
import * as getMileage from './getMileage.operation';

export const operations = { getDetails, getLatestLocation, getMany, getMileage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{
				name: 'Get Details',
				value: 'getDetails',
				description: 'Get the name, model, plate, SIM card and dates of one or more devices',
				action: 'Get details of devices',
			},
			{
				name: 'Get Latest Location',
				value: 'getLatestLocation',
				description: 'Get the latest position and status of one or more devices',
				action: 'Get latest location of devices',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the devices of an account',
				action: 'Get many devices',
			},
			{
				name: 'Get Mileage',
				value: 'getMileage',
				description: 'Get the distance driven by one or more devices in a time range',
				action: 'Get mileage of devices',
			},
		],
		default: 'getLatestLocation',
	},
	...getDetails.description,
	...getLatestLocation.description,
	...getMany.description,
	...getMileage.description,
];
