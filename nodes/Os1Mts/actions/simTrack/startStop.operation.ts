import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { startOrStopTracks, startStopFields } from '../trackOperations';

export const description = updateDisplayOptions({ show: { resource: ['simTrack'], operation: ['start', 'stop'] } }, startStopFields);

/** updateSimTrack with `start` or `stop` (the chosen operation), by track id or name. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await startOrStopTracks(this, 'sim');
}
