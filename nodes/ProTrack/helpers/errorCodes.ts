import type { ProviderErrorTable } from '../../shared/errors';

/** Chapter 3 of the ProTrack Open API document. */
export const PROTRACK_ERRORS: ProviderErrorTable = {
	provider: 'ProTrack',
	codes: {
		'10000': 'System error',
		'10001': 'Unknown request',
		'10002': 'Login timeout',
		'10003': 'Not logged in yet',
		'10004': 'Parameter error',
		'10005': 'Missing required parameter',
		'10006': 'The parameter is out of range',
		'10007': 'Permission denied',
		'10009': 'Requests are too frequent',
		'10010': "Access token doesn't exist",
		'10011': 'Access token is invalid',
		'10012': 'Access token is out of date',
		'10013': 'IMEI is not authorized',
		'10014': 'Request time error',
		'10016': 'Account is blocked',
		'20001': 'Account or password error',
		'20005': "Target doesn't exist",
		'20017': 'Device is offline',
		'20018': 'Sending the command failed',
		'20023': 'No data',
		'20046': 'Target is expired',
		'20048': 'Unsupported command',
		'20089': 'Device is blocked',
	},
};

/** Codes meaning the access token is gone: refresh once through the credential, then retry once. */
export const TOKEN_REJECTED_CODES: ReadonlySet<number> = new Set([10010, 10011, 10012]);

/** The API's rate limit ("Request is too frequency"). */
export const RATE_LIMIT_CODE = 10009;

/** "No data": for the list and history endpoints below, an empty answer rather than a failure. */
export const NO_DATA_CODE = 20023;
export const NO_DATA_MEANS_EMPTY: ReadonlySet<string> = new Set([
	'/api/alarm/list',
	'/api/device/detail',
	'/api/device/list',
	'/api/device/mileage',
	'/api/playback',
	'/api/track',
	'/api/user/list',
]);
