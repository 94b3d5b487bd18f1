import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { describeProviderCode } from '../../shared/errors';
import { LoginFailure } from '../../shared/loginFailure';
import { collectByTimeCursor } from '../../shared/pagination';
import { parseRetryAfter } from '../../shared/retry';
import type { ProviderContext } from '../../shared/request';
import { ALARM_HISTORY, ROUTE_HISTORY, type HistoryKind, type HistoryResult } from '../helpers/history';
import type { AlarmEntry, PlaybackPoint } from '../helpers/historyRecords';
import { authorizationSignature } from '../helpers/signature';
import { PROTRACK_ERRORS, RATE_LIMIT_CODE, RETRY_IF_SAFE_CODES } from './errorCodes';
import { baseUrlOf, proTrackRequest } from './request';

/**
 * The ProTrack Open API, one function per use: the only place that names its paths. Nodes, triggers,
 * pickers and helpers reach ProTrack through these functions.
 */
export const PATHS = {
	login: '/api/authorization',
	track: '/api/track',
	playback: '/api/playback',
	alarms: '/api/alarm/list',
	deviceList: '/api/device/list',
	deviceDetail: '/api/device/detail',
	mileage: '/api/device/mileage',
	geofenceCreate: '/api/geofence/create',
	commandSend: '/api/command/send',
	commandQuery: '/api/command/query',
	userInfo: '/api/user/info',
	userList: '/api/user/list',
	userBlock: '/api/user/block',
	userUnblock: '/api/user/unblock',
	userPassSet: '/api/user/password/set',
	messageSend: '/api/message/send',
} as const;

const asArray = (record: unknown) => (Array.isArray(record) ? (record as IDataObject[]) : []);

/**
 * Logs in and returns a new access token. Each login invalidates the account's previous token, so
 * only the credential's preAuthentication (run by n8n, which stores the result) calls it. A refused
 * account or password (20001) is final; a rate limit, a server error or an unreadable answer is a
 * failed login the request pipeline tries again.
 */
export async function login(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const time = Math.floor(Date.now() / 1000);
	const response = await context.helpers.httpRequest({
		method: 'GET',
		url: `${baseUrlOf(credentials)}${PATHS.login}`,
		qs: {
			time,
			account: String(credentials.account ?? ''),
			signature: authorizationSignature(String(credentials.password ?? ''), time),
		},
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});
	const body = (response?.body ?? {}) as IDataObject;
	const status = Number(response?.statusCode);
	const code = Number(body.code);
	const record = body.record as IDataObject | undefined;
	if (status === 200 && code === 0 && typeof record?.access_token === 'string' && record.access_token !== '') {
		return record.access_token;
	}
	if (Number.isFinite(code) && code !== 0) {
		const reason = `ProTrack authorization failed: ${code} ${describeProviderCode(PROTRACK_ERRORS, code)}`;
		const retryable = code === RATE_LIMIT_CODE || RETRY_IF_SAFE_CODES.has(code) || status === 429 || status >= 500;
		throw new LoginFailure(reason, !retryable, parseRetryAfter(response?.headers?.['retry-after']));
	}
	if (status === 429 || status >= 500) {
		throw new LoginFailure(`ProTrack authorization failed: HTTP ${status}`, false, parseRetryAfter(response?.headers?.['retry-after']));
	}
	throw new LoginFailure(
		`ProTrack authorization failed: the answer (HTTP ${status}) was not a ProTrack Open API response (check the Base URL)`,
		status >= 400 && status < 500,
	);
}

/** The account's devices (at most 500), or those of a sub-account. */
export async function listDevices(context: ProviderContext, account?: string, itemIndex?: number): Promise<IDataObject[]> {
	const params = account === undefined ? {} : { account };
	const envelope = await proTrackRequest(context, { method: 'GET', path: PATHS.deviceList, params, itemIndex, noDataIsEmpty: true });
	return asArray(envelope.record);
}

/** The sub-accounts of the credential's account, or of one below it. */
export async function listSubAccounts(context: ProviderContext, account?: string, itemIndex?: number): Promise<IDataObject[]> {
	const params = account === undefined ? {} : { account };
	const envelope = await proTrackRequest(context, { method: 'GET', path: PATHS.userList, params, itemIndex, noDataIsEmpty: true });
	return asArray(envelope.record);
}

/** One account's information (`record` as the API returned it). */
export async function accountInfo(context: ProviderContext, account: string, itemIndex: number): Promise<unknown> {
	return (await proTrackRequest(context, { method: 'GET', path: PATHS.userInfo, params: { account }, itemIndex })).record;
}

/** Blocks or unblocks an account; doing it twice leaves the same state, so it is safe to repeat. */
export async function setAccountBlocked(context: ProviderContext, account: string, blocked: boolean, itemIndex: number) {
	const path = blocked ? PATHS.userBlock : PATHS.userUnblock;
	await proTrackRequest(context, { method: 'POST', path, params: { account }, safeToRepeat: true, itemIndex });
}

/** Sets an account's password given as md5 hex; both forms of the password stay out of errors. */
export async function setAccountPassword(
	context: ProviderContext,
	account: string,
	passwordMd5: string,
	secrets: string[],
	itemIndex: number,
): Promise<void> {
	await proTrackRequest(context, {
		method: 'POST',
		path: PATHS.userPassSet,
		params: { account, password: passwordMd5 },
		safeToRepeat: true,
		itemIndex,
		secrets,
	});
}

/** Latest positions of up to 100 IMEIs (one record per IMEI the API knows). */
export async function track(context: ProviderContext, imeis: string[]): Promise<IDataObject[]> {
	const params = { imeis: imeis.join(',') };
	return asArray((await proTrackRequest(context, { method: 'GET', path: PATHS.track, params, noDataIsEmpty: true })).record);
}

/** Details of up to 100 IMEIs. */
export async function deviceDetails(context: ProviderContext, imeis: string[]): Promise<IDataObject[]> {
	const params = { imeis: imeis.join(',') };
	return asArray((await proTrackRequest(context, { method: 'GET', path: PATHS.deviceDetail, params, noDataIsEmpty: true })).record);
}

/** Mileage of up to 100 IMEIs between two Unix times (the API reads them on half-hour marks). */
export async function mileage(context: ProviderContext, imeis: string[], begintime: number, endtime: number): Promise<unknown> {
	const params = { imeis: imeis.join(','), begintime, endtime };
	return (await proTrackRequest(context, { method: 'GET', path: PATHS.mileage, params, noDataIsEmpty: true })).record;
}

/** Every record of one device with begin <= time <= end, oldest first, following the API's pages. */
async function history<R>(
	context: ProviderContext,
	path: string,
	kind: HistoryKind<R>,
	imei: string,
	begin: number,
	end: number,
	options: { limit?: number; itemIndex?: number },
): Promise<HistoryResult<R>> {
	const result = await collectByTimeCursor<R>({
		begin,
		end,
		pageSize: kind.pageSize,
		limit: options.limit,
		timeOf: kind.timeOf,
		identityOf: kind.identityOf,
		fetchPage: async (pageBegin, pageEnd) => {
			const params = { imei, begintime: pageBegin, endtime: pageEnd };
			const envelope = await proTrackRequest(context, {
				method: 'GET',
				path,
				params,
				itemIndex: options.itemIndex,
				noDataIsEmpty: true,
			});
			return kind.parse(envelope.record);
		},
	});
	return {
		records: result.records.sort((a, b) => kind.timeOf(a) - kind.timeOf(b)),
		requests: result.pages,
		truncated: result.truncated,
		stalls: result.stalls,
	};
}

/** A device's alarms between two Unix times, paged by system time. */
export async function alarmHistory(
	context: ProviderContext,
	imei: string,
	begin: number,
	end: number,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<HistoryResult<AlarmEntry>> {
	return await history(context, PATHS.alarms, ALARM_HISTORY, imei, begin, end, options);
}

/** A device's route points between two Unix times, paged by GPS time. */
export async function routeHistory(
	context: ProviderContext,
	imei: string,
	begin: number,
	end: number,
	options: { limit?: number; itemIndex?: number } = {},
): Promise<HistoryResult<PlaybackPoint>> {
	return await history(context, PATHS.playback, ROUTE_HISTORY, imei, begin, end, options);
}

/** Creates a circular geofence; never re-sent after a server error. */
export async function createGeofence(context: ProviderContext, params: IDataObject, itemIndex: number): Promise<void> {
	await proTrackRequest(context, { method: 'POST', path: PATHS.geofenceCreate, params, safeToRepeat: false, itemIndex });
}

/** Sends a command to a device and returns the answer's `record` (holding the command ID). */
export async function sendCommand(context: ProviderContext, params: IDataObject, itemIndex: number): Promise<unknown> {
	const envelope = await proTrackRequest(context, { method: 'POST', path: PATHS.commandSend, params, safeToRepeat: false, itemIndex });
	return envelope.record;
}

/** Asks whether a device has answered a command (read-only, so it may be retried). */
export async function queryCommand(context: ProviderContext, commandId: string, itemIndex: number): Promise<unknown> {
	const params = { commandid: commandId };
	const envelope = await proTrackRequest(context, { method: 'POST', path: PATHS.commandQuery, params, safeToRepeat: true, itemIndex });
	return envelope.record;
}

/** Sends a platform message to up to 200 accounts; never re-sent after a server error. */
export async function sendMessage(context: ProviderContext, accounts: string[], content: string, itemIndex: number): Promise<void> {
	const params = { accounts: accounts.join(','), content };
	await proTrackRequest(context, { method: 'POST', path: PATHS.messageSend, params, safeToRepeat: false, itemIndex });
}
