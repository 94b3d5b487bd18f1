/** /api/command/send and /api/command/query. */
import { DataStatus, PROTRACK_COMMANDS, ProTrackCode, ProTrackError } from './codes';
import { mileageOf } from './commands';
import type { ApiContext } from './context';
import { imei, optional, parameterError, required } from './params';

const COMMANDS: readonly string[] = PROTRACK_COMMANDS;

/** The refusal for a device that cannot take commands, if any. */
function deviceRefusal(datastatus: number): number | undefined {
	switch (datastatus) {
		case DataStatus.neverOnline:
		case DataStatus.offline:
			return ProTrackCode.deviceOffline;
		case DataStatus.expired:
			return ProTrackCode.targetExpired;
		case DataStatus.blocked:
			return ProTrackCode.deviceBlocked;
		default:
			return undefined;
	}
}

/**
 * POST /api/command/send: unknown command 20048; SET_MILEAGE needs paramData like {"mileage":"30"}
 * (missing 10005, unreadable 10004); offline or never-online device 20017, expired 20046, blocked 20089.
 */
export function sendCommand({ state, params, caller }: ApiContext): unknown {
	const device = state.accessibleDevice(caller, imei(params));
	const command = required(params, 'command');
	if (!COMMANDS.includes(command)) {
		throw new ProTrackError(ProTrackCode.unsupportedCommand);
	}
	const paramData = optional(params, 'paramData');
	if (command === 'SET_MILEAGE') {
		if (paramData === undefined) {
			throw new ProTrackError(
				ProTrackCode.missingParameter,
				'Missing required parameter: paramData',
			);
		}
		if (mileageOf(paramData) === undefined) {
			throw parameterError('paramData');
		}
	}
	const refusal = deviceRefusal(device.datastatus);
	if (refusal !== undefined) {
		throw new ProTrackError(refusal);
	}
	const sent = state.commands.send(caller.account, device.imei, command, paramData, state.nowMs());
	return { commandid: sent.commandid };
}

/** POST /api/command/query: commandstatus 0 until the device answers, then 1 with its response. */
export function queryCommand({ state, params, caller }: ApiContext): unknown {
	const sent = state.commands.get(required(params, 'commandid'));
	const device = sent && state.device(sent.imei);
	if (!sent || !device || !state.canSee(caller, device)) {
		throw new ProTrackError(ProTrackCode.targetNotFound);
	}
	return { response: sent.answered ? sent.response : '', commandstatus: sent.answered ? 1 : 0 };
}
