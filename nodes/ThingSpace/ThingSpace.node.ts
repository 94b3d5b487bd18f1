import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as callbackListener from './actions/callbackListener/CallbackListener.resource';
import * as deviceLocation from './actions/deviceLocation/DeviceLocation.resource';
import * as periodicLocation from './actions/periodicLocation/PeriodicLocation.resource';
import { router } from './actions/router';

export class ThingSpace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Verizon ThingSpace',
		name: 'thingSpace',
		icon: { light: 'file:../../icons/thingspace.svg', dark: 'file:../../icons/thingspace.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Locate Verizon IoT devices with the ThingSpace Location API: periodic location of whole fleets, current and asynchronous locations, callback listeners',
		defaults: { name: 'Verizon ThingSpace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'thingSpaceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Callback Listener', value: 'callbackListener', description: 'Where ThingSpace sends location callbacks' },
					{ name: 'Device Location', value: 'deviceLocation', description: 'Where devices are now, at once or by callback' },
					{ name: 'Periodic Location', value: 'periodicLocation', description: 'Location reports of devices at intervals, by callback' },
				],
				default: 'periodicLocation',
			},
			...callbackListener.description,
			...deviceLocation.description,
			...periodicLocation.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
