import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	invalidValue,
	requireIntegerInRange,
	requireLatitude,
	requireLongitude,
	requireNonEmptyString,
} from '../../../shared/validation';
import { imeiLocator, readImei } from '../../helpers/fields';
import { perItemAfterValidation } from '../../../shared/items';
import { createGeofence } from '../../transport/api';

/** Alarm When option → the API's alarmtype (0: out, 1: in, 2: in/out). */
const ALARM_TYPES = { entering: 1, enteringOrLeaving: 2, leaving: 0 } as const;
type AlarmWhen = keyof typeof ALARM_TYPES;

/** The Open API's radius limits, in metres. */
export const MIN_RADIUS_M = 100;
export const MAX_RADIUS_M = 5000;

const properties: INodeProperties[] = [
	imeiLocator({}),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Depot',
		description: 'Name of the geofence as shown on the platform',
	},
	{
		displayName: 'Alarm When',
		name: 'alarmWhen',
		type: 'options',
		default: 'enteringOrLeaving',
		description: 'When the device raises a geofence alarm',
		options: [
			{ name: 'Entering', value: 'entering', description: 'The device enters the circle' },
			{
				name: 'Entering or Leaving',
				value: 'enteringOrLeaving',
				description: 'The device enters or leaves the circle',
			},
			{ name: 'Leaving', value: 'leaving', description: 'The device leaves the circle' },
		],
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
		description: 'Latitude of the centre, in decimal degrees (-90 to 90)',
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
		description: 'Longitude of the centre, in decimal degrees (-180 to 180)',
	},
	{
		displayName: 'Radius (Metres)',
		name: 'radius',
		type: 'number',
		default: 300,
		required: true,
		typeOptions: { minValue: MIN_RADIUS_M, maxValue: MAX_RADIUS_M, numberPrecision: 0 },
		description: 'Radius of the circle in whole metres, from 100 to 5000',
	},
];

const displayOptions = { show: { resource: ['geofence'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface NewGeofence {
	imei: string;
	name: string;
	alarmWhen: AlarmWhen;
	latitude: number;
	longitude: number;
	radiusM: number;
}

/** Creates one circular geofence per input item. Creations are never re-sent after a server error. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readGeofence(this, itemIndex),
		async (geofence, itemIndex) => {
			const alarmType = ALARM_TYPES[geofence.alarmWhen];
			const params = {
				imei: geofence.imei,
				efencename: geofence.name,
				alarmtype: alarmType,
				longitude: plainDecimal(geofence.longitude),
				latitude: plainDecimal(geofence.latitude),
				radius: geofence.radiusM,
			};
			await createGeofence(this, params, itemIndex);
			return { ...geofence, alarmType, created: true };
		},
	);
}

function readGeofence(context: IExecuteFunctions, itemIndex: number): NewGeofence {
	const node = context.getNode();
	const ref = (parameter: string) => ({ node, parameter, itemIndex });
	const imei = readImei(context, itemIndex);
	const name = requireNonEmptyString(ref('Name'), context.getNodeParameter('name', itemIndex));
	const alarmWhen = context.getNodeParameter('alarmWhen', itemIndex) as unknown;
	if (typeof alarmWhen !== 'string' || !Object.prototype.hasOwnProperty.call(ALARM_TYPES, alarmWhen)) {
		throw invalidValue(ref('Alarm When'), alarmWhen, `one of ${Object.keys(ALARM_TYPES).join(', ')}`);
	}
	return {
		imei,
		name,
		alarmWhen: alarmWhen as AlarmWhen,
		latitude: requireLatitude(ref('Latitude'), context.getNodeParameter('latitude', itemIndex)),
		longitude: requireLongitude(ref('Longitude'), context.getNodeParameter('longitude', itemIndex)),
		radiusM: requireIntegerInRange(
			ref('Radius (Metres)'),
			context.getNodeParameter('radius', itemIndex),
			MIN_RADIUS_M,
			MAX_RADIUS_M,
			'metres',
		),
	};
}

/** Degrees as plain decimal text (String(1e-7) would give "1e-7", which the API may not read). */
function plainDecimal(value: number): string {
	const text = String(value);
	return /e/i.test(text) ? value.toFixed(8).replace(/\.?0+$/, '') : text;
}
