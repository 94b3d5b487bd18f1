import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { describeProviderCode } from '../../shared/errors';
import { LoginFailure } from '../../shared/loginFailure';
import { collectByTimeCursor, type TimeCursorResult } from '../../shared/pagination';
import type { ProviderContext } from '../../shared/request';
import { parseRetryAfter } from '../../shared/retry';
import { eventIdentity, eventTime, isoSeconds, parseEvents, type NavixyEvent } from '../helpers/events';
import { NAVIXY_ERRORS, RATE_LIMIT_CODE, RETRY_IF_SAFE_CODES } from './errorCodes';
import { baseUrlOf, navixyRequest } from './request';

/**
 * The Navixy API v2 actions, one function per use: the only place that names them. Nodes, triggers,
 * pickers and helpers reach Navixy through these functions. Reads are safe to repeat; actions that
 * change something are sent once.
 */
export const TEST_ACTION = 'user/get_info';

/** Most trackers one tracker/get_states request takes. */
export const MAX_TRACKERS_PER_STATES_REQUEST = 2000;
/** Most events one history/tracker/list request returns (its default and maximum limit). */
export const EVENTS_PER_PAGE = 1000;

type Ctx = ProviderContext;
const read = async (context: Ctx, action: string, params: IDataObject, itemIndex?: number) =>
	await navixyRequest(context, { action, params, safeToRepeat: true, itemIndex });
const change = async (context: Ctx, action: string, params: IDataObject, itemIndex?: number, secrets?: string[]) =>
	await navixyRequest(context, { action, params, safeToRepeat: false, itemIndex, secrets });

/** Codes of user/auth that a new try will not mend: access denied, wrong login, not activated, limits. */
const FINAL_LOGIN_CODES = new Set([11, 102, 103, 104, 105]);

/**
 * Opens a session (user/auth) and returns its hash. Only the credential's preAuthentication calls it:
 * n8n stores the hash for every execution, since Navixy limits the number of sessions (104).
 */
export async function login(context: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const response = await context.helpers.httpRequest({
		method: 'POST',
		url: `${baseUrlOf(credentials)}/user/auth`,
		body: { login: String(credentials.login ?? ''), password: String(credentials.password ?? '') },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});
	const status = Number(response?.statusCode);
	const body = (response?.body ?? {}) as IDataObject;
	const retryAfter = parseRetryAfter((response?.headers as IDataObject | undefined)?.['retry-after']);
	if (body.success === true && typeof body.hash === 'string' && body.hash !== '') {
		if (body.type === 'second_factor_required') {
			throw new LoginFailure('Navixy login failed: this account asks for a second factor; use an API key instead', true);
		}
		return body.hash;
	}
	const code = Number((body.status as IDataObject | undefined)?.code);
	if (Number.isFinite(code)) {
		const reason = `Navixy login failed: ${code} ${describeProviderCode(NAVIXY_ERRORS, code)}`;
		const retryable = code === RATE_LIMIT_CODE || RETRY_IF_SAFE_CODES.has(code) || status === 429 || status >= 500;
		throw new LoginFailure(reason, FINAL_LOGIN_CODES.has(code) || !retryable, retryAfter);
	}
	if (status === 429 || status >= 500) throw new LoginFailure(`Navixy login failed: HTTP ${status}`, false, retryAfter);
	throw new LoginFailure(
		`Navixy login failed: the answer (HTTP ${status}) was not a Navixy API response (check the API URL)`,
		status >= 400 && status < 500,
	);
}

const list = (answer: IDataObject, key = 'list') => (Array.isArray(answer[key]) ? (answer[key] as IDataObject[]) : []);

export const trackers = {
	read: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		(await read(context, 'tracker/read', { tracker_id: trackerId }, itemIndex)).value as IDataObject,
	list: async (context: Ctx, labels?: string[], itemIndex?: number) =>
		list(await read(context, 'tracker/list', labels === undefined ? {} : { labels }, itemIndex)),
	corrupt: async (context: Ctx, trackerId: number, itemIndex: number) =>
		await change(context, 'tracker/corrupt', { tracker_id: trackerId }, itemIndex),
	deleteClone: async (context: Ctx, trackerId: number, itemIndex: number) =>
		await change(context, 'tracker/delete', { tracker_id: trackerId }, itemIndex),
	// Setting the same phone and APN twice leaves the same settings.
	changePhone: async (context: Ctx, params: IDataObject, itemIndex: number, secrets?: string[]) =>
		await navixyRequest(context, { action: 'tracker/change_phone', params, safeToRepeat: true, itemIndex, secrets }),
	listModels: async (context: Ctx, codes?: string[], itemIndex?: number) =>
		list(await read(context, 'tracker/list_models', codes === undefined ? {} : { codes }, itemIndex)),
	setTags: async (context: Ctx, trackerId: number, bindings: IDataObject[], itemIndex: number) =>
		await navixyRequest(context, {
			action: 'tracker/tags/set',
			params: { tracker_id: trackerId, tag_bindings: bindings },
			safeToRepeat: true,
			itemIndex,
		}),
	requestLocation: async (context: Ctx, trackerId: number, type: string, itemIndex: number) =>
		await change(context, 'tracker/location_request', { tracker_id: trackerId, type }, itemIndex),
};

export const state = {
	get: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_state', { tracker_id: trackerId }, itemIndex),
	/** Up to 2,000 trackers in one request; `states` is keyed by the tracker ID as text. */
	getMany: async (context: Ctx, ids: number[], options: { listBlocked: boolean; allowNotExist: boolean }) =>
		await read(context, 'tracker/get_states', {
			trackers: ids,
			list_blocked: options.listBlocked,
			allow_not_exist: options.allowNotExist,
		}),
	/** Which of these trackers do not exist or are blocked (get_states lists them instead of failing). */
	unreadable: async (context: Ctx, ids: number[]) => {
		const answer = await state.getMany(context, ids, { listBlocked: true, allowNotExist: true });
		return {
			blocked: new Set(((answer.blocked ?? []) as number[]).map(Number)),
			notExist: new Set(((answer.not_exist ?? []) as number[]).map(Number)),
		};
	},
	lastGpsPoint: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_last_gps_point', { tracker_id: trackerId }, itemIndex),
};

export const sensors = {
	diagnostics: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_diagnostics', { tracker_id: trackerId }, itemIndex),
	fuel: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_fuel', { tracker_id: trackerId }, itemIndex),
	readings: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_readings', { tracker_id: trackerId }, itemIndex),
	inputs: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_inputs', { tracker_id: trackerId }, itemIndex),
	/** `data` keyed by the tracker ID as text. */
	inputsOfMany: async (context: Ctx, ids: number[]) => await read(context, 'tracker/batch_get_inputs', { trackers: ids }),
	outputs: async (context: Ctx, trackerId: number, itemIndex?: number) =>
		await read(context, 'tracker/get_outputs', { tracker_id: trackerId }, itemIndex),
	/** `result` keyed by the tracker ID as text. */
	outputsOfMany: async (context: Ctx, ids: number[]) => await read(context, 'tracker/batch_get_outputs', { trackers: ids }),
	// Giving an output the same title twice leaves the same title.
	renameOutput: async (context: Ctx, trackerId: number, output: { number: number; title: string }, itemIndex: number) =>
		await navixyRequest(context, {
			action: 'tracker/output/update',
			params: { tracker_id: trackerId, tracker_output: output },
			safeToRepeat: true,
			itemIndex,
		}),
	setOutput: async (context: Ctx, trackerId: number, output: number, enable: boolean, itemIndex: number) =>
		await change(context, 'tracker/output/set', { tracker_id: trackerId, output, enable }, itemIndex),
};

/** Registration and replacement: `params` are the action's documented fields plus the plugin's own. */
export const registration = {
	register: async (context: Ctx, params: IDataObject, itemIndex: number, secrets: string[]) =>
		(await change(context, 'tracker/register', params, itemIndex, secrets)).value as IDataObject,
	registerRetry: async (context: Ctx, params: IDataObject, itemIndex: number, secrets: string[]) =>
		(await change(context, 'tracker/register_retry', params, itemIndex, secrets)).value as IDataObject,
	registerQuick: async (context: Ctx, params: IDataObject, itemIndex: number) =>
		(await change(context, 'tracker/register_quick', params, itemIndex)).value as IDataObject,
	replace: async (context: Ctx, params: IDataObject, itemIndex: number, secrets: string[]) =>
		(await change(context, 'tracker/replace', params, itemIndex, secrets)).value as IDataObject,
	replaceQuick: async (context: Ctx, params: IDataObject, itemIndex: number) =>
		(await change(context, 'tracker/replace_quick', params, itemIndex)).value as IDataObject,
	replaceRetry: async (context: Ctx, params: IDataObject, itemIndex: number, secrets: string[]) =>
		(await change(context, 'tracker/replace_retry', params, itemIndex, secrets)).value as IDataObject,
};

export const commands = {
	send: async (context: Ctx, trackerId: number, command: IDataObject, itemIndex: number, secrets: string[]) =>
		await change(context, 'tracker/send_command', { tracker_id: trackerId, command }, itemIndex, secrets),
	sendRaw: async (context: Ctx, trackerId: number, command: string, type: 'text' | 'hex', reliable: boolean, itemIndex: number) =>
		await change(context, 'tracker/raw_command/send', { tracker_id: trackerId, command, type, reliable }, itemIndex),
};

export interface EventQuery {
	trackers: number[];
	/** Unix seconds, both ends included. */
	begin: number;
	end: number;
	/** Event types; every type when empty. */
	types: string[];
	limit?: number;
	itemIndex?: number;
}

/**
 * Longest span one history/tracker/list request asks for. A server refuses a longer `to - from` with 211
 * (its dealer's report.max_time_span, 90 days in the documented example, 120 in an older one), so longer
 * ranges are read in consecutive windows of 30 days.
 */
export const HISTORY_WINDOW_SECONDS = 30 * 24 * 3600;

/** One window of the history, paged by time. `to` must be after `from`, so a one-second page asks one more second and drops it. */
async function historyWindow(context: Ctx, query: EventQuery, begin: number, end: number, limit?: number) {
	return await collectByTimeCursor<NavixyEvent>({
		begin,
		end,
		pageSize: EVENTS_PER_PAGE,
		limit,
		timeOf: eventTime,
		identityOf: eventIdentity,
		fetchPage: async (pageBegin, pageEnd) => {
			const params: IDataObject = {
				trackers: query.trackers,
				from: isoSeconds(pageBegin),
				to: isoSeconds(Math.max(pageEnd, pageBegin + 1)),
				limit: EVENTS_PER_PAGE,
				ascending: true,
			};
			if (query.types.length > 0) params.events = query.types;
			const page = parseEvents(list(await read(context, 'history/tracker/list', params, query.itemIndex)));
			return page.filter((event) => event.time <= pageEnd);
		},
	});
}

export const events = {
	/**
	 * The trackers' events between two times, oldest first, following history/tracker/list's pages (1,000
	 * events at most each; the next page starts at the last event's time, whose repeats are dropped by ID),
	 * in windows of at most 30 days.
	 */
	history: async (context: Ctx, query: EventQuery): Promise<TimeCursorResult<NavixyEvent>> => {
		const merged: TimeCursorResult<NavixyEvent> = { records: [], pages: 0, truncated: false, stalls: 0 };
		for (let begin = query.begin; begin <= query.end; begin += HISTORY_WINDOW_SECONDS) {
			const end = Math.min(query.end, begin + HISTORY_WINDOW_SECONDS - 1);
			const left = query.limit === undefined ? undefined : query.limit - merged.records.length;
			const part = await historyWindow(context, query, begin, end, left);
			merged.records.push(...part.records);
			merged.pages += part.pages;
			merged.stalls += part.stalls;
			const full = query.limit !== undefined && merged.records.length >= query.limit;
			if (part.truncated || (full && end < query.end)) {
				merged.truncated = true;
				break;
			}
			if (full) break;
		}
		return merged;
	},
	/** The newest event between two times (at most one request; the span must suit the server), or undefined. */
	latest: async (context: Ctx, query: EventQuery): Promise<NavixyEvent | undefined> => {
		const params: IDataObject = {
			trackers: query.trackers,
			from: isoSeconds(query.begin),
			to: isoSeconds(query.end),
			limit: 1,
			ascending: false,
		};
		if (query.types.length > 0) params.events = query.types;
		return parseEvents(list(await read(context, 'history/tracker/list', params, query.itemIndex)))[0];
	},
	/** Event types with their descriptions in the given locale (e.g. en_US). */
	types: async (context: Ctx, itemIndex?: number, locale = 'en_US') =>
		list(await read(context, 'history/type/list', { locale, only_tracker_events: true }, itemIndex)),
};
