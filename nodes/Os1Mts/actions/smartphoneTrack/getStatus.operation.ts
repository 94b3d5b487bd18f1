import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { statusFields, trackStatuses, type StatusLookupField } from '../trackOperations';

const LOOKUPS: StatusLookupField[] = [
	{ value: 'context', name: 'Context ID', parameter: 'statusContextId', displayName: 'Context ID' },
	{ value: 'name', name: 'Track Name', parameter: 'statusTrackName', displayName: 'Track Name' },
	{ value: 'id', name: 'Track ID', parameter: 'statusTrackId', displayName: 'Track ID' },
];

export const description = statusFields('smartphoneTrack', LOOKUPS, 'context');

/** getPhoneTrackStatusByContextId / ByName / ById: started or stopped, times (ISO), traces, route statistics. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await trackStatuses(this, 'smartphone', LOOKUPS);
}
