import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as alarm from './alarm/Alarm.resource';
import * as command from './command/Command.resource';
import * as device from './device/Device.resource';
import * as geofence from './geofence/Geofence.resource';
import * as message from './message/Message.resource';
import * as playback from './playback/Playback.resource';
import type { ProTrackOperation } from './types';

/** Every resource file exports `operations`: operation value → its module. */
export const resources: Record<string, Record<string, ProTrackOperation>> = {
	account: account.operations,
	alarm: alarm.operations,
	command: command.operations,
	device: device.operations,
	geofence: geofence.operations,
	message: message.operations,
	playback: playback.operations,
};

/**
 * Operation values renamed since 0.1.0, so that workflows saved with the old value still run.
 * 'sendAndWait' is n8n's reserved value for human-in-the-loop nodes: the editor said the node runs
 * once for the first item and "waits for user input".
 */
const RENAMED_OPERATIONS: Record<string, Record<string, string>> = {
	command: { sendAndWait: 'sendAndAwaitAnswer' },
};

/**
 * Runs the chosen operation once for all input items: operations batch across items (100 IMEIs per
 * request), so they receive every item and return output items paired to their inputs.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const chosen = this.getNodeParameter('operation', 0) as string;
	const operation = RENAMED_OPERATIONS[resource]?.[chosen] ?? chosen;
	const handler = resources[resource]?.[operation];
	if (handler === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this)];
}
