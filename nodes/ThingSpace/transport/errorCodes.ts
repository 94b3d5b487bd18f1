import type { ProviderErrorTable } from '../../shared/errors';

/**
 * ThingSpace's error codes and their meanings: the Location API's `{errorCode, errorMessage}` (HTTP 400),
 * the API gateway's `{fault: {code}}` (HTTP 401), the OAuth token endpoint's `{error}` and the UWS session
 * login's codes. INVALID_PARAMETER covers many causes: the provider's message (kept in the error's
 * description) says which.
 */
export const THINGSPACE_ERRORS: ProviderErrorTable = {
	provider: 'ThingSpace',
	codes: {
		INVALID_PARAMETER: 'A value in the request was refused (see the provider message)',
		CACHE_UNAVAILABLE: 'The location cache has no data for this device (ask for the current location instead)',
		'REQUEST_FAILED.SessionToken.Expired': 'The VZ-M2M session token expired',
		'UnifiedWebService.Input.Invalid.Credentials': 'Invalid UWS user name or password',
		'UnifiedWebService.Account.Locked': 'The UWS user is locked after repeated failed logins; only Verizon support unlocks it',
		'900901': 'Invalid credentials: the bearer token is unknown or expired',
		'900902': 'Missing credentials: no bearer token was sent',
		invalid_client: 'Client authentication failed: wrong application key or secret',
		invalid_grant: 'The grant was refused',
		unsupported_grant_type: 'The token endpoint does not support this grant type',
	},
};

/** Gateway fault codes that mean the bearer token was refused. */
export const BEARER_REFUSED_FAULTS: ReadonlySet<string> = new Set(['900901', '900902']);

/** Login answers that say the UWS credentials are wrong or the user is locked: never retried. */
export const UWS_BAD_CREDENTIALS = 'UnifiedWebService.Input.Invalid.Credentials';
export const UWS_LOCKED = 'UnifiedWebService.Account.Locked';

/** How many failed UWS logins in a row lock the user. */
export const FAILED_LOGINS_BEFORE_LOCK = 5;
