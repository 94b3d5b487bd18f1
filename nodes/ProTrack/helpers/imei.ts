import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type KeyedRequest, type KeyedResult, runBatched } from '../../shared/batching';
import { stopOnInvalidInput } from '../../shared/items';
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

/** The "IMEIs" parameter of the operations that batch IMEIs (100 per request). */
export const IMEIS_FIELD: INodeProperties = {
	displayName: 'IMEIs',
	name: 'imeis',
	type: 'string',
	default: '',
	required: true,
	placeholder: '358899051025339, 355139000000234',
	description:
		'One IMEI, or several separated by commas. To take one IMEI from each input item, drag the input field here. Requests are batched 100 IMEIs at a time.',
};

/** Records keyed by their `imei` field (track, detail, mileage records have one). */
export function recordsByImei(record: unknown): Map<string, IDataObject> {
	const records = Array.isArray(record) ? (record as IDataObject[]) : [];
	return new Map(records.map((entry) => [String(entry.imei), entry]));
}

/**
 * For the calls that take up to 100 IMEIs (latest position, details, mileage): fetches the requested
 * IMEIs 100 at a time with `fetch` and maps each request back to its result; an IMEI the API left out
 * has no result.
 */
export async function fetchImeiBatches<R>(
	requests: readonly KeyedRequest[],
	fetch: (imeis: string[]) => Promise<unknown>,
	toMap: (record: unknown) => Map<string, R>,
): Promise<Array<KeyedResult<R>>> {
	return await runBatched<R>(requests, MAX_IMEIS_PER_REQUEST, async (imeis) => toMap(await fetch(imeis)));
}

/**
 * Reads and validates the IMEIs parameter of every item first, then fetches their records with
 * `fetch` (latest positions, details), 100 IMEIs per request.
 */
export async function fetchRecordsByImei(
	context: IExecuteFunctions,
	fetch: (imeis: string[]) => Promise<unknown>,
): Promise<{ results: Array<KeyedResult<IDataObject>>; invalid: Array<{ itemIndex: number; error: Error }> }> {
	const { requests, invalid } = collectImeis(context, 'imeis', 'IMEIs');
	stopOnInvalidInput(context, invalid);
	const results = await fetchImeiBatches(requests, fetch, recordsByImei);
	return { results, invalid };
}
