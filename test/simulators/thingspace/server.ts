/**
 * Routing of the ThingSpace host as served by the simulator. Order of checks: the route (404 gateway
 * fault 900906), the rate limit (429), the bearer token on everything but the token endpoint (401
 * faults 900902 missing / 900901 unknown or expired), the VZ-M2M-Token on the Location API (400), then
 * the handler's own checks.
 */
import type { SimRequest, SimResponse } from '../framework';
import { THINGSPACE_PATHS } from './accounts';
import { sessionLogin, token } from './api-auth';
import { deleteListener, listListeners, registerListener } from './api-callbacks';
import { cancelRequest, locateNow, requestLocations } from './api-locations';
import { startPeriodic, stopPeriodic } from './api-periodic';
import type { ApiHandler } from './context';
import { ThingSpaceError, noRoute, tooManyRequests } from './errors';
import type { ThingSpaceWorld } from './state';

type RouteKind = 'token' | 'login' | 'location';

interface Route {
	method: string;
	/** The path with `:name` parameters, as listed in THINGSPACE_ROUTES. */
	template: string;
	pattern: RegExp;
	names: string[];
	kind: RouteKind;
	handler: ApiHandler;
}

function route(kind: RouteKind, method: string, template: string, handler: ApiHandler): Route {
	const names: string[] = [];
	const source = template.replace(/:(\w+)/g, (_, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { method, template, pattern: new RegExp(`^${source}$`), names, kind, handler };
}

const LOC = THINGSPACE_PATHS.location;

const ROUTES: readonly Route[] = [
	route('token', 'POST', THINGSPACE_PATHS.token, token),
	route('login', 'POST', THINGSPACE_PATHS.login, sessionLogin),
	route('location', 'POST', `${LOC}/devicelocations/action/periodic`, startPeriodic),
	route('location', 'DELETE', `${LOC}/devicelocations/action/periodic/:transactionID`, stopPeriodic),
	route('location', 'POST', `${LOC}/locations`, locateNow),
	route('location', 'POST', `${LOC}/devicelocations`, requestLocations),
	route('location', 'DELETE', `${LOC}/devicelocations/:txid`, cancelRequest),
	route('location', 'POST', `${LOC}/callbacks/:accountName`, registerListener),
	route('location', 'GET', `${LOC}/callbacks/:accountName`, listListeners),
	route('location', 'DELETE', `${LOC}/callbacks/:accountName/name/:name`, deleteListener),
];

/** Every `METHOD path` the simulator serves. */
export const THINGSPACE_ROUTES: readonly string[] = ROUTES.map((entry) => `${entry.method} ${entry.template}`);

const header = (req: SimRequest, name: string): string | undefined => {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
};

export function dispatch(world: ThingSpaceWorld, req: SimRequest): SimResponse {
	try {
		return serve(world, req);
	} catch (error) {
		if (error instanceof ThingSpaceError) return error.toResponse();
		throw error;
	}
}

function serve(world: ThingSpaceWorld, req: SimRequest): SimResponse {
	const now = world.now();
	const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
	let params: RegExpExecArray | null = null;
	const found = ROUTES.find((entry) => entry.method === req.method && (params = entry.pattern.exec(path)) !== null);
	if (!found || !params) throw noRoute(req.method, req.path);
	const values = (params as RegExpExecArray).slice(1);
	if (!world.rateLimiter.allow(now)) {
		throw tooManyRequests(Math.max(1, Math.ceil(world.rateLimiter.retryAfterMs(now) / 1000)));
	}
	if (found.kind !== 'token') world.auth.requireBearer(header(req, 'authorization'), now);
	let account;
	if (found.kind === 'location') {
		const check = world.auth.checkSession(header(req, 'vz-m2m-token'), now);
		if (!check.ok) throw world.auth.sessionRefusal(check.refusal);
		account = check.account;
	}
	const pathParams = Object.fromEntries(found.names.map((name, index) => [name, values[index]]));
	return found.handler({ world, req, path: pathParams, account });
}
