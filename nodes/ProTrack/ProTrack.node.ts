import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as alarm from './actions/alarm/Alarm.resource';
import * as command from './actions/command/Command.resource';
import * as device from './actions/device/Device.resource';
import * as geofence from './actions/geofence/Geofence.resource';
import * as message from './actions/message/Message.resource';
import * as playback from './actions/playback/Playback.resource';
import { router } from './actions/router';
import { getAccountsOrOwn, getSubAccounts, searchDevices } from './methods';

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
				options: [
					{ name: 'Account', value: 'account', description: 'Accounts below yours: info, block, password' },
					{ name: 'Alarm', value: 'alarm', description: 'Alarms raised by devices' },
					{ name: 'Command', value: 'command', description: 'Commands sent to devices (engine, doors, mileage)' },
					{ name: 'Device', value: 'device', description: 'Devices (trackers), their positions and mileage' },
					{ name: 'Geofence', value: 'geofence', description: 'Circular geofences around a point' },
					{ name: 'Message', value: 'message', description: 'Messages to platform accounts' },
					{ name: 'Playback', value: 'playback', description: 'Routes driven in a time range' },
				],
				default: 'device',
			},
			...account.description,
			...alarm.description,
			...command.description,
			...device.description,
			...geofence.description,
			...message.description,
			...playback.description,
		],
	};

	methods = {
		listSearch: { searchDevices },
		loadOptions: { getAccountsOrOwn, getSubAccounts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
