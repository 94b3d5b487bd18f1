/**
 * A small framework for provider simulators: a real HTTP server on 127.0.0.1 that parses requests,
 * logs every one of them, and can inject faults before the provider-specific handler answers.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The query merged with a form-urlencoded or JSON object body; body values win. */
	params: Record<string, string>;
	body: unknown;
	rawBody: string;
	headers: http.IncomingHttpHeaders;
}

export interface SimResponse {
	status: number;
	/** Serialized as JSON unless rawBody is given. */
	body?: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface LoggedRequest {
	seq: number;
	/** Arrival time, epoch milliseconds. */
	at: number;
	method: string;
	path: string;
	query: Record<string, string>;
	params: Record<string, string>;
	body: unknown;
	headers: http.IncomingHttpHeaders;
	/** Final HTTP status; 0 when the socket was reset without an answer. */
	status: number;
}

export type Fault =
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	/** Waits, then answers normally. */
	| { kind: 'latency'; ms: number }
	/** HTTP 200 with a truncated JSON body. */
	| { kind: 'malformed' }
	/** Destroys the socket without answering. */
	| { kind: 'reset' }
	/** HTTP 200 with this JSON body instead of the real answer. */
	| { kind: 'body'; body: unknown };

export interface FaultRule {
	fault: Fault;
	/** Exact path or pattern; every path when omitted. */
	path?: string | RegExp;
	/** How many matching requests this rule affects; default 1, Infinity allowed. */
	times?: number;
}

interface ActiveFault {
	rule: FaultRule;
	remaining: number;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
const TRUNCATED_JSON = '{"code":0,"record":[{"imei":"3588';

export abstract class Simulator {
	readonly log: LoggedRequest[] = [];
	private server: http.Server | undefined;
	private url: string | undefined;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private faults: ActiveFault[] = [];
	private sequence = 0;

	constructor(readonly name: string) {}

	get baseUrl(): string {
		if (this.url === undefined) {
			throw new Error(`The ${this.name} simulator is not running`);
		}
		return this.url;
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		if (this.server) {
			throw new Error(`The ${this.name} simulator is already running`);
		}
		const server = http.createServer((req, res) => {
			void this.onRequest(req, res);
		});
		server.on('connection', (socket) => this.track(socket));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		const address = server.address() as AddressInfo;
		this.server = server;
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) {
			return;
		}
		this.server = undefined;
		this.url = undefined;
		for (const timer of this.timers) {
			clearTimeout(timer);
		}
		this.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) {
			socket.destroy();
		}
		this.sockets.clear();
		await closed;
	}

	inject(rule: FaultRule): void {
		this.faults.push({ rule, remaining: rule.times ?? 1 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	requests(path?: string | RegExp): LoggedRequest[] {
		if (path === undefined) {
			return [...this.log];
		}
		return this.log.filter((entry) => matchesPath(path, entry.path));
	}

	clearLog(): void {
		this.log.length = 0;
	}

	protected abstract handle(req: SimRequest): Promise<SimResponse> | SimResponse;

	private track(socket: Socket): void {
		this.sockets.add(socket);
		socket.once('close', () => this.sockets.delete(socket));
	}

	private takeFault(path: string): Fault | undefined {
		const active = this.faults.find(
			(entry) => entry.remaining > 0 && matchesPath(entry.rule.path, path),
		);
		if (!active) {
			return undefined;
		}
		active.remaining -= 1;
		this.faults = this.faults.filter((entry) => entry.remaining > 0);
		return active.rule.fault;
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		try {
			await this.serve(req, res);
		} catch (error) {
			if (!res.destroyed && !res.headersSent) {
				writeResponse(res, {
					status: 500,
					body: { error: error instanceof Error ? error.message : String(error) },
				});
			}
		}
	}

	private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const at = Date.now();
		const request = await readRequest(req);
		const entry: LoggedRequest = {
			seq: ++this.sequence,
			at,
			method: request.method,
			path: request.path,
			query: request.query,
			params: request.params,
			body: request.body,
			headers: request.headers,
			status: 0,
		};
		const fault = this.takeFault(request.path);
		if (fault?.kind === 'reset') {
			this.log.push(entry);
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'latency') {
			await this.delay(fault.ms);
		}
		const response = fault ? faultResponse(fault) : undefined;
		const answer = response ?? (await this.answer(request));
		entry.status = answer.status;
		this.log.push(entry);
		if (!res.destroyed) {
			writeResponse(res, answer);
		}
	}

	private async answer(request: SimRequest): Promise<SimResponse> {
		try {
			return await this.handle(request);
		} catch (error) {
			return {
				status: 500,
				body: { error: error instanceof Error ? error.message : String(error) },
			};
		}
	}

	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}
}

function matchesPath(pattern: string | RegExp | undefined, path: string): boolean {
	if (pattern === undefined) {
		return true;
	}
	return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

/** The canned answer of a fault, or undefined when the real handler must answer. */
function faultResponse(fault: Fault): SimResponse | undefined {
	switch (fault.kind) {
		case 'status':
			return { status: fault.status, body: fault.body, headers: fault.headers };
		case 'malformed':
			return {
				status: 200,
				rawBody: TRUNCATED_JSON,
				headers: { 'content-type': JSON_CONTENT_TYPE },
			};
		case 'body':
			return { status: 200, body: fault.body };
		default:
			return undefined;
	}
}

function writeResponse(res: http.ServerResponse, answer: SimResponse): void {
	const headers: Record<string, string> = { ...answer.headers };
	let payload = answer.rawBody;
	if (payload === undefined && answer.body !== undefined) {
		payload = JSON.stringify(answer.body);
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
			headers['content-type'] = JSON_CONTENT_TYPE;
		}
	}
	const buffer = Buffer.from(payload ?? '', 'utf8');
	headers['content-length'] = String(buffer.length);
	res.writeHead(answer.status, headers);
	res.end(buffer);
}

async function readRequest(req: http.IncomingMessage): Promise<SimRequest> {
	const url = new URL(req.url ?? '/', 'http://simulator.local');
	const query = Object.fromEntries(url.searchParams.entries());
	const rawBody = await readBody(req);
	const body = parseBody(rawBody, req.headers['content-type'] ?? '');
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		path: decodePath(url.pathname),
		query,
		params: { ...query, ...bodyParams(body) },
		body,
		rawBody,
		headers: req.headers,
	};
}

function decodePath(pathname: string): string {
	try {
		return decodeURIComponent(pathname);
	} catch {
		return pathname;
	}
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

function parseBody(rawBody: string, contentType: string): unknown {
	if (rawBody === '') {
		return undefined;
	}
	const type = contentType.toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(rawBody).entries());
	}
	const looksLikeJson = /^\s*[[{]/.test(rawBody);
	if (type.includes('json') || (type === '' && looksLikeJson)) {
		try {
			return JSON.parse(rawBody) as unknown;
		} catch {
			return rawBody;
		}
	}
	return rawBody;
}

function bodyParams(body: unknown): Record<string, string> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return {};
	}
	const params: Record<string, string> = {};
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		params[key] = paramText(value);
	}
	return params;
}

function paramText(value: unknown): string {
	if (typeof value === 'string') {
		return value;
	}
	if (value === null || value === undefined) {
		return '';
	}
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
