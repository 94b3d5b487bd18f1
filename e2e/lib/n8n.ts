/**
 * One real n8n installation for the sandbox and the e2e suite: its own user folder (database, settings,
 * this package installed as a community package), its own ports, its command line (each call a fresh
 * process), its server and workers, and the REST calls a user's browser or API client would make.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installInto, installPackageFolder } from './communityPackage';
import { freePort, run, startService, waitFor, type RunResult, type Service } from './processes';
import type { Runtime } from './runtime';

export const OWNER = {
	email: 'demo@sandbox.local',
	password: 'Sandbox-Demo-2026',
	firstName: 'Sandbox',
	lastName: 'Demo',
};

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface N8nOptions {
	runtime: Runtime;
	/** Names the log files. */
	name: string;
	/** Where logs go. */
	artifacts: string;
	/** Editor port; a free one when omitted. */
	port?: number;
	/** Defaults to a new temporary folder. */
	userFolder?: string;
	/** Extra environment for every process (database, queue mode...). */
	env?: NodeJS.ProcessEnv;
	/** Further community packages to install next to this one (test-only packages: folder with package.json + dist/). */
	extraPackages?: Array<{ name: string; dir: string }>;
	/**
	 * Queue mode's production shape: an `n8n webhook` process on a port of its own receives every production
	 * webhook call (n8n's webhook URL points at it, main serves none); start it with startWebhookProcess().
	 */
	webhookProcess?: boolean;
}

export class N8n {
	readonly port: number;
	readonly userFolder: string;
	readonly baseUrl: string;
	/** Where production webhook calls go: the webhook process when there is one, else main. */
	readonly webhookBaseUrl: string;
	private readonly services: Service[] = [];
	private cookie = '';
	private apiKey = '';
	private readonly encryptionKey = randomBytes(24).toString('hex');

	private constructor(
		private readonly options: N8nOptions,
		port: number,
		private readonly webhookPort?: number,
	) {
		this.port = port;
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `lt-n8n-${options.name}-`));
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.webhookBaseUrl = webhookPort === undefined ? this.baseUrl : `http://127.0.0.1:${webhookPort}`;
		mkdirSync(this.userFolder, { recursive: true });
		installInto(this.userFolder);
		for (const extra of options.extraPackages ?? []) installPackageFolder(this.userFolder, extra.dir, extra.name);
	}

	/** A new installation with this package in it (nothing is started yet). */
	static async create(options: N8nOptions): Promise<N8n> {
		const port = options.port ?? (await freePort());
		return new N8n(options, port, options.webhookProcess ? await freePort() : undefined);
	}

	/** The environment of every process of this installation; each process gets its own task-runner port. */
	async env(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
		return {
			...process.env,
			// Jest sets NODE_ENV=test, which makes n8n's commands return at once and exit 1 without a word.
			NODE_ENV: undefined,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			// The public address n8n gives webhook triggers (getNodeWebhookUrl) and so registers at providers
			// (WEBHOOK_URL is its deprecated name in n8n 2.x).
			N8N_WEBHOOK_URL: `${this.webhookBaseUrl}/`,
			...(this.webhookPort === undefined ? {} : { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }),
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL_E2E ?? 'info',
			...this.options.env,
			...extra,
		};
	}

	private log(kind: string): string {
		return join(this.options.artifacts, `${this.options.name}-${kind}.log`);
	}

	/** Runs `n8n <args>` in a fresh process and waits for it to end. */
	async cli(args: string[], allowFailure = false): Promise<RunResult> {
		return await run(this.options.runtime.node, [this.options.runtime.n8nBin, ...args], {
			env: await this.env(),
			label: `n8n ${args.join(' ')}`,
			logFile: this.log('cli'),
			allowFailure,
			timeoutMs: 5 * 60_000,
		});
	}

	async importCredentials(credentials: StoredCredential[]): Promise<void> {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const file = join(this.userFolder, `workflows-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflows));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * `n8n execute --id` in a fresh process: returns the run n8n printed (its `data.resultData.runData`
	 * holds every node's output), or throws with what n8n said when the execution failed.
	 */
	async execute(workflowId: string): Promise<ExecutedRun> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], true);
		const run = parsePrintedRun(result.stdout);
		if (result.code !== 0 || run === undefined) {
			throw new Error(
				`n8n execute --id=${workflowId} exited with ${result.code}:\n${(result.stdout + result.stderr).slice(-4000)}`,
			);
		}
		return run;
	}

	/** `n8n start`: resolves once the editor answers and its readiness check passes. */
	async start(timeoutMs = 180_000): Promise<void> {
		const service = startService('main', this.options.runtime.node, [this.options.runtime.n8nBin, 'start'], {
			env: await this.env(),
			logFile: this.log('main'),
		});
		this.services.push(service);
		await this.waitUntilUp(service, timeoutMs);
	}

	/** `n8n worker` (queue mode): resolves once it reports it is ready for jobs. */
	async startWorker(name: string, concurrency: number, timeoutMs = 180_000): Promise<Service> {
		const service = startService(
			name,
			this.options.runtime.node,
			[this.options.runtime.n8nBin, 'worker', `--concurrency=${concurrency}`],
			{ env: await this.env(), logFile: this.log(name) },
		);
		this.services.push(service);
		await waitFor(
			`${name} to start`,
			() => {
				if (service.process.exitCode !== null) throw new Error(`${name} exited:\n${service.output().slice(-3000)}`);
				return /n8n worker is now ready/i.test(service.output());
			},
			timeoutMs,
		);
		return service;
	}

	/**
	 * `n8n webhook` (option webhookProcess), `env` added to its environment (e.g. its database settings):
	 * resolves once it answers on its own port, ready for calls.
	 */
	async startWebhookProcess(env: NodeJS.ProcessEnv = {}, timeoutMs = 180_000): Promise<Service> {
		if (this.webhookPort === undefined) throw new Error('This installation was created without webhookProcess');
		const service = startService('webhook', this.options.runtime.node, [this.options.runtime.n8nBin, 'webhook'], {
			env: await this.env({ ...env, N8N_PORT: String(this.webhookPort) }),
			logFile: this.log('webhook'),
		});
		this.services.push(service);
		await waitFor(
			`the n8n webhook process at ${this.webhookBaseUrl}`,
			async () => {
				if (service.process.exitCode !== null) throw new Error(`webhook process exited:\n${service.output().slice(-3000)}`);
				const response = await fetch(`${this.webhookBaseUrl}/healthz/readiness`);
				return response.ok && /Webhook listener waiting for requests/.test(service.output());
			},
			timeoutMs,
			500,
		);
		return service;
	}

	private async waitUntilUp(service: Service, timeoutMs: number): Promise<void> {
		await waitFor(
			`n8n (${this.options.name}) at ${this.baseUrl}`,
			async () => {
				if (service.process.exitCode !== null) {
					throw new Error(`n8n exited with ${service.process.exitCode}:\n${service.output().slice(-3000)}`);
				}
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				return response.ok && /Editor is now accessible/.test(service.output());
			},
			timeoutMs,
			500,
		);
	}

	/** Stops every process this installation started (workers first). */
	async stop(): Promise<void> {
		for (const service of [...this.services].reverse()) await service.stop();
		this.services.length = 0;
	}

	/** Creates the owner account (first start only) and signs in as the owner. */
	async signInAsOwner(): Promise<void> {
		const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!setup.ok && setup.status !== 400) throw new Error(`owner setup: HTTP ${setup.status} ${await setup.text()}`);
		const login = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!login.ok) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
		this.cookie = (login.headers.getSetCookie?.() ?? [])
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	/** A call to the editor's REST API as the signed-in owner; returns `data` of the answer. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.cookie) await this.signInAsOwner();
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'lt-e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** A call to n8n's public API (/api/v1) with an API key of the owner's, created on first use. */
	async publicApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.apiKey) {
			const key = await this.rest<{ rawApiKey?: string; apiKey?: string }>('POST', '/api-keys', {
				label: 'e2e',
				expiresAt: null,
				scopes: ['workflow:read', 'workflow:list', 'workflow:activate', 'workflow:deactivate', 'execution:read', 'execution:list'],
			});
			this.apiKey = key.rawApiKey ?? key.apiKey ?? '';
		}
		const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /api/v1${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text) as T;
	}

	/**
	 * Activates (publishes) a workflow in the running n8n, the way the editor's toggle does, and waits until
	 * it is live: n8n 2.x publishes through an outbox that a background task drains, so the API call returns
	 * before the workflow's triggers and webhooks are registered.
	 */
	async activate(workflowId: string, timeoutMs = 120_000): Promise<void> {
		await this.publicApi('POST', `/workflows/${workflowId}/activate`);
		let publication: PublicationStatus | undefined;
		await waitFor(
			`workflow ${workflowId} to be published`,
			async () => {
				publication = await this.rest<PublicationStatus>('GET', `/workflows/${workflowId}/publication-status`);
				return ['published', 'partial', 'failed'].includes(publication.status);
			},
			timeoutMs,
		);
		if (publication?.status !== 'published') {
			throw new Error(`Publishing workflow ${workflowId} ended ${publication?.status}: ${JSON.stringify(publication?.triggers)}`);
		}
	}

	/** Deactivates (unpublishes) a workflow through the public API, as the editor's toggle does. */
	async deactivate(workflowId: string): Promise<void> {
		await this.publicApi('POST', `/workflows/${workflowId}/deactivate`);
	}

	/** Every finished execution of a workflow, with its data unless `includeData` is false, oldest first. */
	async executions(workflowId: string, includeData = true): Promise<ExecutionRecord[]> {
		const records: ExecutionRecord[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ workflowId, includeData: String(includeData), limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const page = await this.publicApi<{ data: ExecutionRecord[]; nextCursor?: string | null }>(
				'GET',
				`/executions?${query.toString()}`,
			);
			records.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return records.sort((a, b) => Number(a.id) - Number(b.id));
	}
}

export interface ExecutedRun {
	data: { resultData: { runData: Record<string, NodeRun[]>; error?: unknown } };
	[key: string]: unknown;
}

export interface NodeRun {
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	error?: { message?: string };
}

/** GET /rest/workflows/:id/publication-status (n8n 2.x). */
interface PublicationStatus {
	status: 'not_published' | 'in_progress' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export interface ExecutionRecord {
	id: string | number;
	status: string;
	finished: boolean;
	mode: string;
	/** ISO times. */
	startedAt?: string;
	stoppedAt?: string | null;
	data?: ExecutedRun['data'];
}

/** Items a node put out on its first output in its last run. */
export function nodeOutput(run: Pick<ExecutedRun, 'data'>, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[0] ?? []).map((item) => item.json);
}

/**
 * `n8n execute --rawOutput` prints the run as indented JSON after n8n's log lines (one of which may
 * lack its line break): the run is the first `{` that opens a line of JSON and parses to the end.
 */
function parsePrintedRun(stdout: string): ExecutedRun | undefined {
	const end = stdout.lastIndexOf('\n}') + 2;
	for (let start = stdout.indexOf('{\n'); start >= 0 && start < end; start = stdout.indexOf('{\n', start + 1)) {
		try {
			return JSON.parse(stdout.slice(start, end)) as ExecutedRun;
		} catch {
			// a brace inside a log line: try the next one
		}
	}
	return undefined;
}
