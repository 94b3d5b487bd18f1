import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { epochOfEitherUnitToIso, tryParseDateTime } from '../../shared/time';
import { operationError, toFiniteNumber } from '../../shared/validation';

/**
 * Where each item's position comes from: the package's normalized location (the `location` field of every
 * location-bearing output, for every provider) or latitude / longitude / time / device fields of any other
 * node's output. An item without a usable position fails the node naming the item and field, or passes
 * through flagged with `locationError`, as the user chooses; it never disappears.
 */
export const positionFields: INodeProperties[] = [
	{
		displayName: 'Location From',
		name: 'locationSource',
		type: 'options',
		options: [
			{ name: 'Normalized Location Field', value: 'normalized', description: "The package's own location object (latitude, longitude, time, deviceId)" },
			{ name: 'Separate Fields', value: 'fields', description: "Latitude, longitude, time and device fields of any node's output" },
		],
		default: 'normalized',
	},
	{
		displayName: 'Location Field',
		name: 'locationField',
		type: 'string',
		default: 'location',
		description: 'Path of the normalized location in each item (dots for nested fields)',
		displayOptions: { show: { locationSource: ['normalized'] } },
	},
	...(
		[
			['Latitude Field', 'latitudeField', 'latitude', 'Path of the latitude in decimal degrees'],
			['Longitude Field', 'longitudeField', 'longitude', 'Path of the longitude in decimal degrees'],
			['Time Field', 'timeField', 'time', 'Path of the time (ISO text or epoch); needed for enter/exit and routes'],
			['Device Field', 'deviceField', 'deviceId', 'Path of the device ID; routes and enter/exit are kept per device'],
		] as const
	).map(
		([displayName, name, value, description]): INodeProperties => ({
			displayName,
			name,
			type: 'string',
			default: value,
			description,
			displayOptions: { show: { locationSource: ['fields'] } },
		}),
	),
	{
		displayName: 'Items Without a Usable Location',
		name: 'onInvalidLocation',
		type: 'options',
		options: [
			{ name: 'Fail the Node', value: 'fail', description: 'Stop, naming the item and the field' },
			{ name: 'Pass Through Flagged', value: 'flag', description: 'Output the item unchanged with a locationError field' },
			{
				name: 'Leave Out, With a Hint',
				value: 'skip',
				description: 'Leave such items out of the output; a hint above the output says how many and why (e.g. vehicles that never reported)',
			},
		],
		default: 'fail',
	},
];

export interface ItemPosition {
	itemIndex: number;
	latitude: number;
	longitude: number;
	/** ISO UTC, or null when the item has none. */
	time: string | null;
	deviceId: string;
	/** The speed the provider reported (normalized location only), else null. */
	speedKmh: number | null;
}

export interface FlaggedItem {
	itemIndex: number;
	message: string;
}

/** A value at a dotted path (`location.latitude`); a key containing dots is found as a whole first. */
export function valueAt(record: IDataObject, path: string): unknown {
	if (path in record) return record[path];
	let current: unknown = record;
	for (const part of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

/** ISO text, an n8n date, or epoch seconds or milliseconds, as ISO UTC; null when none. */
function timeFrom(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (toFiniteNumber(value) !== null) return epochOfEitherUnitToIso(value);
	return tryParseDateTime(value)?.toUTC().toISO() ?? null;
}

interface Paths {
	latitude: string;
	longitude: string;
	time: string;
	device: string;
	speed?: string;
}

function pathsOf(context: IExecuteFunctions): Paths {
	if (context.getNodeParameter('locationSource', 0, 'normalized') === 'fields') {
		const path = (name: string, fallback: string) => String(context.getNodeParameter(name, 0, fallback) ?? fallback).trim();
		return {
			latitude: path('latitudeField', 'latitude'),
			longitude: path('longitudeField', 'longitude'),
			time: path('timeField', 'time'),
			device: path('deviceField', 'deviceId'),
		};
	}
	const base = String(context.getNodeParameter('locationField', 0, 'location') ?? 'location').trim() || 'location';
	return {
		latitude: `${base}.latitude`,
		longitude: `${base}.longitude`,
		time: `${base}.time`,
		device: `${base}.deviceId`,
		speed: `${base}.speedKmh`,
	};
}

/**
 * Every input item's position, checked. `needTime`: a time is required (routes, enter/exit). Invalid items
 * fail the node (default) or come back in `flagged`.
 */
export function readPositions(context: IExecuteFunctions, needTime: boolean): { positions: ItemPosition[]; flagged: FlaggedItem[] } {
	const paths = pathsOf(context);
	const fail = context.getNodeParameter('onInvalidLocation', 0, 'fail') === 'fail';
	const positions: ItemPosition[] = [];
	const flagged: FlaggedItem[] = [];
	context.getInputData().forEach((item, itemIndex) => {
		const json = item.json;
		const latitude = toFiniteNumber(valueAt(json, paths.latitude));
		const longitude = toFiniteNumber(valueAt(json, paths.longitude));
		const time = timeFrom(valueAt(json, paths.time));
		let problem: string | undefined;
		if (latitude === null || latitude < -90 || latitude > 90) {
			problem = `"${paths.latitude}" is ${JSON.stringify(valueAt(json, paths.latitude)) ?? 'missing'} (expected a latitude from -90 to 90)`;
		} else if (longitude === null || longitude < -180 || longitude > 180) {
			problem = `"${paths.longitude}" is ${JSON.stringify(valueAt(json, paths.longitude)) ?? 'missing'} (expected a longitude from -180 to 180)`;
		} else if (needTime && time === null) {
			problem = `"${paths.time}" is ${JSON.stringify(valueAt(json, paths.time)) ?? 'missing'} (expected a time: ISO text or epoch seconds or milliseconds)`;
		}
		if (problem !== undefined) {
			const message = `Item ${itemIndex + 1}: ${problem}`;
			if (fail) {
				throw operationError(context.getNode(), message, {
					itemIndex,
					description: 'Choose where the location is under "Location From", or let such items pass through flagged.',
				});
			}
			flagged.push({ itemIndex, message });
			return;
		}
		const device = valueAt(json, paths.device);
		positions.push({
			itemIndex,
			latitude: latitude!,
			longitude: longitude!,
			time,
			deviceId: device === undefined || device === null ? '' : String(device),
			speedKmh: paths.speed === undefined ? null : toFiniteNumber(valueAt(json, paths.speed)),
		});
	});
	return { positions, flagged };
}

/**
 * The flagged items as output: unchanged, with the reason; or, when the user chose to leave them out,
 * none, and a hint above the output naming how many and the first reason.
 */
export function flaggedOutput(context: IExecuteFunctions, flagged: readonly FlaggedItem[]) {
	const input = context.getInputData();
	if (flagged.length > 0 && context.getNodeParameter('onInvalidLocation', 0, 'fail') === 'skip') {
		context.addExecutionHints({
			message: `${flagged.length} item(s) without a usable location were left out, e.g. ${flagged[0].message}`,
			location: 'outputPane',
		});
		return [];
	}
	return flagged.map(({ itemIndex, message }) => ({
		json: { ...input[itemIndex].json, locationError: message },
		pairedItem: { item: itemIndex },
	}));
}

/** Output of an operation that gives one item per input item: with the flagged ones, in input order. */
export function inInputOrder(context: IExecuteFunctions, output: INodeExecutionData[], flagged: readonly FlaggedItem[]): INodeExecutionData[] {
	const itemOf = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
	return [...output, ...flaggedOutput(context, flagged)].sort((a, b) => itemOf(a) - itemOf(b));
}

/** Positions grouped by device (in input order), or all as one group. */
export function groupPositions(positions: readonly ItemPosition[], byDevice: boolean): Map<string, ItemPosition[]> {
	const groups = new Map<string, ItemPosition[]>();
	for (const position of positions) {
		const key = byDevice ? position.deviceId : '';
		const group = groups.get(key);
		if (group === undefined) groups.set(key, [position]);
		else group.push(position);
	}
	return groups;
}
