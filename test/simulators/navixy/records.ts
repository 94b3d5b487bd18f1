/** The answer shapes: tracker objects, state objects, sensor values, inputs and history entries. */
import type { NavixyModel } from './catalogue';
import type { DateFormatter } from './dates';
import type { NavixyEvent, NavixyLiveState, NavixyTracker } from './types';

/** The tracker object; `tag_bindings` only in tracker/list (and the registration answers). */
export function trackerObject(tracker: NavixyTracker, withTags = true): Record<string, unknown> {
	return {
		id: tracker.id,
		label: tracker.label,
		clone: tracker.clone,
		group_id: tracker.group_id,
		source: { ...tracker.source },
		...(withTags
			? {
					tag_bindings: tracker.tag_bindings.map((binding) => ({ ...binding })),
				}
			: {}),
	};
}

/** The state object of tracker/get_state and tracker/get_states. */
export function stateObject(
	tracker: NavixyTracker,
	state: NavixyLiveState,
	date: DateFormatter,
): Record<string, unknown> {
	return {
		source_id: tracker.source.id,
		gps: {
			updated: date(state.gps_time),
			signal_level: state.gps_signal,
			location: { lat: state.lat, lng: state.lng },
			heading: state.heading,
			speed: state.speed,
			alt: state.alt,
		},
		connection_status: state.connection_status,
		movement_status: state.movement_status,
		movement_status_update: date(state.movement_status_update),
		ignition: state.ignition,
		ignition_update: date(state.ignition_update),
		gsm: {
			updated: date(state.last_update),
			signal_level: state.gsm_signal,
			network_name: state.gsm_network,
			roaming: state.roaming,
		},
		last_update: date(state.last_update),
		battery_level: state.battery_level,
		battery_update: date(state.last_update),
		inputs: [...state.inputs],
		inputs_update: date(state.last_update),
		outputs: [...state.outputs],
		outputs_update: date(state.last_update),
		additional: {},
		actual_track_update: date(state.actual_track_update),
	};
}

/** tracker/get_last_gps_point's track point. */
export function gpsPoint(state: NavixyLiveState, date: DateFormatter): Record<string, unknown> {
	return {
		get_time: date(state.gps_time),
		heading: state.heading,
		lat: state.lat,
		lng: state.lng,
		satellites: state.satellites,
		speed: state.speed,
		precision: 5,
	};
}

interface Sensor {
	label: string;
	name: string;
	type: string;
	value: number;
	units_type: string;
	units: string;
}

const sensorValue = (sensor: Sensor): Record<string, unknown> => ({
	...sensor,
	converted_units_type: null,
	converted_value: null,
});

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** tracker/get_diagnostics: CAN/OBD sensors (none for models without CAN) and states. */
export function diagnostics(model: NavixyModel, state: NavixyLiveState): Record<string, unknown> {
	if (!model.can) {
		return { inputs: [], states: null };
	}
	const rpm = state.ignition ? 800 + state.speed * 25 : 0;
	return {
		inputs: [
			sensorValue({
				label: 'OBD: RPM',
				name: 'obd_rpm',
				type: 'rpm',
				value: rpm,
				units_type: 'custom',
				units: '',
			}),
			sensorValue({
				label: 'CAN: speed',
				name: 'can_speed',
				type: 'speed',
				value: state.speed,
				units_type: 'kmh',
				units: 'km/h',
			}),
			sensorValue({
				label: 'CAN: coolant',
				name: 'can_coolant_t',
				type: 'temperature',
				value: state.ignition ? 88 : 21,
				units_type: 'celsius',
				units: '°C',
			}),
		],
		states: {
			obd_vin: `WVWZZZ1JZ3W${String(state.alt).padStart(6, '0')}`,
			obd_mil_status: '0',
			external_power_state: 'connected',
		},
	};
}

/** tracker/get_fuel: the tank level drops through the day and is refilled at midnight UTC. */
export function fuel(model: NavixyModel, state: NavixyLiveState): Record<string, unknown> {
	if (!model.has_fuel_input) {
		return { inputs: [] };
	}
	const hour = (state.last_update % 86400) / 3600;
	const litres = round1(60 - hour * 1.5);
	return {
		inputs: [
			sensorValue({
				label: 'Fuel tank',
				name: 'fuel_level',
				type: 'fuel',
				value: litres,
				units_type: 'litre',
				units: 'litres',
			}),
		],
	};
}

/** tracker/get_readings: board voltage and a temperature sensor. */
export function readings(model: NavixyModel, state: NavixyLiveState): Record<string, unknown> {
	const inputs = [
		sensorValue({
			label: 'Board voltage',
			name: 'board_voltage',
			type: 'power',
			value: state.ignition ? 13.9 : 12.4,
			units_type: 'custom',
			units: 'V',
		}),
	];
	if (model.analog_inputs > 0) {
		const celsius = round1(4 + (state.gsm_signal % 30) / 10);
		inputs.push(
			sensorValue({
				label: 'Cargo temperature',
				name: 'analog_1',
				type: 'temperature',
				value: celsius,
				units_type: 'celsius',
				units: '°C',
			}),
		);
	}
	return { inputs };
}

/** The input info of tracker/get_inputs and tracker/batch_get_inputs. */
export function inputInfo(state: NavixyLiveState, date: DateFormatter): Record<string, unknown> {
	return {
		inputs: [...state.inputs],
		states: [
			{
				type: 'ignition',
				name: 'Ignition',
				status: state.inputs[0] ?? false,
				input_number: 1,
			},
		],
		update_time: date(state.last_update),
	};
}

export function outputInfo(tracker: NavixyTracker): Array<{ number: number; title: string }> {
	return tracker.outputTitles.map((title, index) => ({
		number: index + 1,
		title,
	}));
}

/** A history entry; the tracker label is added to the message unless asked not to. */
export function historyEntry(
	event: NavixyEvent,
	label: string,
	addLabel: boolean,
	date: DateFormatter,
): Record<string, unknown> {
	const prefix = `${label}: `;
	const message =
		addLabel || !event.message.startsWith(prefix)
			? event.message
			: event.message.slice(prefix.length);
	return {
		id: event.id,
		type: 'tracker',
		is_read: event.is_read ?? false,
		message,
		time: date(event.time),
		event: event.event,
		tracker_id: event.tracker_id,
		...(event.rule_id === undefined ? {} : { rule_id: event.rule_id }),
		track_id: 0,
		location: { lat: event.lat, lng: event.lng, precision: 10 },
		address: '',
		extra: {
			tracker_label: label,
			emergency: event.emergency ?? false,
			last_known_location: false,
		},
	};
}
