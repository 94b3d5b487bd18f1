import type { IExecuteFunctions } from 'n8n-workflow';

import type { KeyedRequest } from '../../shared/batching';
import { parseIdList } from '../../shared/validation';

/**
 * What the package accepts as a device IMEI. The Open API only says "IMEI"; white-label platforms
 * also register trackers whose ids are not 15 digits, so any id of 8 to 20 digits is accepted.
 */
export const IMEI_PATTERN = /^\d{8,20}$/;
export const IMEI_EXPECTED = '8 to 20 digits, e.g. 358899051025339';

/** The Open API's limit for /api/track, /api/device/detail and /api/device/mileage. */
export const MAX_IMEIS_PER_REQUEST = 100;

/**
 * Reads the IMEIs parameter of every input item (one IMEI, or several separated by commas) and
 * validates them before anything is sent. Returns one request per IMEI, keyed to its input item.
 * Items whose value is invalid are reported in `invalid` with the error.
 */
export function collectImeis(
	context: IExecuteFunctions,
	parameter: string,
	displayName: string,
): { requests: KeyedRequest[]; invalid: Array<{ itemIndex: number; error: Error }> } {
	const requests: KeyedRequest[] = [];
	const invalid: Array<{ itemIndex: number; error: Error }> = [];
	const itemCount = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const raw = context.getNodeParameter(parameter, itemIndex);
			const imeis = parseIdList(
				{ node: context.getNode(), parameter: displayName, itemIndex },
				raw,
				IMEI_PATTERN,
				IMEI_EXPECTED,
			);
			for (const key of imeis) requests.push({ itemIndex, key });
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	return { requests, invalid };
}
