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
 * Runs the chosen operation once for all input items: operations batch across items (100 IMEIs per
 * request), so they receive every item and return output items paired to their inputs.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (handler === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this)];
}
