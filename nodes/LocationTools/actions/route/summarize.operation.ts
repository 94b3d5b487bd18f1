import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { summarizeRoute } from '../../geometry/route';
import { flaggedOutput, groupPositions, positionFields, readPositions } from '../../helpers/positions';
import { groupField, pairedItems, readStopOptions, stopFields, timedPoint } from './routeFields';

const properties: INodeProperties[] = [...positionFields, groupField, ...stopFields];

export const description = updateDisplayOptions({ show: { resource: ['route'], operation: ['summarize'] } }, properties);

/**
 * One item per route: distance, duration, moving and stopped time, the stops (place and times), maximum
 * and average speed. Points are taken in time order.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, true);
	const byDevice = this.getNodeParameter('groupBy', 0, 'device') === 'device';
	const options = readStopOptions(this);
	const output: INodeExecutionData[] = [];
	for (const [deviceId, group] of groupPositions(positions, byDevice)) {
		const summary = summarizeRoute(group.map(timedPoint), options);
		output.push({ json: { deviceId: byDevice ? deviceId : null, ...summary } as unknown as IDataObject, pairedItem: pairedItems(group) });
	}
	return [...output, ...flaggedOutput(this, flagged)];
}
