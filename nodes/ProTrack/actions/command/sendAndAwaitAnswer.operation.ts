import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep, updateDisplayOptions } from 'n8n-workflow';

import {
	invalidValue,
	operationError,
	requireIntegerInRange,
	requireNumberInRange,
} from '../../../shared/validation';
import { perItemAfterValidation } from '../../../shared/items';
import {
	commandFields,
	type DeviceCommand,
	readCommandAnswer,
	readDeviceCommand,
	sendDeviceCommand,
} from './deviceCommand';

/** The Open API document: query about once a second, at most 30 times, then consider it timed out. */
export const MAX_TRIES_LIMIT = 30;
const MAX_POLL_INTERVAL_SECONDS = 10;

const ON_TIMEOUT = ['fail', 'returnItem'] as const;
type OnTimeout = (typeof ON_TIMEOUT)[number];

const properties: INodeProperties[] = [
	...commandFields(),
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_POLL_INTERVAL_SECONDS },
		description: 'How long to wait before each check for the answer',
	},
	{
		displayName: 'Max Tries',
		name: 'maxTries',
		type: 'number',
		default: MAX_TRIES_LIMIT,
		typeOptions: { minValue: 1, maxValue: MAX_TRIES_LIMIT },
		description: 'How many times to check for the answer before giving up (ProTrack allows at most 30)',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		default: 'returnItem',
		description: 'What to do when the device has not answered after the last try',
		options: [
			{ name: 'Fail', value: 'fail', description: 'Stop with an error (or an error item under Continue On Fail)' },
			{
				name: 'Return an Item',
				value: 'returnItem',
				description: 'Output the command with answered false and timedOut true',
			},
		],
	},
];

// 'sendAndWait' is this operation's value in workflows saved with 0.1.0 (see RENAMED_OPERATIONS in
// the router): its fields must resolve for those too.
const displayOptions = { show: { resource: ['command'], operation: ['sendAndAwaitAnswer', 'sendAndWait'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface WaitSettings {
	command: DeviceCommand;
	intervalMs: number;
	maxTries: number;
	onTimeout: OnTimeout;
}

/**
 * Sends one command per input item, then asks for the device's answer every Poll Interval until it
 * has answered or Max Tries checks were made. The command itself is sent once only.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readSettings(this, itemIndex),
		async (settings, itemIndex) => await sendAndAwaitAnswer(this, settings, itemIndex),
	);
}

function readSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const node = context.getNode();
	const command = readDeviceCommand(context, itemIndex);
	const intervalSeconds = requireNumberInRange(
		{ node, parameter: 'Poll Interval (Seconds)', itemIndex },
		context.getNodeParameter('pollInterval', itemIndex),
		1,
		MAX_POLL_INTERVAL_SECONDS,
		'seconds',
	);
	const maxTries = requireIntegerInRange(
		{ node, parameter: 'Max Tries', itemIndex },
		context.getNodeParameter('maxTries', itemIndex),
		1,
		MAX_TRIES_LIMIT,
	);
	const onTimeout = context.getNodeParameter('onTimeout', itemIndex) as unknown;
	if (!ON_TIMEOUT.includes(onTimeout as OnTimeout)) {
		throw invalidValue({ node, parameter: 'On Timeout', itemIndex }, onTimeout, ON_TIMEOUT.join(' or '));
	}
	return { command, intervalMs: Math.round(intervalSeconds * 1000), maxTries, onTimeout: onTimeout as OnTimeout };
}

async function sendAndAwaitAnswer(
	context: IExecuteFunctions,
	{ command, intervalMs, maxTries, onTimeout }: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const commandId = await sendDeviceCommand(context, command, itemIndex);
	const sentAt = Date.now();
	const result: IDataObject = { imei: command.imei, command: command.apiCommand, commandId };
	if (command.mileage !== undefined) result.mileage = command.mileage;

	for (let tries = 1; tries <= maxTries; tries++) {
		await sleep(intervalMs);
		const answer = await queryAfterSend(context, command, commandId, itemIndex);
		if (answer.answered) {
			return { ...result, answered: true, timedOut: false, response: answer.response, tries, waitedMs: Date.now() - sentAt };
		}
	}

	const waitedMs = Date.now() - sentAt;
	if (onTimeout === 'fail') {
		throw operationError(
			context.getNode(),
			`Device ${command.imei} gave no answer to ${command.apiCommand} (command ID ${commandId}) after ${maxTries} tries (${(waitedMs / 1000).toFixed(1)} s)`,
			{
				itemIndex,
				description: 'The command was sent. Use Get Response with this command ID to check for a late answer.',
			},
		);
	}
	return { ...result, answered: false, timedOut: true, response: '', tries: maxTries, waitedMs };
}

/** A failed check must not look like a failed send: the command is out, so name its ID. */
async function queryAfterSend(
	context: IExecuteFunctions,
	command: DeviceCommand,
	commandId: string,
	itemIndex: number,
) {
	try {
		return await readCommandAnswer(context, commandId, itemIndex);
	} catch (error) {
		throw operationError(
			context.getNode(),
			`${command.apiCommand} was sent to ${command.imei} (command ID ${commandId}), but checking for its answer failed: ${(error as Error).message}`,
			{
				itemIndex,
				description: 'Do not send the command again blindly. Use Get Response with this command ID to check later.',
			},
		);
	}
}
