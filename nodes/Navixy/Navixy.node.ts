import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as command from './actions/command/Command.resource';
import * as event from './actions/event/Event.resource';
import * as registration from './actions/registration/Registration.resource';
import { router } from './actions/router';
import * as sensor from './actions/sensor/Sensor.resource';
import * as state from './actions/state/State.resource';
import * as tracker from './actions/tracker/Tracker.resource';
import { getEventTypes, getModels, searchTrackers } from './methods';

export class Navixy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Navixy',
		name: 'navixy',
		icon: { light: 'file:../../icons/navixy.svg', dark: 'file:../../icons/navixy.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read tracker states, sensors and events, register trackers and send commands through the Navixy API',
		defaults: { name: 'Navixy' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'navixyApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Command', value: 'command', description: 'Commands to trackers: locks, special settings, raw GPRS commands' },
					{ name: 'Event', value: 'event', description: 'Tracker events from the history, and their types' },
					{ name: 'Registration', value: 'registration', description: 'Register new trackers or replace the device of one' },
					{ name: 'Sensor', value: 'sensor', description: 'Readings, fuel, diagnostics, inputs and outputs' },
					{ name: 'State', value: 'state', description: 'Where trackers are now and what they are doing' },
					{ name: 'Tracker', value: 'tracker', description: 'Trackers: details, labels, tags, phone, models' },
				],
				default: 'state',
			},
			...command.description,
			...event.description,
			...registration.description,
			...sensor.description,
			...state.description,
			...tracker.description,
		],
	};

	methods = {
		listSearch: { searchTrackers },
		loadOptions: { getEventTypes, getModels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
