/**
 * The answers ThingSpace gives when something is wrong, one shape per layer: the API gateway
 * (`{fault:{code, message, description}}`, HTTP 401/404), the OAuth server (`{error, error_description}`),
 * the UWS and Location services (`{errorCode, errorMessage}`, HTTP 400), and the rate limiter (429).
 */
import type { SimResponse } from '../framework';

/** Thrown by handlers and validators; the dispatcher answers with it. */
export class ThingSpaceError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`ThingSpace ${status}: ${JSON.stringify(body)}`);
	}

	toResponse(): SimResponse {
		return { status: this.status, body: this.body, headers: this.headers };
	}
}

export const GATEWAY_FAULTS = {
	invalidCredentials: 900901,
	missingCredentials: 900902,
	noMatchingResource: 900906,
} as const;

export function gatewayFault(code: number, message: string, description: string, status = 401): ThingSpaceError {
	return new ThingSpaceError(status, { fault: { code, message, description } });
}

export const missingBearer = (): ThingSpaceError =>
	gatewayFault(
		GATEWAY_FAULTS.missingCredentials,
		'Missing Credentials',
		'No bearer token was found in the Authorization header of the request',
	);

export const invalidBearer = (): ThingSpaceError =>
	gatewayFault(
		GATEWAY_FAULTS.invalidCredentials,
		'Invalid Credentials',
		'The bearer token is unknown or has expired; request a new one from the token endpoint',
	);

export const noRoute = (method: string, path: string): ThingSpaceError =>
	gatewayFault(GATEWAY_FAULTS.noMatchingResource, 'No matching resource found', `No resource for ${method} ${path}`, 404);

export const invalidClient = (): ThingSpaceError =>
	new ThingSpaceError(401, { error: 'invalid_client', error_description: 'Client authentication failed' });

export const unsupportedGrant = (): ThingSpaceError =>
	new ThingSpaceError(400, {
		error: 'unsupported_grant_type',
		error_description: 'Only grant_type=client_credentials is supported',
	});

/** `{errorCode, errorMessage}` with HTTP 400, the Location and UWS services' error shape. */
export function serviceError(errorCode: string, errorMessage: string): ThingSpaceError {
	return new ThingSpaceError(400, { errorCode, errorMessage });
}

export const invalidParameter = (message: string): ThingSpaceError => serviceError('INVALID_PARAMETER', message);

export const UWS_ERRORS = {
	invalidCredentials: ['UnifiedWebService.Input.Invalid.Credentials', 'Invalid username or password'],
	locked: ['UnifiedWebService.Account.Locked', 'The account is locked. Contact Verizon support.'],
	sessionInvalid: ['INVALID_PARAMETER', 'UWS verification failure (Invalid session token.)'],
	sessionExpired: ['INVALID_PARAMETER', 'UWS verification failure (The Session has expired.)'],
	sessionExpiredCode: ['REQUEST_FAILED.SessionToken.Expired', 'Session token expired'],
} as const;

export function uwsError(which: keyof typeof UWS_ERRORS): ThingSpaceError {
	const [code, message] = UWS_ERRORS[which];
	return serviceError(code, message);
}

/** Location service messages (the Error Codes page's, plus ours where it has none). */
export const LOCATION_MESSAGES = {
	invalidJson: 'Invalid JSON',
	invalidAccountName: 'Invalid account name',
	unregisteredAccount: 'Unregistered account',
	tooManyDevices: (max: number) => `deviceList can contain a maximum of ${max} devices`,
	noDevices: 'deviceList must contain at least one device',
	invalidDevice: 'Each device needs an id and a kind',
	mixedKinds: 'The kind has to be the same across the device list',
	unsupportedKind: 'Unsupported device kind',
	invalidCacheMode: 'Invalid cache mode',
	invalidAccuracyMode: 'Invalid accuracy mode',
	outOfRange: (field: string, [min, max]: readonly [number, number]) => `${field} must be an integer from ${min} to ${max}`,
	noMdns: 'mdn must list at least one MDN',
	tooManyMdns: (max: number) => `mdn can contain a maximum of ${max} MDNs`,
	unknownTransaction: 'Transaction not found',
	unableToCancel: 'Unable to Cancel',
	invalidListenerName: 'name must be DeviceLocation or Location',
	invalidUrl: 'url must be an absolute http or https URL',
	noListener: (name: string) => `No callback listener is registered for ${name}`,
} as const;

export function tooManyRequests(retryAfterSeconds: number): ThingSpaceError {
	return new ThingSpaceError(429, { message: 'Too Many Requests' }, { 'retry-after': String(retryAfterSeconds) });
}
