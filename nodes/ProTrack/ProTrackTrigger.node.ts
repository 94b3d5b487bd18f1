import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { IMEIS_FIELD } from './helpers/imei';
import { ALARM_TYPE_OPTIONS } from './helpers/historyRecords';
import { pollNewAlarms } from './trigger/newAlarm';
import { pollStatusChanges } from './trigger/statusChanged';

export class ProTrackTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ProTrack Trigger',
		name: 'proTrackTrigger',
		icon: { light: 'file:../../icons/protrack.svg', dark: 'file:../../icons/protrack.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow on new ProTrack alarms or device status changes',
		defaults: { name: 'ProTrack Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'proTrackApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Device Status Changed',
						value: 'deviceStatusChanged',
						description: 'A watched status of a device changed (e.g. went offline, ACC turned off)',
					},
					{
						name: 'New Alarm',
						value: 'newAlarm',
						description: 'A device raised an alarm (SOS, geofence, speeding, ...)',
					},
				],
				default: 'newAlarm',
			},
			{
				displayName: 'Devices',
				name: 'devices',
				type: 'options',
				options: [
					{
						name: 'All Devices of the Account',
						value: 'all',
						description: 'Every device of the account, re-read on each poll (the API lists up to 500)',
					},
					{ name: 'Selected IMEIs', value: 'selected' },
				],
				default: 'all',
			},
			{
				...IMEIS_FIELD,
				description: 'IMEIs to watch, separated by commas',
				displayOptions: { show: { devices: ['selected'] } },
			},
			{
				displayName: 'Alarm Types',
				name: 'alarmTypes',
				type: 'multiOptions',
				options: ALARM_TYPE_OPTIONS,
				default: [],
				description: 'Only these alarm types start the workflow. Leave empty for every type.',
				displayOptions: { show: { event: ['newAlarm'] } },
			},
			{
				displayName: 'Watch Fields',
				name: 'watchFields',
				type: 'multiOptions',
				options: [
					{ name: 'ACC (Ignition)', value: 'acc' },
					{ name: 'Charging', value: 'charging' },
					{ name: 'Connection (Online, Offline, Expired...)', value: 'connection' },
					{ name: 'Defence', value: 'defence' },
					{ name: 'Door', value: 'door' },
					{ name: 'Fuel Supply', value: 'fuelSupply' },
				],
				default: ['connection'],
				description: 'A change of any of these starts the workflow, one item per change',
				displayOptions: { show: { event: ['deviceStatusChanged'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		return event === 'deviceStatusChanged' ? await pollStatusChanges(this) : await pollNewAlarms(this);
	}
}
