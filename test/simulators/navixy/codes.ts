/** Navixy API v2 status codes, their descriptions and HTTP statuses, the error type and the limits. */

export const NavixyCode = {
	databaseError: 1,
	wrongHash: 3,
	sessionEnded: 4,
	unexpected: 6,
	invalidParameters: 7,
	accessDenied: 11,
	notPermitted: 13,
	tooManyRequests: 15,
	wrongLogin: 102,
	loginsLimit: 104,
	wrongHandler: 111,
	wrongMethod: 112,
	notFound: 201,
	deleteAssociated: 203,
	entityNotFound: 204,
	deviceBlocked: 208,
	timeSpanTooBig: 211,
	limitTooBig: 212,
	deviceOffline: 213,
	notSupported: 214,
	nonexistentEntities: 217,
	notForClones: 219,
	unknownModel: 220,
	deviceLimit: 221,
	pluginNotFound: 222,
	phoneInUse: 223,
	deviceIdInUse: 224,
	wrongIccid: 226,
	wrongActivationCode: 227,
	bundledSimPhone: 241,
	alreadyConnected: 242,
	alreadyConnectedCorrupt: 243,
	clonesOnly: 249,
	alreadyCorrupted: 252,
	locationActual: 256,
	bundleNotFound: 258,
	wrongDeviceStatus: 266,
} as const;

export const NAVIXY_CODE_DESCRIPTIONS: Readonly<Record<number, string>> = {
	1: 'Database error',
	3: 'Wrong hash',
	4: 'User or API key not found or session ended',
	6: 'Unexpected error',
	7: 'Invalid parameters',
	11: 'Access denied',
	13: 'Operation not permitted',
	15: 'Too many requests (rate limit exceeded)',
	102: 'Wrong login or password',
	104: 'Logins limit exceeded, please reuse existing sessions instead',
	111: 'Wrong handler',
	112: 'Wrong method',
	201: 'Not found in database',
	203: 'Delete entity associated with',
	204: 'Entity not found',
	208: 'Device blocked',
	211: 'Requested time span is too big',
	212: 'Requested limit is too big',
	213: 'Cannot perform action: the device is offline',
	214: 'Requested operation or parameters are not supported by the device',
	217: 'List contains nonexistent entities',
	219: 'Not allowed for clones of the device',
	220: 'Unknown device model',
	221: 'Device limit exceeded',
	222: 'Plugin not found',
	223: 'Phone number already in use',
	224: 'Device ID already in use',
	226: 'Wrong ICCID',
	227: 'Wrong activation code',
	241: 'Cannot change phone to bundled sim. Contact tech support.',
	242: 'Device already connected',
	243: 'Device already connected.',
	249: 'Operation available for clones only',
	252: 'Device already corrupted',
	256: 'Location already actual',
	258: 'Bundle not found',
	266: 'Cannot perform action for the device in current status',
};

const HTTP_STATUS_BY_CODE: Readonly<Record<number, number>> = {
	1: 500,
	6: 500,
	8: 503,
	14: 503,
	9: 412,
	15: 429,
	204: 404,
	258: 404,
};
const FORBIDDEN_CODES: ReadonlySet<number> = new Set([11, 13, 208, 219, 221, 225, 249, 266]);

/** The HTTP status an error code is answered with: 400 unless the error table says otherwise. */
export function httpStatusOf(code: number): number {
	return FORBIDDEN_CODES.has(code) ? 403 : (HTTP_STATUS_BY_CODE[code] ?? 400);
}

export interface ParameterError {
	parameter: string;
	error: string;
}

/** Thrown by handlers; `extra` adds root-level fields to the error answer (e.g. 203's `rules`). */
export class NavixyError extends Error {
	constructor(
		readonly code: number,
		readonly errors?: ParameterError[],
		readonly extra?: Record<string, unknown>,
	) {
		super(NAVIXY_CODE_DESCRIPTIONS[code] ?? `Error ${code}`);
	}
}

/** Code 7 naming one parameter. */
export function invalid(parameter: string, error: string): NavixyError {
	return new NavixyError(NavixyCode.invalidParameters, [{ parameter, error }]);
}

export const NAVIXY_LIMITS = {
	/** tracker/get_states and the batch_get_* actions. */
	trackersPerRequest: 2000,
	historyMaxLimit: 1000,
	/** report.max_time_span of history/tracker/list: per dealer; the simulator uses the documented example, 90 days. */
	historyMaxSpanDays: 90,
	labelsMax: 1024,
	labelLength: 60,
	apnLength: 40,
	passwordLength: 40,
	tagOrdinalMax: 5,
	/** A GPS fix younger than this makes tracker/location_request answer 256. */
	locationActualSeconds: 60,
	requestsPerSecond: 50,
} as const;
