/**
 * The one shared fixture of the ProTrack simulator tests: a simulator on a port of its own with a
 * hand-driven clock, started and stopped around a describe block, logged in as the demo account
 * unless told otherwise; the `call` helper that every test talks to the API with.
 */
import {
	PROTRACK_DEMO,
	ProTrackSimulator,
	protrackSignature,
	type ProTrackOptions,
} from '../index';

export interface Answer<T = unknown> {
	code: number;
	message?: string;
	record?: T;
}

export type Encoding = 'query' | 'form' | 'json';
export type Method = 'GET' | 'POST';
export type Params = Record<string, string | number>;

export const DAY = 86400;
export const START_MS = Date.UTC(2025, 5, 15, 12, 0, 0);

/** One API call; every ProTrack answer is HTTP 200, errors included. */
export async function call<T = unknown>(
	base: string,
	path: string,
	params: Params = {},
	method: Method = 'GET',
	encoding: Encoding = 'query',
): Promise<Answer<T>> {
	const pairs = Object.entries(params).map(([key, value]): [string, string] => [
		key,
		String(value),
	]);
	const query = encoding === 'query' ? `?${new URLSearchParams(pairs).toString()}` : '';
	const response = await fetch(`${base}${path}${query}`, {
		method,
		headers: encoding === 'json' ? { 'content-type': 'application/json' } : undefined,
		body:
			encoding === 'form'
				? new URLSearchParams(pairs)
				: encoding === 'json'
					? JSON.stringify(params)
					: undefined,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Answer<T>;
}

/** /api/authorization with a correct signature for `time`; expects success and returns the token. */
export async function login(
	base: string,
	time: number,
	account: string = PROTRACK_DEMO.account,
	password: string = PROTRACK_DEMO.password,
): Promise<string> {
	const answer = await call<{ access_token: string }>(base, '/api/authorization', {
		time,
		account,
		signature: protrackSignature(password, time),
	});
	expect(answer.code).toBe(0);
	return answer.record?.access_token ?? '';
}

export interface ProTrackEnv {
	/** Epoch milliseconds the simulator sees as now; tests move it forward. */
	clock: number;
	simulator: ProTrackSimulator;
	base: string;
	/** The demo account's token from beforeAll (empty with `login: false`). */
	token: string;
	nowSec(): number;
	login(account?: string, password?: string): Promise<string>;
	/** The first IMEI (in fleet order) whose datastatus is `datastatus`. */
	imeiWithStatus(datastatus: number): string;
}

export interface HarnessOptions extends ProTrackOptions {
	/** Log in as the demo account in beforeAll; default true. */
	login?: boolean;
}

/** Registers beforeAll/afterAll for a simulator of the calling describe block. */
export function harness({
	login: loginFirst = true,
	...options
}: HarnessOptions = {}): ProTrackEnv {
	const env: ProTrackEnv = {
		clock: START_MS,
		simulator: undefined as unknown as ProTrackSimulator,
		base: '',
		token: '',
		nowSec: () => Math.floor(env.clock / 1000),
		login: async (account, password) => login(env.base, env.nowSec(), account, password),
		imeiWithStatus: (datastatus) =>
			env.simulator
				.imeis()
				.find((candidate) => env.simulator.device(candidate)?.datastatus === datastatus) ?? '',
	};
	beforeAll(async () => {
		env.simulator = new ProTrackSimulator({ now: () => env.clock, ...options });
		env.base = await env.simulator.start();
		if (loginFirst) {
			env.token = await env.login();
		}
	});
	afterAll(async () => {
		await env.simulator.stop();
	});
	return env;
}

/** A simulator on the wall clock for one test, logged in as demo, stopped afterwards. */
export async function withLiveSimulator(
	options: ProTrackOptions,
	run: (simulator: ProTrackSimulator, base: string, token: string) => Promise<void>,
): Promise<void> {
	const simulator = new ProTrackSimulator(options);
	const base = await simulator.start();
	try {
		await run(simulator, base, await login(base, Math.floor(Date.now() / 1000)));
	} finally {
		await simulator.stop();
	}
}
