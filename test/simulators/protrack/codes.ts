/** ProTrack Open API result codes (chapter 3 of the document), limits and fixed vocabularies. */

export const ProTrackCode = {
	ok: 0,
	systemError: 10000,
	unknownRequest: 10001,
	loginTimeout: 10002,
	notLoggedIn: 10003,
	parameterError: 10004,
	missingParameter: 10005,
	outOfRange: 10006,
	permissionDenied: 10007,
	tooFrequent: 10009,
	tokenNotFound: 10010,
	tokenInvalid: 10011,
	tokenOutOfDate: 10012,
	imeiNotAuthorized: 10013,
	requestTimeError: 10014,
	accountBlocked: 10016,
	wrongCredentials: 20001,
	targetNotFound: 20005,
	deviceOffline: 20017,
	sendCommandFailed: 20018,
	noData: 20023,
	targetExpired: 20046,
	unsupportedCommand: 20048,
	deviceBlocked: 20089,
} as const;

export const PROTRACK_CODE_MESSAGES: Readonly<Record<number, string>> = {
	10000: 'System error',
	10001: 'Unknown request',
	10002: 'Login timeout',
	10003: 'Not login yet',
	10004: 'Parameter error',
	10005: 'Missing required parameter',
	10006: 'The parameter is out of range',
	10007: 'Permission denied',
	10009: 'Request is too frequency',
	10010: "Access token doesn't exist",
	10011: 'Access token is invalid',
	10012: 'Access token is out of date',
	10013: 'IMEI is not authorized',
	10014: 'Request time error',
	10016: 'Account is blocked',
	20001: 'Account or password error',
	20005: "Target doesn't exist.",
	20017: 'Device is offline.',
	20018: 'Send command fail.',
	20023: 'No Data.',
	20046: 'Target is expired.',
	20048: 'Unsupported command.',
	20089: 'Device is blocked.',
};

/** Thrown by endpoint handlers; answered as HTTP 200 `{code, message}`. */
export class ProTrackError extends Error {
	constructor(
		readonly code: number,
		message = PROTRACK_CODE_MESSAGES[code] ?? '',
	) {
		super(message);
	}
}

export const PROTRACK_LIMITS = {
	imeisPerRequest: 100,
	playbackPoints: 1000,
	alarmRecords: 100,
	deviceList: 500,
	userList: 500,
	messageAccounts: 200,
	messageLength: 300,
	geofenceRadiusMin: 100,
	geofenceRadiusMax: 5000,
	mileageWindowSeconds: 7 * 24 * 3600,
	/** Mileage begin/end minutes must be 0 or 30, so both are multiples of half an hour. */
	mileageStepSeconds: 1800,
} as const;

/** The simulator only accepts 15-digit IMEIs; anything else is a parameter error (10004). */
export const IMEI_PATTERN = /^\d{15}$/;

export const PROTRACK_COMMANDS = [
	'RELAY,1',
	'RELAY,0',
	'RESET',
	'LOCKDOOR',
	'UNLOCKDOOR',
	'SET_MILEAGE',
] as const;
export type ProTrackCommand = (typeof PROTRACK_COMMANDS)[number];

/** datastatus values of /api/track. */
export const DataStatus = {
	neverOnline: 1,
	ok: 2,
	expired: 3,
	offline: 4,
	blocked: 5,
} as const;

/** The alarm types the generator produces (the full table is in the document, 1..44). */
export const AlarmType = {
	sos: 1,
	lowBattery: 2,
	vibration: 4,
	geoFenceIn: 5,
	geoFenceOut: 6,
	speeding: 7,
	engineOn: 9,
	engineOff: 10,
	doorOpen: 26,
	doorClose: 27,
} as const;
