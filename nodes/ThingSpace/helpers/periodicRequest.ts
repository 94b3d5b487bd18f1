import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalidValue, requireIntegerInRange } from '../../shared/validation';

/**
 * The periodic-location request, and how the node reads the places where ThingSpace's document
 * contradicts itself. Every reading is made here, once, and the node's field descriptions say the same:
 *
 * 1. Maximum location age: the parameter table names it `maxLocAge` (a string), the example body
 *    `maxLocationAge` (a number). The node sends `maxLocAge`.
 * 2. Numbers: the table types every number as "an integer (as a string)", the example sends JSON
 *    numbers. The node sends strings, as the table says.
 * 3. Number of fixes: the table gives "Default: 12" and also "if this value is not provided or set to 0,
 *    Periodic Location will continue running until a Stop is received". The node always sends
 *    `numberOfFixes` (its own default is 12; 0 means until stopped), so an absent value never has to be
 *    read either way.
 * 4. Stop: the page title says `DELETE /devicelocations/action/periodic`, the request line adds
 *    `/{transactionID}?{accountName}`, and `mdn` (array, at most 100) is listed among the path
 *    parameters. The node sends `DELETE /devicelocations/action/periodic/{transactionID}?accountName=<account>`
 *    with the JSON body `{"mdn": [...]}`, one request per 100 MDNs of a session.
 * 5. locationType (0 cached, 1 current) sits beside the device in the callback table and inside
 *    `positionData` in the example: the trigger reads it from positionData, else from the device.
 * 6. Cache mode is named in the text ("cacheMode=2" for cached or current) but not in the periodic
 *    table; the error-code page adds that 1 and 2 ask for a current location. The node offers 1 (current,
 *    ThingSpace's default when absent), 2 (cached or current) and 0 (cached only), sent as a string and
 *    only when chosen.
 */

export interface Range {
	/** The field's display name, for error messages. */
	label: string;
	min: number;
	max: number;
	unit: string;
}

export const PERIODIC_RANGES = {
	numberOfFixes: { label: 'Number of Fixes', min: 0, max: 1000, unit: 'fixes (0 = until stopped)' },
	fixInterval: { label: 'Fix Interval (Seconds)', min: 1, max: 1036800, unit: 'seconds (12 days)' },
	startDelay: { label: 'Start Delay (Seconds)', min: 0, max: 86400, unit: 'seconds (1 day)' },
	maxLocationAge: { label: 'Maximum Location Age (Seconds)', min: 0, max: 3600, unit: 'seconds' },
} as const satisfies Record<string, Range>;

export const CACHE_MODES = [
	{ name: 'Current', value: '1', description: "The device's location now (ThingSpace's default)" },
	{ name: 'Cached or Current', value: '2', description: 'A cached location no older than the maximum location age, else the current one' },
	{ name: 'Cached Only', value: '0', description: 'The last location ThingSpace stored; no charge, an error when there is none' },
] as const;

/** The Cache Mode option of every location request (periodic, current, asynchronous). */
export function cacheModeOption(description: string): INodeProperties {
	return {
		displayName: 'Cache Mode',
		name: 'cacheMode',
		type: 'options',
		options: CACHE_MODES.map((mode) => ({ ...mode })),
		default: '1',
		description,
	};
}

export interface PeriodicSettings {
	numberOfFixes: number;
	fixInterval: number;
	startDelay: number;
	maxLocationAge: number;
	/** '0', '1' or '2'; absent: ThingSpace's default (current). */
	cacheMode?: string;
}

/** A whole number within one of the documented ranges, or an error naming the field, value and range. */
export function requireInDocumentedRange(node: INode, range: Range, value: unknown, itemIndex?: number): number {
	return requireIntegerInRange({ node, parameter: range.label, itemIndex }, value, range.min, range.max, range.unit);
}

/** Validates the raw field values of one request. */
export function readPeriodicSettings(
	node: INode,
	raw: { numberOfFixes: unknown; fixInterval: unknown; startDelay: unknown; maxLocationAge: unknown; cacheMode?: unknown },
	itemIndex?: number,
): PeriodicSettings {
	const settings: PeriodicSettings = {
		numberOfFixes: requireInDocumentedRange(node, PERIODIC_RANGES.numberOfFixes, raw.numberOfFixes, itemIndex),
		fixInterval: requireInDocumentedRange(node, PERIODIC_RANGES.fixInterval, raw.fixInterval, itemIndex),
		startDelay: requireInDocumentedRange(node, PERIODIC_RANGES.startDelay, raw.startDelay, itemIndex),
		maxLocationAge: requireInDocumentedRange(node, PERIODIC_RANGES.maxLocationAge, raw.maxLocationAge, itemIndex),
	};
	const cacheMode = raw.cacheMode === undefined || raw.cacheMode === '' ? undefined : String(raw.cacheMode);
	if (cacheMode !== undefined) settings.cacheMode = readCacheMode(node, cacheMode, itemIndex);
	return settings;
}

export function readCacheMode(node: INode, value: unknown, itemIndex?: number): string {
	const text = String(value).trim();
	if (!CACHE_MODES.some((mode) => mode.value === text)) {
		throw invalidValue({ node, parameter: 'Cache Mode', itemIndex }, value, '0 (cached only), 1 (current) or 2 (cached or current)');
	}
	return text;
}

/** The request's fields besides accountName and deviceList, as the node sends them (see 1-3, 6 above). */
export function periodicFields(settings: PeriodicSettings): IDataObject {
	const fields: IDataObject = {
		maxLocAge: String(settings.maxLocationAge),
		numberOfFixes: String(settings.numberOfFixes),
		fixInterval: String(settings.fixInterval),
		startTime: String(settings.startDelay),
	};
	if (settings.cacheMode !== undefined) fields.cacheMode = settings.cacheMode;
	return fields;
}
