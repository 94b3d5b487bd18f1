/**
 * Routing of the ProTrack Open API: every documented path with its documented HTTP method.
 * Every answer is HTTP 200 with `{code, message?, record?}`, errors included.
 *
 * Strictness: an unknown path, and a documented path called with the other HTTP method, are both
 * answered with code 10001 (Unknown request). Parameters are read from the query string and from a
 * form-urlencoded or JSON body alike.
 */
import { JSON_CONTENT_TYPE, type SimRequest, type SimResponse } from '../framework';
import { authenticate, authorize } from './api-auth';
import { sendCommand, queryCommand } from './api-commands';
import { createGeofence, deviceDetail, deviceList, track } from './api-devices';
import { alarmList, mileage, playback } from './api-history';
import { blockUser, sendMessage, setPassword, unblockUser, userInfo, userList } from './api-users';
import { PROTRACK_CODE_MESSAGES, ProTrackCode, ProTrackError } from './codes';
import type { ApiHandler } from './context';
import type { ProTrackState } from './state';

type HttpMethod = 'GET' | 'POST';

export const AUTHORIZATION_PATH = '/api/authorization';

const API_ROUTES = new Map<string, { method: HttpMethod; handle: ApiHandler }>([
	['/api/track', { method: 'GET', handle: track }],
	['/api/playback', { method: 'GET', handle: playback }],
	['/api/geofence/create', { method: 'POST', handle: createGeofence }],
	['/api/command/send', { method: 'POST', handle: sendCommand }],
	['/api/command/query', { method: 'POST', handle: queryCommand }],
	['/api/device/list', { method: 'GET', handle: deviceList }],
	['/api/alarm/list', { method: 'GET', handle: alarmList }],
	['/api/user/block', { method: 'POST', handle: blockUser }],
	['/api/user/unblock', { method: 'POST', handle: unblockUser }],
	['/api/user/info', { method: 'GET', handle: userInfo }],
	['/api/device/detail', { method: 'GET', handle: deviceDetail }],
	['/api/message/send', { method: 'POST', handle: sendMessage }],
	['/api/device/mileage', { method: 'GET', handle: mileage }],
	['/api/user/list', { method: 'GET', handle: userList }],
	['/api/user/password/set', { method: 'POST', handle: setPassword }],
]);

export const PROTRACK_PATHS: readonly string[] = [AUTHORIZATION_PATH, ...API_ROUTES.keys()];

export function dispatch(state: ProTrackState, request: SimRequest): SimResponse {
	try {
		const record = route(state, request);
		return reply(
			record === undefined ? { code: ProTrackCode.ok } : { code: ProTrackCode.ok, record },
		);
	} catch (error) {
		if (error instanceof ProTrackError) {
			return reply({ code: error.code, message: error.message });
		}
		return reply({
			code: ProTrackCode.systemError,
			message: PROTRACK_CODE_MESSAGES[ProTrackCode.systemError],
		});
	}
}

/** Order of checks: path and method (10001), rate limit (10009), token, then the endpoint's own. */
function route(state: ProTrackState, request: SimRequest): unknown {
	const endpoint = API_ROUTES.get(request.path);
	const method = request.path === AUTHORIZATION_PATH ? 'GET' : endpoint?.method;
	if (method === undefined || method !== request.method) {
		throw new ProTrackError(ProTrackCode.unknownRequest);
	}
	if (!state.rateLimiter.allow(state.nowMs())) {
		throw new ProTrackError(ProTrackCode.tooFrequent);
	}
	if (!endpoint) {
		return authorize(state, request.params);
	}
	const caller = authenticate(state, request.params);
	state.settleCommands();
	return endpoint.handle({ state, params: request.params, caller });
}

function reply(body: Record<string, unknown>): SimResponse {
	return { status: 200, body, headers: { 'content-type': JSON_CONTENT_TYPE } };
}
