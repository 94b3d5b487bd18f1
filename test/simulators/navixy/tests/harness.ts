/**
 * The one shared fixture of the Navixy simulator tests: a simulator on a port of its own with a
 * hand-driven clock (rate limit off unless asked), started and stopped around a describe block, and
 * the `call` helper every test talks to the API with (API key in the Authorization header by default).
 */
import {
	NAVIXY_DEMO_KEY,
	NAVIXY_DEMO_LOGIN,
	NAVIXY_DEMO_PASSWORD,
	NavixySimulator,
	type NavixyOptions,
} from '../index';

export interface Answer {
	status: number;
	body: Record<string, any>;
}

export type Params = Record<string, unknown>;

export interface CallOptions {
	/** The hash: sent as `Authorization: NVX <hash>` unless `hashIn` says otherwise; null sends none. */
	hash?: string | null;
	hashIn?: 'header' | 'body';
	/** Header NVX-ISO-DateTime: true. */
	iso?: boolean;
	encoding?: 'json' | 'form' | 'query';
}

/** 2025-06-15 12:00:00 UTC (14:00 in Berlin, summer time). */
export const START_MS = Date.UTC(2025, 5, 15, 12, 0, 0);
export const DAY = 86400;

/** Objects and arrays as JSON text, the rest as text: how forms and query strings carry them. */
const asText = (value: unknown): string =>
	typeof value === 'object' ? JSON.stringify(value) : String(value);

export async function call(
	base: string,
	path: string,
	params: Params = {},
	options: CallOptions = {},
): Promise<Answer> {
	const { hash = NAVIXY_DEMO_KEY, hashIn = 'header', iso = false, encoding = 'json' } = options;
	const all = hash !== null && hashIn === 'body' ? { ...params, hash } : params;
	const headers: Record<string, string> = {};
	if (hash !== null && hashIn === 'header') {
		headers.authorization = `NVX ${hash}`;
	}
	if (iso) {
		headers['nvx-iso-datetime'] = 'true';
	}
	const pairs = Object.entries(all).map(([key, value]): [string, string] => [key, asText(value)]);
	let url = `${base}${path}`;
	let body: string | undefined;
	if (encoding === 'json') {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(all);
	} else if (encoding === 'form') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(pairs).toString();
	} else {
		url += `?${new URLSearchParams(pairs).toString()}`;
	}
	const response = await fetch(url, {
		method: encoding === 'query' ? 'GET' : 'POST',
		headers,
		body,
	});
	return {
		status: response.status,
		body: (await response.json()) as Record<string, any>,
	};
}

export interface NavixyEnv {
	/** Epoch milliseconds the simulator sees as now; tests move it forward. */
	clock: number;
	simulator: NavixySimulator;
	base: string;
	nowSec(): number;
	call(path: string, params?: Params, options?: CallOptions): Promise<Answer>;
	/** user/auth as the login/password demo user; expects success and returns the hash. */
	login(): Promise<string>;
	/** The error code of an answer that must be an error with the given HTTP status. */
	failure(answer: Answer, httpStatus?: number): number;
}

/** Registers beforeAll/afterAll for a simulator of the calling describe block. */
export function harness(options: NavixyOptions = {}): NavixyEnv {
	const env: NavixyEnv = {
		clock: START_MS,
		simulator: undefined as unknown as NavixySimulator,
		base: '',
		nowSec: () => Math.floor(env.clock / 1000),
		call: async (path, params, callOptions) => call(env.base, path, params, callOptions),
		login: async () => {
			const answer = await env.call(
				'/user/auth',
				{ login: NAVIXY_DEMO_LOGIN, password: NAVIXY_DEMO_PASSWORD },
				{ hash: null },
			);
			expect(answer.body).toEqual({
				success: true,
				type: 'authenticated',
				hash: expect.stringMatching(/^[0-9a-f]{32}$/),
			});
			return answer.body.hash as string;
		},
		failure: (answer, httpStatus = 400) => {
			expect(answer.body.success).toBe(false);
			expect(answer.status).toBe(httpStatus);
			return answer.body.status.code as number;
		},
	};
	beforeAll(async () => {
		env.simulator = new NavixySimulator({
			now: () => env.clock,
			rateLimit: false,
			...options,
		});
		env.base = await env.simulator.start();
	});
	afterAll(async () => {
		await env.simulator.stop();
	});
	return env;
}
