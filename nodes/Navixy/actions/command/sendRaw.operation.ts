import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { commands } from '../../transport/api';

const properties: INodeProperties[] = [
	trackerLocator({}),
	{
		displayName: 'Command',
		name: 'rawCommand',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'setdigout 1',
		description: "The device's own GPRS command, as its protocol expects it; in Hex mode, hex digits (two per byte)",
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Text', value: 'text', description: 'The command is sent as text' },
			{ name: 'Hex', value: 'hex', description: 'The command is bytes written as hex digits, e.g. 0A1B' },
		],
	},
	{
		displayName: 'Reliable',
		name: 'reliable',
		type: 'boolean',
		default: true,
		description: 'Whether Navixy sends the command again when the device disconnects or does not acknowledge it',
	},
];

const displayOptions = { show: { resource: ['command'], operation: ['sendRaw'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface RawCommand {
	trackerId: number;
	command: string;
	type: 'text' | 'hex';
	reliable: boolean;
}

function readRaw(context: IExecuteFunctions, itemIndex: number): RawCommand {
	const node = context.getNode();
	const trackerId = readTrackerId(context, itemIndex);
	const type = context.getNodeParameter('type', itemIndex, 'text');
	if (type !== 'text' && type !== 'hex') throw invalidValue({ node, parameter: 'Type', itemIndex }, type, 'Text or Hex');
	const raw = context.getNodeParameter('rawCommand', itemIndex, '');
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
	const commandRef = { node, parameter: 'Command', itemIndex };
	if (text.trim() === '') throw invalidValue(commandRef, raw, 'a non-empty command');
	let command = text;
	if (type === 'hex') {
		command = text.trim();
		if (!/^(?:[0-9A-Fa-f]{2})+$/.test(command)) {
			throw invalidValue(commandRef, raw, 'hex digits only (0-9, A-F), two per byte, so an even number of them');
		}
	}
	const reliable = context.getNodeParameter('reliable', itemIndex, true);
	if (typeof reliable !== 'boolean') throw invalidValue({ node, parameter: 'Reliable', itemIndex }, reliable, 'true or false');
	return { trackerId, command, type, reliable };
}

/**
 * Sends a protocol-specific GPRS command to a tracker (tracker/raw_command/send). Navixy queues it:
 * success means accepted, not yet carried out. Sent once, never repeated after a server error.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readRaw(this, itemIndex),
		async ({ trackerId, command, type, reliable }, itemIndex) => {
			await commands.sendRaw(this, trackerId, command, type, reliable, itemIndex);
			return { trackerId, command, type, reliable, queued: true };
		},
	);
}
