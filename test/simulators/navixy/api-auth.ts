/** user/auth, user/get_info, user/logout, and how every other action finds its caller. */
import type { SimRequest } from '../framework';
import { NavixyCode, NavixyError, NAVIXY_LIMITS, invalid } from './codes';
import { userOf, type ApiContext } from './context';
import { text } from './params';
import type { NavixyState } from './state';
import { HASH_PATTERN, type Caller } from './users';

/** The hash of `Authorization: NVX <hash>`, else the `hash` parameter (body or query). */
function hashOf(request: SimRequest): string | undefined {
	const header = request.headers.authorization;
	const match = typeof header === 'string' ? /^NVX (\S+)$/.exec(header.trim()) : null;
	return match?.[1] ?? request.params.hash;
}

/** 3 when the hash is missing or malformed, 4 when it is no API key and no live session. */
export function authenticate(state: NavixyState, request: SimRequest): Caller {
	const hash = hashOf(request);
	if (hash === undefined || !HASH_PATTERN.test(hash)) {
		throw new NavixyError(NavixyCode.wrongHash);
	}
	const keyOwner = state.users.find((user) => user.apiKeys.includes(hash));
	if (keyOwner) {
		return { user: keyOwner, rateKey: `key:${hash}` };
	}
	const user = state.userById(state.sessions.use(hash, state.nowMs()) ?? -1);
	if (!user) {
		throw new NavixyError(NavixyCode.sessionEnded);
	}
	return { user, rateKey: `user:${user.id}`, session: hash };
}

/** user/auth {login, password}: 102 when wrong, 104 when the user holds the limit of live sessions. */
export function userAuth({ state, params }: ApiContext): Record<string, unknown> {
	const login = text(params, 'login');
	const password = text(params, 'password');
	if (password.length > NAVIXY_LIMITS.passwordLength) {
		throw invalid('password', `Length must be 1 to ${NAVIXY_LIMITS.passwordLength}`);
	}
	if (!state.rateLimiter.allow(state.nowMs(), `login:${login}`)) {
		throw new NavixyError(NavixyCode.tooManyRequests);
	}
	const user = state.users.find((candidate) => candidate.login === login);
	if (!user || user.password === undefined || user.password !== password) {
		throw new NavixyError(NavixyCode.wrongLogin);
	}
	const hash = state.sessions.open(user.id, state.nowMs());
	if (hash === undefined) {
		throw new NavixyError(NavixyCode.loginsLimit);
	}
	return { type: 'authenticated', hash };
}

/** user/get_info: the cheap call credential tests make. */
export function getInfo(context: ApiContext): Record<string, unknown> {
	const user = userOf(context);
	return {
		paas_id: 7,
		user_info: {
			id: user.id,
			login: user.login,
			title: user.title,
			creation_date: context.date(context.state.anchor - 400 * 86400),
			locale: 'en_US',
			demo: true,
			verified: true,
			legal_type: 'legal_entity',
			time_zone: user.timeZone,
			measurement_system: 'metric',
			date_format: 'yyyy-MM-dd',
			hour_mode: 'TWENTY_FOUR_HOURS',
		},
		features: [],
		privileges: { rights: [] },
	};
}

/** user/logout: ends the session it is called with (an API key stays valid). */
export function logout(context: ApiContext): Record<string, unknown> {
	if (context.caller?.session) {
		context.state.sessions.end(context.caller.session);
	}
	return {};
}
