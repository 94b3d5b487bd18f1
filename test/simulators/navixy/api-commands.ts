/**
 * Acting on devices: location_request, send_command, raw_command/send, and the outputs
 * (output/update renames one; output/set and output/set_all switch them, as output.md documents).
 * Every accepted request is logged; "success" means queued, as on the real platform.
 */
import { NavixyCode, NavixyError, NAVIXY_LIMITS, invalid } from './codes';
import { userOf, type ApiContext, type ApiHandler } from './context';
import { flag, integer, json, jsonObject, optionalText, text } from './params';
import type { NavixyTracker } from './types';

const LOCK_CONTROLS = ['jointech_lock_password', 'hhd_lock_password', 'vg_lock_password'];

function usable(context: ApiContext, notFound?: number): NavixyTracker {
	return context.state.usable(userOf(context), integer(context.params, 'tracker_id'), notFound);
}

const isOnline = (context: ApiContext, tracker: NavixyTracker): boolean =>
	['active', 'idle'].includes(context.state.liveState(tracker).connection_status);

/** type sms (default), gsm or gprs; 214 when the model cannot, 213 offline (gsm/gprs), 256 when the fix is fresh. */
function locationRequest(context: ApiContext): Record<string, unknown> {
	const { state, params } = context;
	const tracker = usable(context);
	const type = optionalText(params, 'type') ?? 'sms';
	if (type !== 'sms' && type !== 'gsm' && type !== 'gprs') {
		throw invalid('type', 'Must be one of sms, gsm, gprs');
	}
	const model = state.model(tracker);
	const supported = {
		sms: model.has_location_request,
		gsm: model.has_gsm_lbs_location_request,
		gprs: model.has_gprs_location_request,
	}[type];
	if (!supported) {
		throw new NavixyError(NavixyCode.notSupported);
	}
	if (type !== 'sms' && !isOnline(context, tracker)) {
		throw new NavixyError(NavixyCode.deviceOffline);
	}
	const live = state.liveState(tracker);
	if (state.nowSec() - live.gps_time < NAVIXY_LIMITS.locationActualSeconds) {
		throw new NavixyError(NavixyCode.locationActual);
	}
	state.locationRequests.push({
		at: state.nowSec(),
		tracker_id: tracker.id,
		type,
	});
	return {};
}

/** command.name must be allowed by the model's special_control (214 otherwise). */
function sendCommand(context: ApiContext): Record<string, unknown> {
	const { state } = context;
	const tracker = usable(context);
	const command = jsonObject(context.params, 'command');
	if (typeof command.name !== 'string') {
		throw invalid('command', 'Must have a name');
	}
	const control = state.model(tracker).special_control;
	const allowed = ['set_special_settings_command'];
	if (LOCK_CONTROLS.includes(control)) {
		allowed.push('electronic_lock_command');
	}
	if (!allowed.includes(command.name)) {
		throw new NavixyError(NavixyCode.notSupported);
	}
	if (
		command.name === 'electronic_lock_command' &&
		!['seal', 'unseal'].includes(command.command_code as string)
	) {
		throw invalid('command', 'command_code must be seal or unseal');
	}
	state.commands.push({ at: state.nowSec(), tracker_id: tracker.id, command });
	return {};
}

/** command text, or hex digits with type=hex (7 "Non-hex string"); 213 when the device is offline. */
function rawCommand(context: ApiContext): Record<string, unknown> {
	const { state, params } = context;
	const tracker = usable(context);
	const command = text(params, 'command');
	const type = optionalText(params, 'type') ?? 'text';
	if (type !== 'text' && type !== 'hex') {
		throw invalid('type', 'Must be text or hex');
	}
	if (type === 'hex' && !/^([0-9a-fA-F]{2})+$/.test(command)) {
		throw invalid('command', 'Non-hex string');
	}
	const reliable = flag(params, 'reliable', true);
	if (!isOnline(context, tracker)) {
		throw new NavixyError(NavixyCode.deviceOffline);
	}
	state.rawCommands.push({
		at: state.nowSec(),
		tracker_id: tracker.id,
		command,
		type,
		reliable,
	});
	return {};
}

/** tracker_output {number, title}: the number must be one of the model's outputs. */
function updateOutput(context: ApiContext): Record<string, unknown> {
	const { state } = context;
	const tracker = usable(context);
	const output = jsonObject(context.params, 'tracker_output');
	const number = output.number as number;
	if (!Number.isInteger(number) || number < 1 || number > tracker.outputTitles.length) {
		throw invalid('tracker_output', `number must be 1 to ${tracker.outputTitles.length}`);
	}
	if (typeof output.title !== 'string') {
		throw invalid('tracker_output', 'title must be a string');
	}
	tracker.outputTitles[number - 1] = output.title;
	state.outputUpdates.push({
		at: state.nowSec(),
		tracker_id: tracker.id,
		number,
		title: output.title,
	});
	return {};
}

/** Switching outputs: 204 not found, 219 clone, 213 offline, 214 when the outputs do not match. */
function switchOutputs(change: (outputs: boolean[], context: ApiContext) => boolean[]): ApiHandler {
	return (context) => {
		const tracker = usable(context, NavixyCode.entityNotFound);
		if (tracker.clone) {
			throw new NavixyError(NavixyCode.notForClones);
		}
		const outputs = change([...context.state.liveState(tracker).outputs], context);
		if (!isOnline(context, tracker)) {
			throw new NavixyError(NavixyCode.deviceOffline);
		}
		context.state.setState(tracker, { outputs });
		return {};
	};
}

const setOne = switchOutputs((outputs, { params }) => {
	const output = integer(params, 'output');
	if (output < 1 || output > outputs.length) {
		throw new NavixyError(NavixyCode.notSupported);
	}
	outputs[output - 1] = flag(params, 'enable', false);
	return outputs;
});

const setAll = switchOutputs((outputs, { params }) => {
	const wanted = json(params, 'outputs');
	if (!Array.isArray(wanted) || !wanted.every((value) => typeof value === 'boolean')) {
		throw invalid('outputs', 'Must be an array of booleans');
	}
	if (wanted.length !== outputs.length) {
		throw new NavixyError(NavixyCode.notSupported);
	}
	return wanted as boolean[];
});

export const commandRoutes: ReadonlyArray<[string, ApiHandler]> = [
	['/tracker/location_request', locationRequest],
	['/tracker/send_command', sendCommand],
	['/tracker/raw_command/send', rawCommand],
	['/tracker/output/update', updateOutput],
	['/tracker/output/set', setOne],
	['/tracker/output/set_all', setAll],
];
