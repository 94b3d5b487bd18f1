import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deviceLocator, readDeviceId, type DevicePicker } from '../../shared/deviceFields';
import { IMEI_EXPECTED, IMEI_PATTERN } from './imei';

/** ProTrack's device picker: the account's devices (methods searchDevices), or an IMEI. */
const IMEI_PICKER: DevicePicker = {
	searchMethod: 'searchDevices',
	idLabel: 'By IMEI',
	placeholder: '358899051025339',
	pattern: IMEI_PATTERN,
	expected: IMEI_EXPECTED,
	idErrorMessage: 'An IMEI is 8 to 20 digits',
	displayName: 'Device',
	description: 'The device (tracker) to use',
};

export function imeiLocator(displayOptions: IDisplayOptions, name = 'imei'): INodeProperties {
	return deviceLocator(IMEI_PICKER, displayOptions, name);
}

export function readImei(context: IExecuteFunctions, itemIndex: number, name = 'imei'): string {
	return readDeviceId(context, IMEI_PICKER, itemIndex, name);
}
