import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseDateTimeInput, toEpochSeconds } from './time';
import { invalidValue, requireMatch } from './validation';

/** How a provider names and recognises a device for a device picker. */
export interface DevicePicker {
	/** The listSearch method of the node's `methods`, e.g. 'searchDevices'. */
	searchMethod: string;
	/** Label of the by-ID mode, e.g. 'By IMEI'. */
	idLabel: string;
	placeholder: string;
	/** What an ID must match, and how to say it. */
	pattern: RegExp;
	expected: string;
	/** What the editor says under a by-ID value that does not match, e.g. 'An IMEI is 8 to 20 digits'. */
	idErrorMessage: string;
	/** The parameter's label, e.g. 'Device' or 'Tracker'. */
	displayName: string;
	description: string;
}

/** A device picker: search the account's devices in a list, or enter an ID. Read it with readDeviceId(). */
export function deviceLocator(picker: DevicePicker, displayOptions: IDisplayOptions, name: string): INodeProperties {
	return {
		displayName: picker.displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions,
		description: picker.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: picker.searchMethod, searchable: true },
			},
			{
				displayName: picker.idLabel,
				name: 'id',
				type: 'string',
				placeholder: picker.placeholder,
				validation: [{ type: 'regex', properties: { regex: picker.pattern.source, errorMessage: picker.idErrorMessage } }],
			},
		],
	};
}

/** The device ID a picker holds for one item, checked against the provider's pattern. */
export function readDeviceId(context: IExecuteFunctions, picker: DevicePicker, itemIndex: number, name: string): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	// An expression may give a whole number (a tracker ID); its text is what the pattern checks.
	const value = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
	return requireMatch({ node: context.getNode(), parameter: picker.displayName, itemIndex }, value, picker.pattern, picker.expected);
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
