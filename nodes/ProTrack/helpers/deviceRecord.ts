import type { IDataObject } from 'n8n-workflow';

import { withIsoTimes } from '../../shared/time';

/** Epoch-second fields of /api/device/list and /api/device/detail; 0 means "not set". */
export const DEVICE_TIME_FIELDS = ['onlinetime', 'platformduetime', 'activatedtime', 'userduetime'] as const;

/** A device record as output: the raw fields, each time followed by its ISO twin (null for 0). */
export function deviceToJson(record: IDataObject): IDataObject {
	return withIsoTimes(record, DEVICE_TIME_FIELDS);
}
