import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as device from './actions/device/Device.resource';
import { router } from './actions/router';

export class ProTrack implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ProTrack',
		name: 'proTrack',
		icon: { light: 'file:../../icons/protrack.svg', dark: 'file:../../icons/protrack.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read positions and control GPS trackers through the ProTrack Open API (ProTrack365 and its white-label hosts)',
		defaults: { name: 'ProTrack' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'proTrackApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Device', value: 'device' }],
				default: 'device',
			},
			...device.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
