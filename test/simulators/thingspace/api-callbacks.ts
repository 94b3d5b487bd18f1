/**
 * Callback listeners: `POST /callbacks/{accountName}` `{name, url}` registers (or replaces) the
 * account's listener of that service and answers the new shared key in the `VZ-Shared-Key` header;
 * `GET /callbacks/{accountName}` lists them, with an empty body when there are none;
 * `DELETE /callbacks/{accountName}/name/{name}` removes one.
 */
import { LISTENER_NAMES, type ListenerName } from './accounts';
import { SHARED_KEY_HEADER } from './callbacks';
import { ok, ownAccount, type ApiHandler } from './context';
import { LOCATION_MESSAGES, invalidParameter } from './errors';
import { jsonObject } from './params';

const isListenerName = (name: unknown): name is ListenerName => LISTENER_NAMES.includes(name as ListenerName);

function callbackUrl(url: unknown): string {
	if (typeof url !== 'string') throw invalidParameter(LOCATION_MESSAGES.invalidUrl);
	try {
		const parsed = new URL(url);
		if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url;
	} catch {
		// answered below
	}
	throw invalidParameter(LOCATION_MESSAGES.invalidUrl);
}

export const registerListener: ApiHandler = (context) => {
	const account = ownAccount(context, context.path.accountName);
	const body = jsonObject(context.req.body);
	if (!isListenerName(body.name)) throw invalidParameter(LOCATION_MESSAGES.invalidListenerName);
	const listener = context.world.listeners.register(account, body.name, callbackUrl(body.url), context.world.now());
	return ok({ account, name: listener.name }, { [SHARED_KEY_HEADER]: listener.secret });
};

export const listListeners: ApiHandler = (context) => {
	const account = ownAccount(context, context.path.accountName);
	const listeners = context.world.listeners.list(account);
	if (listeners.length === 0) return { status: 200, rawBody: '' };
	return ok(listeners.map(({ name, url }) => ({ name, url })));
};

export const deleteListener: ApiHandler = (context) => {
	const account = ownAccount(context, context.path.accountName);
	const name = context.path.name;
	if (!isListenerName(name) || !context.world.listeners.remove(account, name)) {
		throw invalidParameter(LOCATION_MESSAGES.noListener(name));
	}
	return ok({ account, name });
};
