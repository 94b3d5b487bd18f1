import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { KeyedRequest, KeyedResult } from '../../../shared/batching';
import { keyedResultsToItems, stopOnInvalidInput } from '../../../shared/items';
import { epochToIso } from '../../../shared/time';
import { invalidValue } from '../../../shared/validation';
import { readTimeRange } from '../../../shared/deviceFields';
import { collectImeis, fetchImeiBatches, IMEIS_FIELD } from '../../helpers/imei';
import { mileage } from '../../transport/api';

/** The mileage report covers at most 7 days per call (begin included, end excluded). */
export const MAX_MILEAGE_WINDOW_SECONDS = 7 * 24 * 3600;
/** Begin and end must fall on minute 0 or 30 with no seconds: whole multiples of half an hour. */
const HALF_HOUR_SECONDS = 1800;

const properties: INodeProperties[] = [
	IMEIS_FIELD,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start of the report (included). ProTrack only accepts times on the hour or half hour; see Minute Handling.',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'End of the report (excluded). Any range length works: it is split into windows of at most 7 days whose mileages are added up.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Minute Handling',
				name: 'minuteHandling',
				type: 'options',
				options: [
					{
						name: 'Reject',
						value: 'reject',
						description: 'Fail when Start Time or End Time is not on minute 0 or 30 with no seconds',
					},
					{
						name: 'Round to Half Hours',
						value: 'round',
						description: 'Round Start Time down and End Time up to the nearest :00 or :30, so the whole range is covered',
					},
				],
				default: 'round',
				description: 'What to do with times that ProTrack does not accept (minutes other than 0 or 30, or seconds)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['device'], operation: ['getMileage'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface MileageRange {
	begin: number;
	end: number;
}

interface MileageTotal {
	found: boolean;
	mileageKm: number | null;
	windows: number;
	range: MileageRange;
}

function isOnHalfHour(epochSeconds: number): boolean {
	return epochSeconds % HALF_HOUR_SECONDS === 0;
}

/** Start and End Time of one item as the mileage report accepts them, rounded or checked. */
function readMileageRange(context: IExecuteFunctions, itemIndex: number): { range: MileageRange; requested: MileageRange } {
	const node = context.getNode();
	const options = context.getNodeParameter('options', itemIndex, {}) as { minuteHandling?: unknown };
	const handling = options.minuteHandling ?? 'round';
	if (handling !== 'round' && handling !== 'reject') {
		throw invalidValue({ node, parameter: 'Minute Handling', itemIndex }, handling, '"round" or "reject"');
	}
	const { begin, end } = readTimeRange(context, itemIndex);
	const requested = { begin, end };
	if (handling === 'round') {
		const range = {
			begin: Math.floor(begin / HALF_HOUR_SECONDS) * HALF_HOUR_SECONDS,
			end: Math.ceil(end / HALF_HOUR_SECONDS) * HALF_HOUR_SECONDS,
		};
		return { range, requested };
	}
	const rule = 'a time on minute 0 or 30 with no seconds, e.g. 10:00:00 or 10:30:00, as the ProTrack mileage report requires (or set Minute Handling to Round to Half Hours)';
	for (const [value, parameter, name] of [
		[begin, 'Start Time', 'startTime'],
		[end, 'End Time', 'endTime'],
	] as const) {
		if (!isOnHalfHour(value)) {
			throw invalidValue({ node, parameter, itemIndex }, context.getNodeParameter(name, itemIndex), rule);
		}
	}
	return { range: requested, requested };
}

/** Consecutive windows of at most 7 days covering [begin, end): each begins where the previous ended. */
export function mileageWindows({ begin, end }: MileageRange): MileageRange[] {
	const windows: MileageRange[] = [];
	for (let start = begin; start < end; start += MAX_MILEAGE_WINDOW_SECONDS) {
		windows.push({ begin: start, end: Math.min(start + MAX_MILEAGE_WINDOW_SECONDS, end) });
	}
	return windows;
}

/** Kilometres from one /api/device/mileage answer, by IMEI; values that are not numbers >= 0 are left out. */
function mileageByImei(record: unknown): Map<string, number> {
	const entries = Array.isArray(record) ? (record as Array<{ imei?: unknown; mileage?: unknown }>) : [];
	const kilometres = new Map<string, number>();
	for (const entry of entries) {
		const value = Number(entry.mileage);
		if (entry.mileage !== null && entry.mileage !== '' && Number.isFinite(value) && value >= 0) {
			kilometres.set(String(entry.imei), value);
		}
	}
	return kilometres;
}

/**
 * The mileage of every requested IMEI over one range: one call per window and batch of 100 IMEIs,
 * added up per IMEI. After a failed batch, its IMEIs are not asked again, and unless "Continue On
 * Fail" is on no further window is asked.
 */
async function mileageOverRange(
	context: IExecuteFunctions,
	requests: KeyedRequest[],
	range: MileageRange,
): Promise<Array<KeyedResult<MileageTotal>>> {
	const windows = mileageWindows(range);
	const sums = new Map<string, number>();
	const failures = new Map<string, Error>();
	for (const window of windows) {
		const pending = requests.filter(({ key }) => !failures.has(key));
		if (pending.length === 0) break;
		const results = await fetchImeiBatches(
			pending,
			async (imeis) => await mileage(context, imeis, window.begin, window.end),
			mileageByImei,
		);
		const counted = new Set<string>();
		for (const { key, result, error } of results) {
			if (error !== undefined) failures.set(key, error);
			else if (result !== undefined && !counted.has(key)) sums.set(key, (sums.get(key) ?? 0) + result);
			counted.add(key);
		}
		if (failures.size > 0 && !context.continueOnFail()) break;
	}
	return requests.map(({ itemIndex, key }) => {
		const error = failures.get(key);
		if (error !== undefined) return { itemIndex, key, error };
		const sum = sums.get(key);
		return {
			itemIndex,
			key,
			result: {
				found: sum !== undefined,
				mileageKm: sum === undefined ? null : Math.round(sum * 100) / 100,
				windows: windows.length,
				range,
			},
		};
	});
}

/**
 * Distance driven by every IMEI in a time range of any length, one item per IMEI. Items with the
 * same range are batched together (100 IMEIs per call); ranges over 7 days are split into windows.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { requests, invalid } = collectImeis(this, 'imeis', 'IMEIs');
	const ranges = new Map<number, MileageRange>();
	const requestedRanges = new Map<number, MileageRange>();
	for (const itemIndex of new Set(requests.map((request) => request.itemIndex))) {
		try {
			const { range, requested } = readMileageRange(this, itemIndex);
			ranges.set(itemIndex, range);
			requestedRanges.set(itemIndex, requested);
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	invalid.sort((left, right) => left.itemIndex - right.itemIndex);
	stopOnInvalidInput(this, invalid);

	const groups = new Map<string, { range: MileageRange; requests: KeyedRequest[] }>();
	for (const request of requests) {
		const range = ranges.get(request.itemIndex);
		if (range === undefined) continue;
		const id = `${range.begin}-${range.end}`;
		const group = groups.get(id) ?? { range, requests: [] };
		group.requests.push(request);
		groups.set(id, group);
	}
	const results: Array<KeyedResult<MileageTotal>> = [];
	for (const group of groups.values()) {
		results.push(...(await mileageOverRange(this, group.requests, group.range)));
	}

	hintAboutWidenedRanges(this, ranges, requestedRanges);
	return keyedResultsToItems(this, results, invalid, (imei, total, itemIndex) => {
		const { found, mileageKm, windows, range } = total as MileageTotal;
		const requested = requestedRanges.get(itemIndex) ?? range;
		const widened = requested.begin !== range.begin || requested.end !== range.end;
		return {
			imei,
			found,
			mileageKm,
			windows,
			startTime: epochToIso(range.begin),
			endTime: epochToIso(range.end),
			rangeWidened: widened,
			...(widened ? { requestedStartTime: epochToIso(requested.begin), requestedEndTime: epochToIso(requested.end) } : {}),
			...(found ? {} : { message: 'ProTrack returned no mileage for this IMEI (unknown, or not on this account)' }),
		};
	});
}

/**
 * Rounding to half hours makes the report cover more than was asked (00:15-10:10 becomes 00:00-10:30)
 * and the mileage is that of the wider range: say so above the output, once per run.
 */
function hintAboutWidenedRanges(
	context: IExecuteFunctions,
	ranges: ReadonlyMap<number, MileageRange>,
	requested: ReadonlyMap<number, MileageRange>,
): void {
	const widened = [...ranges].filter(([itemIndex, range]) => {
		const asked = requested.get(itemIndex);
		return asked !== undefined && (asked.begin !== range.begin || asked.end !== range.end);
	});
	if (widened.length === 0) return;
	const [itemIndex, range] = widened[0];
	const asked = requested.get(itemIndex) as MileageRange;
	context.addExecutionHints({
		type: 'info',
		location: 'outputPane',
		message: `ProTrack reports mileage only between half hours, so the range was widened to cover it: ${epochToIso(asked.begin)} – ${epochToIso(asked.end)} became ${epochToIso(range.begin)} – ${epochToIso(range.end)}${widened.length > 1 ? ` (and ${widened.length - 1} more item${widened.length > 2 ? 's' : ''})` : ''}. The mileage is that of the wider range (see rangeWidened and requestedStartTime/requestedEndTime in the output); set Minute Handling to Reject to be stopped instead.`,
	});
}
