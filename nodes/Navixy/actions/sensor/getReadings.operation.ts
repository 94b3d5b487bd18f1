import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { toFiniteNumber } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { sensors } from '../../transport/api';

type Ctx = IExecuteFunctions;

/** A number as a number (numeric text too), null when absent: Navixy omits fields whose value is null. */
const numberOrNull = (value: unknown): number | string | null =>
	value === undefined || value === null ? null : (toFiniteNumber(value) ?? (value as string));

const textOrNull = (value: unknown): string | null =>
	value === undefined || value === null ? null : String(value).trim();

/**
 * One sensor value object (get_readings / get_fuel / get_diagnostics `inputs[]`): its label, raw input
 * name (trimmed: one documented example has " obd_rpm"), quantity, value with its units, and the value
 * converted to the user's measurement system (both null when no conversion is needed).
 */
export function sensorValueToJson(raw: IDataObject): IDataObject {
	return {
		label: textOrNull(raw.label),
		name: textOrNull(raw.name),
		type: textOrNull(raw.type),
		value: numberOrNull(raw.value),
		units_type: textOrNull(raw.units_type),
		units: raw.units === undefined || raw.units === null ? null : String(raw.units),
		converted_units_type: textOrNull(raw.converted_units_type),
		converted_value: numberOrNull(raw.converted_value),
	};
}

/** A reading answer as output: the tracker, its sensors (and `values` by name), and the time of the data. */
export function readingToJson(trackerId: number, answer: IDataObject): IDataObject {
	const list = Array.isArray(answer.inputs) ? (answer.inputs as IDataObject[]) : [];
	const sensorList = list.map(sensorValueToJson);
	const values: IDataObject = {};
	for (const sensor of sensorList) {
		if (typeof sensor.name === 'string' && sensor.name !== '' && !(sensor.name in values)) values[sensor.name] = sensor.value;
	}
	const json: IDataObject = { trackerId, sensors: sensorList, values };
	if (answer.states !== undefined) {
		const states: IDataObject = {};
		for (const [key, value] of Object.entries((answer.states ?? {}) as IDataObject)) states[key.trim()] = value;
		json.states = states;
	}
	json.updateTime = answer.update_time ?? null;
	json.userTime = answer.user_time ?? null;
	return json;
}

/** The description and execute of a one-tracker sensor reading (get_readings, get_fuel, get_diagnostics). */
export function sensorReading(
	operation: string,
	fetch: (context: Ctx, trackerId: number, itemIndex: number) => Promise<IDataObject>,
) {
	const displayOptions = { show: { resource: ['sensor'], operation: [operation] } };
	const properties: INodeProperties[] = [trackerLocator({})];
	return {
		description: updateDisplayOptions(displayOptions, properties),
		async execute(this: Ctx): Promise<INodeExecutionData[]> {
			return await perItemAfterValidation(
				this,
				(itemIndex) => readTrackerId(this, itemIndex),
				async (trackerId, itemIndex) => readingToJson(trackerId, await fetch(this, trackerId, itemIndex)),
			);
		},
	};
}

/**
 * The last values of a tracker's metering sensors that are neither CAN/OBD nor fuel (analog inputs,
 * frequency and impulse counters, temperatures, board voltage...), one item per input item
 * (tracker/get_readings).
 */
const readings = sensorReading('getReadings', async (context, trackerId, itemIndex) => await sensors.readings(context, trackerId, itemIndex));

export const description = readings.description;
export const execute = readings.execute;
