import { sensors } from '../../transport/api';
import { sensorReading } from './getReadings.operation';

/**
 * The last values of a tracker's fuel sensors (fuel level, LLS levels, CAN fuel, consumption...), with
 * the units each sensor reports in, one item per input item (tracker/get_fuel).
 */
const fuel = sensorReading('getFuel', async (context, trackerId, itemIndex) => await sensors.fuel(context, trackerId, itemIndex));

export const description = fuel.description;
export const execute = fuel.execute;
