import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type OperationsByResource } from '../../shared/operations';
import * as convert from './convert/Convert.resource';
import * as distance from './distance/Distance.resource';
import * as geofence from './geofence/Geofence.resource';
import * as route from './route/Route.resource';

export const resources: OperationsByResource = {
	convert: convert.operations,
	distance: distance.operations,
	geofence: geofence.operations,
	route: route.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, resources);
}
