import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { trackers } from '../../transport/api';

const properties: INodeProperties[] = [trackerLocator({})];

const displayOptions = { show: { resource: ['tracker'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * A tracker object as Navixy sends it, with the device ID always as text (some answers give it as a
 * number) and a missing phone as null (Navixy leaves out null fields).
 */
export function trackerToJson(tracker: IDataObject): IDataObject {
	const source = (tracker.source ?? {}) as IDataObject;
	const deviceId = source.device_id;
	const phone = source.phone;
	return {
		...tracker,
		source: {
			...source,
			device_id: deviceId === undefined || deviceId === null ? null : String(deviceId),
			phone: phone === undefined || phone === null ? null : String(phone),
		},
	};
}

/** One tracker per input item (tracker/read): label, clone flag, group and its device (source). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readTrackerId(this, itemIndex),
		async (trackerId, itemIndex) => trackerToJson(await trackers.read(this, trackerId, itemIndex)),
	);
}
