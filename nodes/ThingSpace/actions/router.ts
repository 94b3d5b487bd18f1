import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type OperationsByResource } from '../../shared/operations';
import * as callbackListener from './callbackListener/CallbackListener.resource';
import * as deviceLocation from './deviceLocation/DeviceLocation.resource';
import * as periodicLocation from './periodicLocation/PeriodicLocation.resource';

/** Every resource file exports `operations`: operation value → its module. */
export const resources: OperationsByResource = {
	callbackListener: callbackListener.operations,
	deviceLocation: deviceLocation.operations,
	periodicLocation: periodicLocation.operations,
};

/** Runs the chosen operation once for all input items (devices are batched across items). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, resources);
}
