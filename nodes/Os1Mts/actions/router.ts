import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type OperationsByResource } from '../../shared/operations';
import * as consent from './consent/Consent.resource';
import * as simTrack from './simTrack/SimTrack.resource';
import * as smartphoneTrack from './smartphoneTrack/SmartphoneTrack.resource';
import * as tracking from './tracking/Tracking.resource';

export const resources: OperationsByResource = {
	consent: consent.operations,
	simTrack: simTrack.operations,
	smartphoneTrack: smartphoneTrack.operations,
	tracking: tracking.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, resources);
}
