/**
 * The in-process n8n's public webhook endpoint: a small HTTP server on 127.0.0.1 (a free port) that
 * receives provider callbacks at `<base>/webhook/<path>` and hands each to the active workflow that
 * registered that path, with the request and response shaped as n8n's own server shapes them:
 * - the request carries `rawBody` (the exact bytes, a Buffer), `body` parsed as n8n parses it for a
 *   version-1 webhook node (JSON, form, text), `contentType`, `encoding`, `query` and `params`;
 * - the response is Node's ServerResponse with the Express methods nodes call (`status`, `send`,
 *   `json`, `set`/`header`, `sendStatus`), so a node answering for itself behaves as in n8n.
 * Unknown paths get n8n's 404 answer.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

/** An incoming request as a webhook node sees it through getRequestObject(). */
export type WebhookRequest = http.IncomingMessage & {
	body: unknown;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	path: string;
};

/** Node's response with the Express methods webhook nodes use. */
export type WebhookResponse = http.ServerResponse & {
	status(code: number): WebhookResponse;
	set(name: string, value: string): WebhookResponse;
	header(name: string, value: string): WebhookResponse;
	send(body?: unknown): WebhookResponse;
	json(body: unknown): WebhookResponse;
	sendStatus(code: number): WebhookResponse;
};

export type WebhookHandler = (req: WebhookRequest, res: WebhookResponse) => Promise<void>;

export class WebhookServer {
	private server: http.Server | undefined;
	private base: string | undefined;
	private readonly routes = new Map<string, WebhookHandler>();
	private readonly sockets = new Set<Socket>();
	private port = 0;

	/** `http://127.0.0.1:<port>`: n8n's instance URL for this process. */
	get baseUrl(): string {
		if (this.base === undefined) throw new Error('The webhook server is not running');
		return this.base;
	}

	get running(): boolean {
		return this.server !== undefined;
	}

	/**
	 * Listens on 127.0.0.1: on a free port the first time, on the same port again after stop() (as an
	 * n8n keeps its address across restarts), unless that port was taken meanwhile.
	 */
	async start(): Promise<string> {
		if (this.server) return this.baseUrl;
		const server = http.createServer((req, res) => void this.dispatch(req, res));
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
		const listen = async (port: number) =>
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					server.off('error', reject);
					resolve();
				});
			});
		await listen(this.port).catch(async (error: NodeJS.ErrnoException) => {
			if (this.port === 0 || error.code !== 'EADDRINUSE') throw error;
			await listen(0);
		});
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		this.base = `http://127.0.0.1:${this.port}`;
		return this.base;
	}

	/** Stops listening; the registered paths are forgotten (a restarted n8n registers its active workflows again). */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.base = undefined;
		this.routes.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	/** Serves `<base>/webhook/<path>` for one HTTP method; a path can be registered once (as in n8n). */
	register(method: string, path: string, handler: WebhookHandler): void {
		const key = routeKey(method, path);
		if (this.routes.has(key)) throw new Error(`The webhook path ${key} is already taken by another workflow`);
		this.routes.set(key, handler);
	}

	unregister(method: string, path: string): void {
		this.routes.delete(routeKey(method, path));
	}

	private async dispatch(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
		const res = asResponse(outgoing);
		try {
			const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
			const method = (incoming.method ?? 'GET').toUpperCase();
			const path = decodeURIComponent(url.pathname).replace(/^\/webhook\//, '');
			const handler = url.pathname.startsWith('/webhook/') ? this.routes.get(routeKey(method, path)) : undefined;
			if (!handler) {
				res.status(404).json({
					code: 404,
					message: `The requested webhook "${method} ${path}" is not registered.`,
				});
				return;
			}
			let req: WebhookRequest;
			try {
				req = await asRequest(incoming, url);
			} catch (error) {
				// n8n: a body that does not parse as its content type is refused before the node sees it.
				res.status(422).json({ code: 422, message: 'Failed to parse request body', hint: String(error) });
				return;
			}
			await handler(req, res);
		} catch (error) {
			if (!outgoing.headersSent) {
				res.status(500).json({ code: 0, message: error instanceof Error ? error.message : String(error) });
			} else if (!outgoing.writableEnded) {
				outgoing.end();
			}
		}
	}
}

function routeKey(method: string, path: string): string {
	return `${method.toUpperCase()} ${path.replace(/^\/+|\/+$/g, '')}`;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** n8n's body parsing for a version-1 webhook node: raw bytes kept, JSON, form and text parsed. */
async function asRequest(incoming: http.IncomingMessage, url: URL): Promise<WebhookRequest> {
	const req = incoming as WebhookRequest;
	const [mime, ...parameters] = (incoming.headers['content-type'] ?? '').split(';');
	const charset = parameters.map((part) => part.trim()).find((part) => part.toLowerCase().startsWith('charset='));
	req.contentType = mime.trim().toLowerCase() || undefined;
	req.encoding = (charset?.slice('charset='.length).toLowerCase() ?? 'utf-8') as BufferEncoding;
	req.rawBody = await readBody(incoming);
	req._body = true;
	req.readRawBody = async () => undefined;
	const text = req.rawBody.toString(req.encoding).replace(/^\uFEFF/, '');
	let body: unknown = {};
	if (req.rawBody.length > 0) {
		if (req.contentType === 'application/json') body = JSON.parse(text) as unknown;
		else if (req.contentType === 'application/x-www-form-urlencoded') body = Object.fromEntries(new URLSearchParams(text));
		else if (req.contentType === 'text/plain') body = text;
	}
	req.body = body;
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	req.query = query;
	req.params = {};
	req.path = url.pathname;
	return req;
}

/** Adds the Express response methods to Node's response (they write through it). */
function asResponse(outgoing: http.ServerResponse): WebhookResponse {
	const res = outgoing as WebhookResponse;
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.set = (name, value) => {
		res.setHeader(name, value);
		return res;
	};
	res.header = res.set;
	res.json = (body) => {
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
		return res.send(JSON.stringify(body));
	};
	res.send = (body) => {
		if (body !== undefined && body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
			return res.json(body as IDataObject);
		}
		const bytes = body === undefined || body === null ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(String(body));
		if (!res.hasHeader('content-type') && bytes.length > 0) {
			res.setHeader('content-type', Buffer.isBuffer(body) ? 'application/octet-stream' : 'text/html; charset=utf-8');
		}
		res.setHeader('content-length', String(bytes.length));
		res.end(bytes);
		return res;
	};
	res.sendStatus = (code) => res.status(code).send(http.STATUS_CODES[code] ?? String(code));
	return res;
}

/** Calls `done` with the status and body of a response once it is ended, however it was written. */
export function onResponseEnd(res: WebhookResponse, done: (status: number, body: string) => void): void {
	const chunks: Buffer[] = [];
	const keep = (chunk: unknown) => {
		if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
	};
	const write = res.write.bind(res) as (...args: unknown[]) => boolean;
	const end = res.end.bind(res) as (...args: unknown[]) => WebhookResponse;
	res.write = ((chunk: unknown, ...rest: unknown[]) => {
		keep(chunk);
		return write(chunk, ...rest);
	}) as WebhookResponse['write'];
	res.end = ((chunk?: unknown, ...rest: unknown[]) => {
		keep(chunk);
		done(res.statusCode, Buffer.concat(chunks).toString('utf8'));
		return end(chunk, ...rest);
	}) as WebhookResponse['end'];
}
