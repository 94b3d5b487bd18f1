/**
 * The token call (OS1's AAA service) and the checks every MTS request passes: a request id, a known and
 * unexpired access token, the tenant's id, then the tenant's rate limit.
 */
import type { SimRequest } from '../framework';
import { Os1Code, Os1Error } from './codes';
import type { Os1State } from './state';
import { OS1_AUDIENCE, OS1_CLIENT_ID, OS1_CLIENT_SECRET, OS1_HEADERS } from './tenant';

const header = (request: SimRequest, name: string): string | undefined => {
	const value = request.headers[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** 400 without `X-COREOS-REQUEST-ID`; each id is remembered for the tests. */
export function requireRequestId(state: Os1State, request: SimRequest): void {
	const id = header(request, OS1_HEADERS.requestId);
	if (id === undefined) throw new Os1Error(Os1Code.missingRequestId);
	state.rememberRequestId(id);
}

/** 429 with Retry-After (whole seconds) over the tenant's requests-per-second limit. */
export function requireRate(state: Os1State): void {
	const now = state.now();
	if (state.rateLimiter.allow(now)) return;
	const seconds = Math.max(1, Math.ceil(state.rateLimiter.retryAfterMs(now) / 1000));
	throw new Os1Error(Os1Code.rateLimited, 'Too many requests', { 'retry-after': String(seconds) });
}

/** A tenant id header, when sent, must be this tenant's (403 otherwise). */
function requireTenant(state: Os1State, request: SimRequest, required: boolean): void {
	const tenant = header(request, OS1_HEADERS.tenant);
	if (tenant === undefined && !required) return;
	if (tenant !== state.tenantId) {
		throw new Os1Error(Os1Code.tenantMismatch, `Tenant mismatch: this host serves tenant ${state.tenantId}, X-COREOS-TID was ${JSON.stringify(tenant ?? '')}`);
	}
}

/** The checks of every MTS request, in order: access token (401), tenant (403). */
export function authorize(state: Os1State, request: SimRequest): void {
	const token = header(request, OS1_HEADERS.access);
	const check = token === undefined ? undefined : state.tokens.check(token, state.now());
	if (!check || (!check.ok && check.refusal !== 'expired')) throw new Os1Error(Os1Code.invalidAccessToken);
	if (!check.ok) throw new Os1Error(Os1Code.accessTokenExpired);
	requireTenant(state, request, true);
}

/** POST /core/api/v1/aaa/auth/client-credentials {clientId, clientSecret, audience?}. */
export function clientCredentials(state: Os1State, request: SimRequest): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
	requireTenant(state, request, false);
	const body = request.body as Record<string, unknown> | undefined;
	const { clientId, clientSecret, audience } = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : ({} as Record<string, unknown>);
	if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || clientId === '' || clientSecret === '') {
		throw new Os1Error(Os1Code.invalidAuthBody);
	}
	if (audience !== undefined && audience !== OS1_AUDIENCE) {
		throw new Os1Error(Os1Code.invalidAudience, `Unknown audience ${JSON.stringify(audience)}`);
	}
	if (clientId !== OS1_CLIENT_ID || clientSecret !== OS1_CLIENT_SECRET) throw new Os1Error(Os1Code.invalidClient);
	const accessToken = state.tokens.issue(clientId, state.now());
	return { accessToken, tokenType: 'Bearer', expiresIn: state.tokens.lifetimeSeconds };
}
