import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type OperationsByResource } from '../../shared/operations';
import * as account from './account/Account.resource';
import * as alarm from './alarm/Alarm.resource';
import * as command from './command/Command.resource';
import * as device from './device/Device.resource';
import * as geofence from './geofence/Geofence.resource';
import * as message from './message/Message.resource';
import * as playback from './playback/Playback.resource';

/** Every resource file exports `operations`: operation value → its module. */
export const resources: OperationsByResource = {
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

/** Runs the chosen operation once for all input items (operations batch 100 IMEIs per request). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, resources, RENAMED_OPERATIONS);
}
