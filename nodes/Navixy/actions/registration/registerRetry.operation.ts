import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { registration } from '../../transport/api';
import { APN_FIELDS, readApn } from '../../helpers/sim';
import {
	readDeviceIdText,
	readSendRegisterCommands,
	ref,
	sendRegisterCommandsField,
	trackerToJson,
} from './register.operation';

/** Navixy's codes for "the device is already connected": 242 on the retry pages, 243 in the error table. */
const ALREADY_CONNECTED = new Set(['242', '243']);

/** Navixy's "device already connected" (242 or 243) as a message that says so; other errors as they are. */
function withAlreadyConnected(error: NodeApiError | NodeOperationError): Error {
	const code = String(error.context?.providerCode ?? '');
	if (error instanceof NodeApiError && ALREADY_CONNECTED.has(code)) {
		const note = 'The device is already connected to Navixy, so no activation commands were sent again';
		error.message = `Navixy error ${code}: Device already connected`;
		error.description = error.description ? `${note}. ${error.description}` : note;
	}
	return error;
}

/** Runs a retry action, explaining "device already connected" whichever of its two codes Navixy uses. */
export async function explainAlreadyConnected(context: IExecuteFunctions, run: () => Promise<IDataObject>): Promise<IDataObject> {
	try {
		return await run();
	} catch (error) {
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? withAlreadyConnected(error)
			: new NodeOperationError(context.getNode(), error as Error);
	}
}

const properties: INodeProperties[] = [
	{
		displayName: 'Find Tracker By',
		name: 'findBy',
		type: 'options',
		default: 'tracker',
		options: [
			{ name: 'Tracker', value: 'tracker', description: 'Pick the tracker or give its ID' },
			{ name: 'Device ID', value: 'deviceId', description: 'Give the device ID (for models with a fixed ID type)' },
		],
		description: 'How to name the tracker whose activation commands are sent again',
	},
	{ ...trackerLocator({}), displayOptions: { show: { findBy: ['tracker'] } } },
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '356307042441013',
		displayOptions: { show: { findBy: ['deviceId'] } },
		description: "The registered device's ID (e.g. its IMEI)",
	},
	...APN_FIELDS,
	sendRegisterCommandsField,
];

const displayOptions = { show: { resource: ['registration'], operation: ['registerRetry'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Sends the activation commands of a registered tracker again (tracker/register_retry), e.g. after
 * its SIM card's APN changed, and outputs the tracker. Sent once, never repeated after a server error.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => {
			const apn = readApn(this, itemIndex);
			const params: IDataObject = {};
			if (this.getNodeParameter('findBy', itemIndex, 'tracker') === 'deviceId') {
				const deviceId = readDeviceIdText(this, itemIndex);
				if (deviceId === undefined) throw invalidValue(ref(this, 'Device ID', itemIndex), '', 'the device ID of the tracker');
				params.device_id = deviceId;
			} else {
				params.tracker_id = readTrackerId(this, itemIndex);
			}
			Object.assign(params, apn.params);
			const send = readSendRegisterCommands(this, itemIndex);
			if (send !== undefined) params.send_register_commands = send;
			return { params, secrets: apn.secrets };
		},
		async ({ params, secrets }, itemIndex) =>
			trackerToJson(await explainAlreadyConnected(this, async () => await registration.registerRetry(this, params, itemIndex, secrets))),
	);
}
