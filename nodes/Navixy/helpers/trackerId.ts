import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deviceLocator, readDeviceId, type DevicePicker } from '../../shared/deviceFields';
import { invalidValue, parseIdList, type FieldRef } from '../../shared/validation';

/** A tracker ID (Navixy's `tracker_id`, aka object ID): a positive 32-bit integer. */
export const TRACKER_ID_PATTERN = /^[1-9]\d{0,9}$/;
export const TRACKER_ID_EXPECTED = 'a tracker ID: a whole number from 1 to 2147483647, e.g. 123456';
const MAX_TRACKER_ID = 2147483647;

/** Navixy's tracker picker: the user's trackers by label (methods searchTrackers), or a tracker ID. */
export const TRACKER_PICKER: DevicePicker = {
	searchMethod: 'searchTrackers',
	idLabel: 'By ID',
	placeholder: '123456',
	pattern: TRACKER_ID_PATTERN,
	expected: TRACKER_ID_EXPECTED,
	idErrorMessage: 'A tracker ID is a whole number from 1 to 2147483647',
	displayName: 'Tracker',
	description: 'The tracker to use: pick it from the list (searchable by label) or give its ID',
};

export function trackerLocator(displayOptions: IDisplayOptions, name = 'trackerId'): INodeProperties {
	return deviceLocator(TRACKER_PICKER, displayOptions, name);
}

function inRange(context: IExecuteFunctions, id: number, itemIndex: number, parameter = 'Tracker'): number {
	if (id > MAX_TRACKER_ID) throw invalidValue({ node: context.getNode(), parameter, itemIndex }, id, TRACKER_ID_EXPECTED);
	return id;
}

/** The tracker ID of one item's Tracker picker, as a number. */
export function readTrackerId(context: IExecuteFunctions, itemIndex: number, name = 'trackerId'): number {
	return inRange(context, Number(readDeviceId(context, TRACKER_PICKER, itemIndex, name)), itemIndex);
}

/** A list of tracker IDs (comma-separated text, a number, or a list), each checked, repeats kept once. */
export function parseTrackerIds(ref: FieldRef, raw: unknown): number[] {
	const ids = parseIdList(ref, raw, TRACKER_ID_PATTERN, TRACKER_ID_EXPECTED).map(Number);
	const tooBig = ids.find((id) => id > MAX_TRACKER_ID);
	if (tooBig !== undefined) throw invalidValue(ref, tooBig, TRACKER_ID_EXPECTED);
	return [...new Set(ids)];
}

/** One item's list of tracker IDs (see parseTrackerIds). */
export function readTrackerIds(context: IExecuteFunctions, itemIndex: number, name: string, parameter: string): number[] {
	return parseTrackerIds({ node: context.getNode(), parameter, itemIndex }, context.getNodeParameter(name, itemIndex));
}

/** A "Tracker IDs" field: trackers separated by commas. `what` completes its description. */
export function trackerIdsField(what: string, displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Tracker IDs',
		name: 'trackerIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123456, 234567',
		description: `Trackers ${what}, separated by commas`,
		...(displayOptions ? { displayOptions } : {}),
	};
}
