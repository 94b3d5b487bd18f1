/**
 * Routing of the Navixy API v2 as served by the simulator: every action at `POST <baseUrl>/<action>`
 * (the simulator's base URL stands for `https://api.eu.navixy.com/v2`); GET is accepted too, as the
 * documents show. Parameters come from a JSON body, a form body or the query string alike.
 *
 * Order of checks: action (111) and method (112), credentials (3 malformed or missing, 4 unknown or
 * ended), rate limit (15), then the action's own. Dates: ISO 8601 when the header NVX-ISO-DateTime or
 * the parameter iso_datetime is `true`, else `yyyy-MM-dd HH:mm:ss` in the user's time zone.
 */
import { JSON_CONTENT_TYPE, type SimRequest, type SimResponse } from '../framework';
import { authenticate, getInfo, logout, userAuth } from './api-auth';
import { commandRoutes } from './api-commands';
import { historyRoutes } from './api-history';
import { registrationRoutes } from './api-register';
import { stateRoutes } from './api-state';
import { trackerRoutes } from './api-trackers';
import { NavixyCode, NavixyError, httpStatusOf } from './codes';
import type { ApiContext, ApiHandler } from './context';
import { dateFormatter } from './dates';
import type { NavixyState } from './state';

export const USER_AUTH_PATH = '/user/auth';

const ROUTES = new Map<string, ApiHandler>([
	[USER_AUTH_PATH, userAuth],
	['/user/get_info', getInfo],
	['/user/logout', logout],
	...trackerRoutes,
	...stateRoutes,
	...commandRoutes,
	...registrationRoutes,
	...historyRoutes,
]);

/** Every action path the simulator serves. */
export const NAVIXY_PATHS: readonly string[] = [...ROUTES.keys()];

export function dispatch(state: NavixyState, request: SimRequest): SimResponse {
	try {
		return reply(200, { success: true, ...route(state, request) });
	} catch (error) {
		const failure = error instanceof NavixyError ? error : new NavixyError(NavixyCode.unexpected);
		return reply(httpStatusOf(failure.code), {
			success: false,
			status: { code: failure.code, description: failure.message },
			...(failure.errors ? { errors: failure.errors } : {}),
			...failure.extra,
		});
	}
}

function route(state: NavixyState, request: SimRequest): Record<string, unknown> {
	const handle = ROUTES.get(request.path.replace(/\/+$/, ''));
	if (!handle) {
		throw new NavixyError(NavixyCode.wrongHandler);
	}
	if (request.method !== 'POST' && request.method !== 'GET') {
		throw new NavixyError(NavixyCode.wrongMethod);
	}
	const caller = handle === userAuth ? undefined : authenticate(state, request);
	if (caller && !state.rateLimiter.allow(state.nowMs(), caller.rateKey)) {
		throw new NavixyError(NavixyCode.tooManyRequests);
	}
	const iso =
		String(request.headers['nvx-iso-datetime'] ?? '').toLowerCase() === 'true' ||
		request.params.iso_datetime === 'true';
	const context: ApiContext = {
		state,
		params: request.params,
		caller,
		date: dateFormatter(caller?.user.timeZone ?? 'UTC', iso),
	};
	return handle(context);
}

function reply(status: number, body: Record<string, unknown>): SimResponse {
	return { status, body, headers: { 'content-type': JSON_CONTENT_TYPE } };
}
