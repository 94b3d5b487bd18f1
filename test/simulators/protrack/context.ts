/** What every authenticated endpoint handler receives, and account resolution shared by handlers. */
import { ProTrackCode, ProTrackError } from './codes';
import type { Params } from './params';
import type { ProTrackState } from './state';
import type { ProTrackAccount, ProTrackDevice } from './types';

export interface ApiContext {
	state: ProTrackState;
	params: Params;
	caller: ProTrackAccount;
}

/** A handler returns the response `record`, or undefined for a bare `{code: 0}`. */
export type ApiHandler = (context: ApiContext) => unknown;

/**
 * The account a request names: 20005 when unknown; 10007 when it is not the caller or one of the
 * caller's descendants (with `subAccountOnly`, when it is not a strict descendant).
 */
export function resolveAccount(
	context: ApiContext,
	name: string,
	subAccountOnly = false,
): ProTrackAccount {
	const { state, caller } = context;
	const account = state.accounts.get(name);
	if (!account) {
		throw new ProTrackError(ProTrackCode.targetNotFound);
	}
	const allowed = subAccountOnly
		? state.accounts.isBelow(account.account, caller.account)
		: state.accounts.isWithin(account.account, caller.account);
	if (!allowed) {
		throw new ProTrackError(ProTrackCode.permissionDenied);
	}
	return account;
}

/**
 * The devices of an IMEI list that the caller may see, in request order. The document is silent on
 * unknown IMEIs and other accounts' IMEIs; the simulator leaves them out of `record` (no error).
 */
export function visibleDevices(
	{ state, caller }: ApiContext,
	imeis: readonly string[],
): ProTrackDevice[] {
	return imeis
		.map((imei) => state.device(imei))
		.filter(
			(device): device is ProTrackDevice => device !== undefined && state.canSee(caller, device),
		);
}
