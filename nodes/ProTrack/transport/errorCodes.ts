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

/**
 * Codes meaning the session is gone: log in once more through the credential, then resend. Besides
 * 10010-10012 (token missing, invalid, out of date), 10002 "Login timeout" and 10003 "Not logged in
 * yet" say the same of an old session; treating them as final would leave the dead token stored and
 * fail every later execution.
 */
export const TOKEN_GONE_CODES: ReadonlySet<number> = new Set([10002, 10003, 10010, 10011, 10012]);

/** "System error": worth another try when the request is safe to repeat (a read). */
export const RETRY_IF_SAFE_CODES: ReadonlySet<number> = new Set([10000]);

/** The API's rate limit ("Request is too frequency"). */
export const RATE_LIMIT_CODE = 10009;

/** "No data": from list and history calls (their `noDataIsEmpty`), an empty answer rather than a failure. */
export const NO_DATA_CODE = 20023;
