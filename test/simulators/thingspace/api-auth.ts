/** The token endpoint (OAuth2 client credentials) and the UWS session login. */
import type { SimResponse } from '../framework';
import type { ApiContext } from './context';

export const BEARER_SCOPE = 'ts.location ts.m2m';

/** `POST /api/ts/v1/oauth2/token`, form `grant_type=client_credentials`, `Authorization: Basic base64(key:secret)`. */
export function token({ world, req }: ApiContext): SimResponse {
	const grant = world.auth.grant(req.headers.authorization, req.params.grant_type, world.now());
	return {
		status: 200,
		body: { access_token: grant.token, token_type: 'bearer', expires_in: grant.expiresIn, scope: BEARER_SCOPE },
	};
}

/** `POST /api/m2m/v1/session/login` `{username, password}` (with the bearer token) → `{sessionToken}`. */
export function sessionLogin({ world, req }: ApiContext): SimResponse {
	const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
	return { status: 200, body: { sessionToken: world.auth.login(username, password, world.now()) } };
}
