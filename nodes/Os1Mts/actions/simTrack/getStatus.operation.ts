import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { statusFields, trackStatuses, type StatusLookupField } from '../trackOperations';

const LOOKUPS: StatusLookupField[] = [
	{ value: 'msisdn', name: 'MSISDN', parameter: 'statusMsisdn', displayName: 'MSISDN' },
	{ value: 'name', name: 'Track Name', parameter: 'statusTrackName', displayName: 'Track Name' },
	{ value: 'id', name: 'Track ID', parameter: 'statusTrackId', displayName: 'Track ID' },
];

export const description = statusFields('simTrack', LOOKUPS, 'msisdn');

/** getSimTrackStatusByMsisdn / ByName / ById: started or stopped, consent, times (ISO), route statistics. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await trackStatuses(this, 'sim', LOOKUPS);
}
