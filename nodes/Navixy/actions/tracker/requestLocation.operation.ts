import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';

/** Navixy's code for "the tracker's location is already up to date". */
const LOCATION_ALREADY_ACTUAL = '256';
const TYPES = ['sms', 'gsm', 'gprs'];

const properties: INodeProperties[] = [
	trackerLocator({}),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'sms',
		description: 'How the tracker is asked for its position',
		options: [
			{
				name: 'SMS (GPS by SMS)',
				value: 'sms',
				description: 'Sends an SMS asking for a GPS fix; Navixy needs an SMS gateway for it',
			},
			{
				name: 'GSM (Cell Towers over GPRS)',
				value: 'gsm',
				description: 'Asks over the data connection for a position from nearby cell towers; the tracker must be online',
			},
			{
				name: 'GPRS (GPS over GPRS)',
				value: 'gprs',
				description: 'Asks over the data connection for a GPS fix; the tracker must be online',
			},
		],
	},
];

const displayOptions = { show: { resource: ['tracker'], operation: ['requestLocation'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Asks a tracker for a fresh position (tracker/location_request), one tracker per input item. Navixy only
 * queues the request: the new position arrives later as the tracker's state. When the last position is
 * still recent (Navixy code 256), the item says so ({requested: false, alreadyActual: true}) instead of failing.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => {
			const trackerId = readTrackerId(this, itemIndex);
			const type = this.getNodeParameter('type', itemIndex, 'sms') as string;
			if (!TYPES.includes(type)) {
				throw invalidValue({ node: this.getNode(), parameter: 'Type', itemIndex }, type, 'one of sms, gsm, gprs');
			}
			return { trackerId, type };
		},
		async ({ trackerId, type }, itemIndex) => {
			const requested = await trackers.requestLocation(this, trackerId, type, itemIndex).then(
				() => true,
				(error: unknown) => {
					if (error instanceof NodeApiError && error.context.providerCode === LOCATION_ALREADY_ACTUAL) return false;
					throw error;
				},
			);
			if (!requested) return { trackerId, type, requested: false, alreadyActual: true };
			return { trackerId, type, requested: true, alreadyActual: false };
		},
	);
}
