import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { trackerIdsField } from './helpers/trackerId';
import { getEventTypes } from './methods';
import { pollNewEvents } from './trigger/newEvent';
import { pollStateChanges } from './trigger/stateChanged';

export class NavixyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Navixy Trigger',
		name: 'navixyTrigger',
		icon: { light: 'file:../../icons/navixy.svg', dark: 'file:../../icons/navixy.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow on new Navixy tracker events or tracker state changes',
		defaults: { name: 'Navixy Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'navixyApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Tracker Event',
						value: 'newTrackerEvent',
						description: 'Navixy received an event from a tracker (SOS, geofence, ignition, speeding, ...)',
					},
					{
						name: 'Tracker State Changed',
						value: 'trackerStateChanged',
						description: 'A watched part of a tracker state changed (connection, movement, ignition, an input or output)',
					},
				],
				default: 'newTrackerEvent',
			},
			{
				displayName: 'Trackers',
				name: 'trackers',
				type: 'options',
				options: [
					{
						name: 'All Trackers of the Account',
						value: 'all',
						description: 'Every tracker that is not blocked, re-read on each poll',
					},
					{ name: 'Selected Tracker IDs', value: 'selected' },
				],
				default: 'all',
			},
			trackerIdsField('to watch', { show: { trackers: ['selected'] } }),
			{
				displayName: 'Event Type Names or IDs',
				name: 'eventTypes',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getEventTypes' },
				default: [],
				description:
					'Only events of these types start the workflow; every type when empty. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { event: ['newTrackerEvent'] } },
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'multiOptions',
				options: [
					{ name: 'Connection Status (Active, Idle, Offline, ...)', value: 'connectionStatus' },
					{ name: 'Digital Input', value: 'input' },
					{ name: 'Digital Output', value: 'output' },
					{ name: 'Ignition', value: 'ignition' },
					{ name: 'Movement Status (Moving, Stopped, Parked)', value: 'movementStatus' },
				],
				default: ['connectionStatus'],
				description: 'A change of any of these starts the workflow, one item per change',
				displayOptions: { show: { event: ['trackerStateChanged'] } },
			},
			{
				displayName: 'Digital Input Number',
				name: 'inputNumber',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 64 },
				default: 1,
				description: 'Which digital input to watch (1 is the first)',
				displayOptions: { show: { event: ['trackerStateChanged'], watch: ['input'] } },
			},
			{
				displayName: 'Digital Output Number',
				name: 'outputNumber',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 64 },
				default: 1,
				description: 'Which digital output to watch (1 is the first)',
				displayOptions: { show: { event: ['trackerStateChanged'], watch: ['output'] } },
			},
		],
	};

	methods = {
		loadOptions: { getEventTypes },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		return event === 'trackerStateChanged' ? await pollStateChanges(this) : await pollNewEvents(this);
	}
}
