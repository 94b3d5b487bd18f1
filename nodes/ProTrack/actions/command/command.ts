import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeValue, invalidValue, toFiniteNumber } from '../../../shared/validation';
import { imeiLocator, readImei } from '../../helpers/fields';
import { proTrackRequest } from '../../transport';

/** The commands of the Open API (2.5), by the option value the node uses for each. */
export const COMMANDS = {
	lockDoor: { name: 'Lock Door', apiCommand: 'LOCKDOOR' },
	resetDevice: { name: 'Reset Device', apiCommand: 'RESET' },
	restoreEngine: { name: 'Restore Engine', apiCommand: 'RELAY,0' },
	setMileage: { name: 'Set Mileage', apiCommand: 'SET_MILEAGE' },
	stopEngine: { name: 'Stop Engine', apiCommand: 'RELAY,1' },
	unlockDoor: { name: 'Unlock Door', apiCommand: 'UNLOCKDOOR' },
} as const;

type CommandChoice = keyof typeof COMMANDS;

const COMMAND_DESCRIPTIONS: Record<CommandChoice, string> = {
	lockDoor: 'Sends LOCKDOOR',
	resetDevice: 'Sends RESET (restarts the tracker)',
	restoreEngine: 'Sends RELAY,0 (reconnects fuel or ignition)',
	setMileage: 'Sends SET_MILEAGE with the new mileage',
	stopEngine: 'Sends RELAY,1 (cuts fuel or ignition; the tracker may wait until the vehicle is slow)',
	unlockDoor: 'Sends UNLOCKDOOR',
};

/** A command read from the node's parameters and checked, ready to send. */
export interface DeviceCommand {
	imei: string;
	/** The text sent as `command`, e.g. 'RELAY,1'. */
	apiCommand: string;
	/** Only for SET_MILEAGE, e.g. 30. */
	mileage?: number;
}

/** Device, Command and Mileage (shown for Set Mileage only); wrap them with the operation's displayOptions. */
export function commandFields(): INodeProperties[] {
	return [
		imeiLocator({}),
		{
			displayName: 'Command',
			name: 'command',
			type: 'options',
			default: 'lockDoor',
			required: true,
			description: 'What the device should do',
			options: (Object.keys(COMMANDS) as CommandChoice[]).map((value) => ({
				name: COMMANDS[value].name,
				value,
				description: COMMAND_DESCRIPTIONS[value],
			})),
		},
		{
			displayName: 'Mileage',
			name: 'mileage',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { minValue: 0 },
			displayOptions: { show: { command: ['setMileage'] } },
			description:
				"The device's new total mileage, in the unit your ProTrack platform uses (usually km; the Open API document does not say)",
		},
	];
}

/** Reads Device, Command and Mileage of one item; anything invalid throws before a request is made. */
export function readDeviceCommand(context: IExecuteFunctions, itemIndex: number): DeviceCommand {
	const node = context.getNode();
	const choice = context.getNodeParameter('command', itemIndex) as unknown;
	if (typeof choice !== 'string' || !Object.prototype.hasOwnProperty.call(COMMANDS, choice)) {
		throw invalidValue(
			{ node, parameter: 'Command', itemIndex },
			choice,
			`one of ${Object.keys(COMMANDS).join(', ')}`,
		);
	}
	const imei = readImei(context, itemIndex);
	const apiCommand = COMMANDS[choice as CommandChoice].apiCommand;
	if (choice !== 'setMileage') return { imei, apiCommand };

	const raw = context.getNodeParameter('mileage', itemIndex) as unknown;
	const mileage = toFiniteNumber(raw);
	if (mileage === null || mileage < 0) {
		throw invalidValue(
			{ node, parameter: 'Mileage', itemIndex },
			raw,
			'a number of 0 or more, in the mileage unit of your ProTrack platform',
		);
	}
	return { imei, apiCommand, mileage };
}

/** The request parameters of /api/command/send; SET_MILEAGE carries paramData {"mileage":"30"}. */
export function commandParams(command: DeviceCommand): IDataObject {
	const params: IDataObject = { imei: command.imei, command: command.apiCommand };
	if (command.mileage !== undefined) {
		params.paramData = JSON.stringify({ mileage: String(command.mileage) });
	}
	return params;
}

const NOT_REPEATED =
	'The command was not sent again automatically: ProTrack may already have passed it to the device. Check the device on the platform before sending it again.';

/**
 * Sends the command once and returns its command ID. A refusal (rate limit) is retried by the
 * transport; a server error or dropped connection is not, since the device might act twice.
 */
export async function sendDeviceCommand(
	context: IExecuteFunctions,
	command: DeviceCommand,
	itemIndex: number,
): Promise<string> {
	let record: IDataObject | undefined;
	try {
		const envelope = await proTrackRequest.call(context, {
			method: 'POST',
			path: '/api/command/send',
			params: commandParams(command),
			safeToRepeat: false,
			itemIndex,
		});
		record = envelope.record as IDataObject | undefined;
	} catch (error) {
		throw withDeliveryNote(context, error, itemIndex);
	}
	const commandId = record?.commandid;
	if ((typeof commandId !== 'string' && typeof commandId !== 'number') || String(commandId) === '') {
		throw new NodeOperationError(
			context.getNode(),
			`ProTrack accepted ${command.apiCommand} for ${command.imei} but returned no command ID (got ${describeValue(commandId)})`,
			{ itemIndex },
		);
	}
	return String(commandId);
}

/** Errors without a ProTrack code (HTTP 5xx, dropped connection) leave delivery uncertain: say so. */
function withDeliveryNote(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) {
		if (error.context?.providerCode === undefined) {
			error.description = error.description ? `${error.description.replace(/\.$/, '')}. ${NOT_REPEATED}` : NOT_REPEATED;
		}
		return error;
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex, description: NOT_REPEATED });
}

export interface CommandAnswer {
	commandId: string;
	answered: boolean;
	commandstatus: number;
	response: string;
}

/** One /api/command/query call (read-only, so the transport may retry it). */
export async function queryCommand(
	context: IExecuteFunctions,
	commandId: string,
	itemIndex: number,
): Promise<CommandAnswer> {
	const envelope = await proTrackRequest.call(context, {
		method: 'POST',
		path: '/api/command/query',
		params: { commandid: commandId },
		safeToRepeat: true,
		itemIndex,
	});
	const record = (envelope.record ?? {}) as IDataObject;
	const commandstatus = Number(record.commandstatus);
	return {
		commandId,
		answered: commandstatus === 1,
		commandstatus,
		response: typeof record.response === 'string' ? record.response : String(record.response ?? ''),
	};
}
