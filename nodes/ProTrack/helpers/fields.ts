import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseDateTimeInput, toEpochSeconds } from '../../shared/time';
import { invalidValue, requireMatch } from '../../shared/validation';
import { IMEI_EXPECTED, IMEI_PATTERN } from './imei';

/** A device picker: search the account's devices, or enter an IMEI. Read it with readImei(). */
export function imeiLocator(displayOptions: IDisplayOptions, name = 'imei'): INodeProperties {
	return {
		displayName: 'Device',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions,
		description: 'The device (tracker) to use',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDevices', searchable: true },
			},
			{
				displayName: 'By IMEI',
				name: 'id',
				type: 'string',
				placeholder: '358899051025339',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d{8,20}$', errorMessage: 'An IMEI is 8 to 20 digits' },
					},
				],
			},
		],
	};
}

export function readImei(context: IExecuteFunctions, itemIndex: number, name = 'imei'): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireMatch(
		{ node: context.getNode(), parameter: 'Device', itemIndex },
		value,
		IMEI_PATTERN,
		IMEI_EXPECTED,
	);
}

/**
 * Reads a start/end pair of date-time parameters (ISO strings, Unix timestamps, or n8n dates; a
 * value without an offset is read in the workflow's time zone) as Unix seconds, end after start.
 */
export function readTimeRange(
	context: IExecuteFunctions,
	itemIndex: number,
	names: { start: string; end: string } = { start: 'startTime', end: 'endTime' },
	labels: { start: string; end: string } = { start: 'Start Time', end: 'End Time' },
): { begin: number; end: number } {
	const node = context.getNode();
	const zone = context.getTimezone();
	const begin = toEpochSeconds(
		parseDateTimeInput({ node, parameter: labels.start, itemIndex }, context.getNodeParameter(names.start, itemIndex), zone),
	);
	const endValue = context.getNodeParameter(names.end, itemIndex);
	const end = toEpochSeconds(parseDateTimeInput({ node, parameter: labels.end, itemIndex }, endValue, zone));
	if (end <= begin) {
		throw invalidValue({ node, parameter: labels.end, itemIndex }, endValue, `a time after ${labels.start}`);
	}
	return { begin, end };
}
