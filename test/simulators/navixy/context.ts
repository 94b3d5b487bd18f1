/** What every action handler receives, and the signature handlers share. */
import type { DateFormatter } from './dates';
import type { Params } from './params';
import type { NavixyState } from './state';
import type { Caller } from './users';
import type { NavixyUser } from './types';

export interface ApiContext {
	state: NavixyState;
	params: Params;
	/** Undefined only for user/auth. */
	caller: Caller | undefined;
	/** Formats instants as this request asks (ISO or the user's local form). */
	date: DateFormatter;
}

/** Returns the answer's fields besides `success: true`. */
export type ApiHandler = (context: ApiContext) => Record<string, unknown>;

/** The authenticated user of a handler that needs one. */
export function userOf(context: ApiContext): NavixyUser {
	if (!context.caller) {
		throw new Error('An authenticated action was called without a caller');
	}
	return context.caller.user;
}
