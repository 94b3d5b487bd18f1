import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type OperationsByResource } from '../../shared/operations';
import * as command from './command/Command.resource';
import * as event from './event/Event.resource';
import * as registration from './registration/Registration.resource';
import * as sensor from './sensor/Sensor.resource';
import * as state from './state/State.resource';
import * as tracker from './tracker/Tracker.resource';

/** Every resource file exports `operations`: operation value → its module. */
export const resources: OperationsByResource = {
	command: command.operations,
	event: event.operations,
	registration: registration.operations,
	sensor: sensor.operations,
	state: state.operations,
	tracker: tracker.operations,
};

/** Runs the chosen operation once for all input items (reads of many trackers are batched). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, resources);
}
