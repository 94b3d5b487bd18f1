/**
 * The shared fixture of the ThingSpace simulator tests: a simulator on a free port (rate limit off
 * unless asked), a callback receiver standing in for n8n, and helpers that talk to the API over real
 * HTTP: the two token flows and a `call` that sends both tokens.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { THINGSPACE_APP, THINGSPACE_DEMO, THINGSPACE_PATHS, ThingSpaceSimulator, type ThingSpaceOptions } from '../index';

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in tests
	body: any;
}

export interface Tokens {
	bearer?: string | null;
	session?: string | null;
}

export const DEMO = THINGSPACE_DEMO.account;
export const LOC = THINGSPACE_PATHS.location;
export const MINUTE = 60_000;

async function answerOf(response: Response): Promise<Answer> {
	const text = await response.text();
	let body: unknown;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, headers: response.headers, text, body };
}

export const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** A callback listener: records each request's headers and exact body, answers `status` (200). */
export class Receiver {
	readonly received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
	status = 200;
	private server: http.Server | undefined;
	url = '';

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
				res.writeHead(this.status, { 'content-type': 'text/plain' }).end('ok');
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook/thingspace`;
		return this.url;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Bodies received so far, parsed. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callback bodies are read field by field in tests
	bodies(): any[] {
		return this.received.map((entry) => JSON.parse(entry.body));
	}

	clear(): void {
		this.received.length = 0;
	}
}

export interface ThingSpaceEnv {
	sim: ThingSpaceSimulator;
	base: string;
	receiver: Receiver;
	/** The tokens `call` sends unless told otherwise; set by `signIn`. */
	tokens: { bearer: string; session: string };
	grant(authorization?: string, form?: string): Promise<Answer>;
	login(username?: string, password?: string, bearer?: string): Promise<Answer>;
	/** A bearer token and a session of the demo user, kept in `tokens`. */
	signIn(): Promise<void>;
	call(method: string, path: string, body?: unknown, tokens?: Tokens): Promise<Answer>;
	/** Registers the receiver as the demo account's DeviceLocation listener; returns the shared key. */
	listen(): Promise<string>;
}

/** Registers beforeAll/afterAll for a simulator and a receiver of the calling describe block. */
export function harness(options: ThingSpaceOptions = {}): ThingSpaceEnv {
	const env = {
		receiver: new Receiver(),
		tokens: { bearer: '', session: '' },
	} as ThingSpaceEnv;
	env.grant = async (authorization = basic(THINGSPACE_APP.key, THINGSPACE_APP.secret), form = 'grant_type=client_credentials') =>
		await answerOf(
			await fetch(`${env.base}${THINGSPACE_PATHS.token}`, {
				method: 'POST',
				headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
				body: form,
			}),
		);
	env.login = async (username = THINGSPACE_DEMO.username, password = THINGSPACE_DEMO.password, bearer = env.tokens.bearer) =>
		await answerOf(
			await fetch(`${env.base}${THINGSPACE_PATHS.login}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
				body: JSON.stringify({ username, password }),
			}),
		);
	env.signIn = async () => {
		env.tokens.bearer = (await env.grant()).body.access_token;
		env.tokens.session = (await env.login()).body.sessionToken;
	};
	env.call = async (method, path, body, tokens = {}) => {
		const headers: Record<string, string> = {};
		const bearer = tokens.bearer === undefined ? env.tokens.bearer : tokens.bearer;
		const session = tokens.session === undefined ? env.tokens.session : tokens.session;
		if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
		if (session !== null) headers['vz-m2m-token'] = session;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${env.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		return await answerOf(response);
	};
	env.listen = async () => {
		const answer = await env.call('POST', `${LOC}/callbacks/${DEMO}`, { name: 'DeviceLocation', url: env.receiver.url });
		expect(answer.status).toBe(200);
		return answer.headers.get('vz-shared-key')!;
	};
	beforeAll(async () => {
		env.sim = new ThingSpaceSimulator({ rateLimitPerSecond: false, ...options });
		env.base = await env.sim.start();
		await env.receiver.start();
	});
	afterAll(async () => {
		await env.sim.stop();
		await env.receiver.stop();
	});
	return env;
}

/** A `{id, kind, mdn}` entry for device n of the demo fleet. */
export function deviceEntry(env: ThingSpaceEnv, index: number, kind = 'imei') {
	const device = env.sim.device(index);
	return { id: device.imei, kind, mdn: device.mdn };
}
