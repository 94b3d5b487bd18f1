import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGeoJson } from '../../geometry/export';
import { flaggedOutput, groupPositions, positionFields, readPositions } from '../../helpers/positions';
import { groupField, pairedItems } from '../route/routeFields';
import { exportName, exportPoints, nameField, shapeField } from './exportPoints';

const properties: INodeProperties[] = [...positionFields, shapeField, groupField, nameField];

export const description = updateDisplayOptions({ show: { resource: ['convert'], operation: ['toGeoJson'] } }, properties);

/** One GeoJSON FeatureCollection per route as JSON, for map tools and HTTP APIs. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, false);
	const kind = this.getNodeParameter('shape', 0, 'route') as 'route' | 'points';
	const byDevice = this.getNodeParameter('groupBy', 0, 'device') === 'device';
	const output: INodeExecutionData[] = [];
	for (const [deviceId, group] of groupPositions(positions, byDevice)) {
		const collection = toGeoJson(exportPoints(group), { kind, name: exportName(this, deviceId), includePoints: true });
		output.push({ json: collection as unknown as IDataObject, pairedItem: pairedItems(group) });
	}
	return [...output, ...flaggedOutput(this, flagged)];
}
