import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as consent from './actions/consent/Consent.resource';
import { router } from './actions/router';
import * as simTrack from './actions/simTrack/SimTrack.resource';
import * as smartphoneTrack from './actions/smartphoneTrack/SmartphoneTrack.resource';
import * as tracking from './actions/tracking/Tracking.resource';

export class Os1Mts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OS1 Movement Tracking',
		name: 'os1Mts',
		icon: { light: 'file:../../icons/os1.svg', dark: 'file:../../icons/os1.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Ask drivers for consent, track phones by SIM or app, and read trace data with OS1 (Delhivery) Movement Tracking',
		defaults: { name: 'OS1 Movement Tracking' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'os1MtsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Consent', value: 'consent', description: "A driver's consent (by SMS) to SIM-based tracking" },
					{ name: 'SIM Track', value: 'simTrack', description: 'Track a phone through its cellular network' },
					{ name: 'Smartphone Track', value: 'smartphoneTrack', description: 'Track a smartphone through an app' },
					{ name: 'Tracking', value: 'tracking', description: 'Status and trace data of any track' },
				],
				default: 'consent',
			},
			...consent.description,
			...simTrack.description,
			...smartphoneTrack.description,
			...tracking.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
