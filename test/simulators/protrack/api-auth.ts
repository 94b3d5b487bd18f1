/** /api/authorization and the access-token check of every other endpoint. */
import type { TokenRefusal } from '../common/tokens';
import { md5 } from './accounts';
import { ProTrackCode, ProTrackError } from './codes';
import { optional, parameterError, required, type Params } from './params';
import type { ProTrackState } from './state';
import type { ProTrackAccount } from './types';

/** ProTrack keeps one token per account: a new login makes the previous token invalid (10011). */
const TOKEN_REFUSALS: Readonly<Record<TokenRefusal, number>> = {
	unknown: ProTrackCode.tokenNotFound,
	replaced: ProTrackCode.tokenInvalid,
	expired: ProTrackCode.tokenOutOfDate,
};

/**
 * GET /api/authorization?time&account&signature, signature = md5(md5(password) + time).
 * Order of checks: missing 10005, non-integer time 10004, clock skew 10014, credentials 20001, blocked 10016.
 */
export function authorize(
	state: ProTrackState,
	params: Params,
): { access_token: string; expires_in: number } {
	const time = required(params, 'time');
	const accountName = required(params, 'account');
	const signature = required(params, 'signature');
	if (!/^\d+$/.test(time)) {
		throw parameterError('time');
	}
	if (Math.abs(Number(time) - state.nowSec()) > state.clockSkewSeconds) {
		throw new ProTrackError(ProTrackCode.requestTimeError);
	}
	const account = state.accounts.get(accountName);
	if (!account || md5(account.passwordMd5 + time) !== signature) {
		throw new ProTrackError(ProTrackCode.wrongCredentials);
	}
	if (account.blocked) {
		throw new ProTrackError(ProTrackCode.accountBlocked);
	}
	return {
		access_token: state.tokens.issue(account.account, state.nowMs()),
		expires_in: state.tokens.lifetimeSeconds,
	};
}

/**
 * The caller behind `access_token`. A missing token is answered 10005 (missing required parameter)
 * rather than 10003 (not login yet): the simulator applies its parameter rule uniformly.
 * Unknown token 10010, replaced by a newer token 10011, expired 10012, blocked account 10016.
 */
export function authenticate(state: ProTrackState, params: Params): ProTrackAccount {
	const token = optional(params, 'access_token');
	if (token === undefined) {
		throw new ProTrackError(
			ProTrackCode.missingParameter,
			'Missing required parameter: access_token',
		);
	}
	const check = state.tokens.check(token, state.nowMs());
	if (!check.ok) {
		throw new ProTrackError(TOKEN_REFUSALS[check.refusal]);
	}
	const caller = state.accounts.get(check.account);
	if (!caller) {
		throw new ProTrackError(ProTrackCode.tokenNotFound);
	}
	if (caller.blocked) {
		throw new ProTrackError(ProTrackCode.accountBlocked);
	}
	return caller;
}
