import { sensors } from '../../transport/api';
import { sensorReading } from './getReadings.operation';

/**
 * The last CAN/OBD values of a tracker (RPM, coolant temperature, engine hours...) and its diagnostic
 * states (VIN, trouble codes, door and seat-belt states...) under `states`, one item per input item
 * (tracker/get_diagnostics).
 */
const diagnostics = sensorReading(
	'getDiagnostics',
	async (context, trackerId, itemIndex) => await sensors.diagnostics(context, trackerId, itemIndex),
);

export const description = diagnostics.description;
export const execute = diagnostics.execute;
