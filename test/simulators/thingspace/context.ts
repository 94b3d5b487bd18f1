/** What every ThingSpace handler receives, and the account checks the Location API shares. */
import type { SimRequest, SimResponse } from '../framework';
import type { ThingSpaceAccount } from './accounts';
import { LOCATION_MESSAGES, invalidParameter } from './errors';
import { accountName } from './params';
import type { ThingSpaceWorld } from './state';

export interface ApiContext {
	world: ThingSpaceWorld;
	req: SimRequest;
	/** Path parameters of the route, by name. */
	path: Record<string, string>;
	/** The session user's account (Location API routes only). */
	account?: ThingSpaceAccount;
}

export type ApiHandler = (context: ApiContext) => SimResponse;

/** The account a request names, which must be the session user's: 400 Invalid account name / Unregistered account. */
export function ownAccount(context: ApiContext, name: unknown): string {
	const account = accountName(name);
	if (!context.account || context.account.account !== account) throw invalidParameter(LOCATION_MESSAGES.unregisteredAccount);
	return account;
}

export const ok = (body: unknown, headers?: Record<string, string>): SimResponse => ({ status: 200, body, headers });
