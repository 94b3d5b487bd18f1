/**
 * Routing of the tenant host: the token call at /core/api/v1/aaa/auth/client-credentials and the MTS API
 * under /core/api/v1/mts. Checks in order: request id (400), then for MTS access token (401), tenant (403),
 * rate limit (429), route (404), and the handler's own. Successes are `{data, error: {}}`, errors
 * `{data: null, error: {code, description, additionalInfo}, request: {uri, method, queryString}}`.
 */
import type { SimRequest, SimResponse } from '../framework';
import { authorize, clientCredentials, requireRate, requireRequestId } from './api-auth';
import { consentRoutes } from './api-consents';
import { traceRoutes } from './api-trace';
import { trackRoutes } from './api-tracks';
import { Os1Code, Os1Error } from './codes';
import type { ApiHandler } from './context';
import type { Os1State } from './state';
import { OS1_AUTH_PATH, OS1_MTS_PREFIX } from './tenant';

interface Route {
	method: string;
	path: RegExp;
	handle: ApiHandler;
}

const ROUTES: readonly Route[] = [...consentRoutes, ...trackRoutes, ...traceRoutes];

/** Every MTS route as `METHOD /core/api/v1/mts<pattern>`, for the README and the node's path table. */
export const OS1_ROUTES: readonly string[] = ROUTES.map((route) => `${route.method} ${OS1_MTS_PREFIX}${route.path.source}`);

const requestPart = (request: SimRequest) => ({
	uri: request.path,
	method: request.method,
	queryString: new URLSearchParams(request.query).toString(),
});

export function dispatch(state: Os1State, request: SimRequest): SimResponse {
	try {
		requireRequestId(state, request);
		if (request.path === OS1_AUTH_PATH) {
			if (request.method !== 'POST') throw new Os1Error(Os1Code.noRoute, `No route ${request.method} ${request.path}`);
			requireRate(state);
			return { status: 200, body: { data: clientCredentials(state, request), error: null, request: requestPart(request) } };
		}
		authorize(state, request);
		requireRate(state);
		const { handle, params } = route(request);
		state.refresh();
		const result = handle({ state, request, params });
		return { status: result.status, body: { data: result.data, error: {} } };
	} catch (error) {
		if (!(error instanceof Os1Error)) throw error;
		const body = { data: null, error: { code: error.code, description: error.message, additionalInfo: {} }, request: requestPart(request) };
		return { status: error.status, body, headers: error.headers };
	}
}

function route(request: SimRequest): { handle: ApiHandler; params: string[] } {
	const path = request.path.startsWith(`${OS1_MTS_PREFIX}/`) ? request.path.slice(OS1_MTS_PREFIX.length) : undefined;
	for (const candidate of path === undefined ? [] : ROUTES) {
		const match = candidate.method === request.method ? candidate.path.exec(path!) : null;
		if (match) return { handle: candidate.handle, params: match.slice(1) };
	}
	throw new Os1Error(Os1Code.noRoute, `No route ${request.method} ${request.path}`);
}
