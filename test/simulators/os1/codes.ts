/**
 * The simulator's error codes: 12 digits, service + method + error as OS1 composes them. The AAA codes
 * (10100...) are OS1's auth service; the MTS codes (1401...) are this project's choice, since OS1 does not
 * publish them: 140100 any MTS call, 140101 consents (and the fields every request checks), 140102 SIM
 * tracks, 140103 smartphone tracks, 140104 tracks of any kind and their trace. The node mirrors the meanings.
 */

export interface Os1CodeInfo {
	/** HTTP status the error is answered with. */
	status: number;
	meaning: string;
}

export const Os1Code = {
	missingRequestId: '101001400001',
	invalidAuthBody: '101001400002',
	invalidAudience: '101001400003',
	invalidAccessToken: '101001401001',
	accessTokenExpired: '101001401002',
	invalidClient: '101001401003',
	tenantMismatch: '101001403001',
	invalidBody: '140100400001',
	noRoute: '140100404001',
	rateLimited: '140100429001',
	invalidMsisdn: '140101400001',
	invalidCallback: '140101400002',
	invalidExpiry: '140101400003',
	consentNotFound: '140101404001',
	noValidConsent: '140102403001',
	trackNotFound: '140102404001',
	trackWrongState: '140102409001',
	trackDeleted: '140102410001',
	invalidContextId: '140103400001',
	contextInUse: '140103409001',
	invalidPageSize: '140104400001',
	invalidPageToken: '140104400002',
} as const;

export type Os1ErrorCode = (typeof Os1Code)[keyof typeof Os1Code];

/** Every code the simulator answers with: HTTP status and what it means. */
export const OS1_CODES: Readonly<Record<Os1ErrorCode, Os1CodeInfo>> = {
	'101001400001': { status: 400, meaning: 'The X-COREOS-REQUEST-ID header is missing' },
	'101001400002': { status: 400, meaning: 'clientId and clientSecret are required' },
	'101001400003': { status: 400, meaning: 'Unknown audience' },
	'101001401001': { status: 401, meaning: 'Invalid access token' },
	'101001401002': { status: 401, meaning: 'Access token expired' },
	'101001401003': { status: 401, meaning: 'Invalid client credentials' },
	'101001403001': { status: 403, meaning: 'Tenant mismatch' },
	'140100400001': { status: 400, meaning: 'Invalid request body' },
	'140100404001': { status: 404, meaning: 'No such API' },
	'140100429001': { status: 429, meaning: 'Too many requests' },
	'140101400001': { status: 400, meaning: 'Invalid MSISDN: up to 12 digits' },
	'140101400002': { status: 400, meaning: 'Invalid callback: url must match the documented pattern, secret must be base64' },
	'140101400003': { status: 400, meaning: 'Invalid expiry: like 2h, 1d, 50s or 3h4m7s, more than 0 and at most 60 days' },
	'140101404001': { status: 404, meaning: 'Consent not found' },
	'140102403001': { status: 403, meaning: 'No valid consent for the MSISDN' },
	'140102404001': { status: 404, meaning: 'Track not found' },
	'140102409001': { status: 409, meaning: 'The track cannot do this in its state (already started, stopped or expired, or never started)' },
	'140102410001': { status: 410, meaning: 'Track deleted: it was not started within 24 hours' },
	'140103400001': { status: 400, meaning: 'Invalid contextId: 1 to 256 characters' },
	'140103409001': { status: 409, meaning: 'A track for this contextId already exists' },
	'140104400001': { status: 400, meaning: 'Invalid pageSize: a whole number from 1 to 1000' },
	'140104400002': { status: 400, meaning: 'Invalid pageToken' },
};

/** Thrown by handlers and state operations; the server turns it into OS1's error body. */
export class Os1Error extends Error {
	constructor(
		readonly code: Os1ErrorCode,
		description?: string,
		readonly headers?: Record<string, string>,
	) {
		super(description ?? OS1_CODES[code].meaning);
	}

	get status(): number {
		return OS1_CODES[this.code].status;
	}
}

export const OS1_LIMITS = {
	msisdn: /^\d{1,12}$/,
	maxExpiryMs: 60 * 86_400_000,
	defaultExpiry: '1d',
	/** Tracks not started within this are deleted. */
	unstartedLifetimeMs: 86_400_000,
	/** An allowed consent expires this long after it was received. */
	consentLifetimeMs: 30 * 86_400_000,
	traceStepMs: 30_000,
	defaultPageSize: 500,
	maxPageSize: 1000,
	contextIdLength: 256,
	requestsPerSecond: 20,
	tokenLifetimeSeconds: 3600,
	consentReplyMs: 300,
} as const;
