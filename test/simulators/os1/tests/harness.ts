/**
 * The shared fixture of the OS1 simulator tests: a simulator on a free port per describe block (no rate
 * limit and an immediate consent reply unless asked), `call` for the API with the three OS1 headers, and a
 * local receiver that records callbacks as they arrive (raw bytes and headers).
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { OS1_AUDIENCE, OS1_AUTH_PATH, OS1_CLIENT_ID, OS1_CLIENT_SECRET, OS1_MTS_PREFIX, OS1_TENANT_ID, Os1Simulator, type Os1Options } from '../index';

export interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in tests
	body: any;
	headers: Headers;
}

export interface CallOptions {
	method?: string;
	body?: unknown;
	query?: Record<string, string | number>;
	/** The access token; null sends none; default: a token fetched once per describe block. */
	token?: string | null;
	/** X-COREOS-TID; null sends none. */
	tenant?: string | null;
	/** X-COREOS-REQUEST-ID; null sends none; default a fresh uuid. */
	requestId?: string | null;
}

export interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	/** The exact body bytes. */
	raw: Buffer;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed callback body
	json: any;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** What the receiver answers; default 200. */
	status: number;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const receiver: Receiver = { url: '', received: [], status: 200, close: async () => undefined };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			receiver.received.push({ path: req.url ?? '', headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) });
			res.writeHead(receiver.status, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/os1-test`;
	receiver.close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return receiver;
}

export interface Os1Env {
	sim: Os1Simulator;
	base: string;
	/** A token, fetched on first use and kept until forgetToken(). */
	token(): Promise<string>;
	forgetToken(): void;
	/** An MTS call: `path` is below /core/api/v1/mts. */
	mts(path: string, options?: CallOptions): Promise<Answer>;
	/** Any call with the OS1 headers as asked. */
	call(path: string, options?: CallOptions): Promise<Answer>;
	/** POST of the token call. */
	login(body?: Record<string, unknown>, headers?: Record<string, string>): Promise<Answer>;
	/** Requests consent for an MSISDN and, with the default immediate reply, returns its status after. */
	consent(msisdn: string, callback?: Record<string, unknown>): Promise<string>;
}

export const DAY_MS = 86_400_000;

export function harness(options: Os1Options = {}): Os1Env {
	let token: string | undefined;
	const env: Os1Env = {
		sim: undefined as unknown as Os1Simulator,
		base: '',
		token: async () => {
			if (token !== undefined) return token;
			const answer = await env.login();
			token = answer.body.data.accessToken as string;
			return token;
		},
		forgetToken: () => {
			token = undefined;
		},
		login: async (body = { clientId: OS1_CLIENT_ID, clientSecret: OS1_CLIENT_SECRET, audience: OS1_AUDIENCE }, headers = { 'x-coreos-request-id': randomUUID() }) => {
			const response = await fetch(`${env.base}${OS1_AUTH_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(body),
			});
			return { status: response.status, body: await response.json(), headers: response.headers };
		},
		call: async (path, callOptions = {}) => {
			const { method = 'GET', body, query, tenant = OS1_TENANT_ID, requestId = randomUUID() } = callOptions;
			const access = callOptions.token === undefined ? await env.token() : callOptions.token;
			const headers: Record<string, string> = {};
			if (access !== null) headers['x-coreos-access'] = access;
			if (tenant !== null) headers['x-coreos-tid'] = tenant;
			if (requestId !== null) headers['x-coreos-request-id'] = requestId;
			if (body !== undefined) headers['content-type'] = 'application/json';
			const search = query ? `?${new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString()}` : '';
			const response = await fetch(`${env.base}${path}${search}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
			return { status: response.status, body: await response.json(), headers: response.headers };
		},
		mts: async (path, callOptions) => await env.call(`${OS1_MTS_PREFIX}${path}`, callOptions),
		consent: async (msisdn, callback) => {
			const requested = await env.mts(`/consents/${msisdn}`, { method: 'POST', body: callback ? { callback } : {} });
			expect(requested.status).toBe(200);
			return (await env.mts(`/consents/${msisdn}/status`)).body.data.consentStatus as string;
		},
	};
	beforeAll(async () => {
		env.sim = new Os1Simulator({ rateLimitPerSecond: false, consentReplyMs: 0, ...options });
		env.base = await env.sim.start();
		token = undefined;
	});
	afterAll(async () => {
		await env.sim.idle();
		await env.sim.stop();
	});
	return env;
}
