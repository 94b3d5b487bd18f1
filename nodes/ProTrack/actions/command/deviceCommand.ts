import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue, invalidValue, toFiniteNumber } from '../../../shared/validation';
import { imeiLocator, readImei } from '../../helpers/fields';
import { queryCommand, sendCommand } from '../../transport/api';

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

/** The parameters of a command sent to the API; SET_MILEAGE carries paramData {"mileage":"30"}. */
export function commandParams(command: DeviceCommand): IDataObject {
	const params: IDataObject = { imei: command.imei, command: command.apiCommand };
	if (command.mileage !== undefined) {
		params.paramData = JSON.stringify({ mileage: String(command.mileage) });
	}
	return params;
}

/**
 * Sends the command once and returns its command ID. A refusal (rate limit) is retried by the
 * transport; a server error or dropped connection is not, since the device might act twice (the
 * error then says the command may have been carried out).
 */
export async function sendDeviceCommand(
	context: IExecuteFunctions,
	command: DeviceCommand,
	itemIndex: number,
): Promise<string> {
	const record = (await sendCommand(context, commandParams(command), itemIndex)) as IDataObject | undefined;
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

export interface CommandAnswer {
	commandId: string;
	answered: boolean;
	commandstatus: number;
	response: string;
}

/** Whether the device has answered a command, and its answer (read-only, so it may be retried). */
export async function readCommandAnswer(
	context: IExecuteFunctions,
	commandId: string,
	itemIndex: number,
): Promise<CommandAnswer> {
	const record = ((await queryCommand(context, commandId, itemIndex)) ?? {}) as IDataObject;
	const commandstatus = Number(record.commandstatus);
	return {
		commandId,
		answered: commandstatus === 1,
		commandstatus,
		response: typeof record.response === 'string' ? record.response : String(record.response ?? ''),
	};
}
