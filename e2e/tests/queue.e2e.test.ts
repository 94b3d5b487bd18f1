/**
 * Queue mode: n8n main and two workers (concurrency 25 each) on Redis and PostgreSQL from Debian's
 * packages. A webhook workflow asks ProTrack (the simulator) for the latest positions of a few devices
 * with the demo credential; 50 concurrent calls of it share that one credential.
 *
 * ProTrack keeps one valid token per account and a new login invalidates the previous token, so
 * executions on two workers must share the token stored in n8n's credential rather than each logging
 * in. Two bursts: (A) the credential was never used (no token stored yet); (B) after the simulator has
 * expired every token. Every call must answer the simulator's positions, and each burst may cause at
 * most 2 logins. The measured figures go to test-artifacts/e2e/queue/figures.json and the test output.
 */
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { AUTHORIZATION_PATH, type ProTrackSimulator } from '../../test/simulators/protrack';
import { artifactsDir, removeArtifacts } from '../lib/artifacts';
import { ensurePrograms, POSTGRES, REDIS } from '../lib/programs';
import type { ExecutionRecord, WorkflowJson } from '../lib/n8n';
import { run, waitFor, type Service } from '../lib/processes';
import { startQueueServices, type QueueServices } from '../lib/queueServices';
import { ensureRuntime, REPO_DIR } from '../lib/runtime';
import { Stack, credentialFor } from '../lib/stack';

const ARTIFACTS = artifactsDir('queue');
const WORKFLOW_ID = 'ltQueuePositions';
const WEBHOOK_PATH = 'lt-queue-latest-positions';
const CONCURRENT_CALLS = 50;
const MAX_LOGINS_PER_BURST = 2;
const WORKER_CONCURRENCY = 25;
/**
 * The credential's Login Sharing Wait for this deployment, as the README recommends for queue mode with
 * tens of parallel executions. With the default (3 s) this test measured 1 to 4 logins per burst on a
 * quiet 2-core machine: the wait must be long compared with the time from one worker's login to the
 * other workers reading its token from PostgreSQL.
 */
const QUEUE_LOGIN_WAIT_SECONDS = 15;
const CALL_TIMEOUT_MS = 5 * 60_000;

interface Call {
	status: number;
	body: unknown;
	ms: number;
	error?: string;
}

interface BurstFigures {
	calls: number;
	succeeded: number;
	/** Requests to /api/authorization during the burst. */
	authorizations: number;
	/** When each of them arrived, in ms after the first call was sent. */
	authorizationsAtMs: number[];
	/** Tokens the simulator issued during the burst. */
	tokensIssued: number;
	burstMs: number;
	slowestCallMs: number;
	/** The machine's 1-minute load average when the burst started (other tests may share it). */
	loadAverage: number;
	/** Executions each process ran, from the workers' logs. */
	executionsBy: Record<string, number>;
	/** Failed executions by status and error message. */
	errors: Record<string, number>;
}

const figures: {
	n8n: string;
	workers: number;
	workerConcurrency: number;
	imeis: string[];
	loginWaitSeconds: number;
	/** The commit the package was built from, and the files of nodes/ and credentials/ changed since. */
	build?: { commit: string; uncommitted: string[] };
	coldCredential?: BurstFigures;
	expiredTokens?: BurstFigures;
} = { n8n: '', workers: 2, workerConcurrency: WORKER_CONCURRENCY, imeis: [], loginWaitSeconds: QUEUE_LOGIN_WAIT_SECONDS };

function saveFigures(): void {
	writeFileSync(join(ARTIFACTS, 'figures.json'), `${JSON.stringify(figures, null, '\t')}\n`);
}

/** What dist/ was built from (the global setup builds the working tree). */
async function buildState(): Promise<{ commit: string; uncommitted: string[] }> {
	const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_DIR })).stdout.trim();
	const status = await run('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], { cwd: REPO_DIR });
	return { commit, uncommitted: status.stdout.split('\n').filter(Boolean).map((line) => line.slice(3)) };
}

/** Webhook (answers with every item of the last node) → ProTrack "Get latest location" of `imeis`. */
function positionsWorkflow(imeis: string[]): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: latest positions on a webhook call',
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
				id: randomUUID(),
				webhookId: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
			},
			{
				parameters: { resource: 'device', operation: 'getLatestLocation', imeis: imeis.join(',') },
				id: randomUUID(),
				name: 'Latest positions',
				type: 'n8n-nodes-location-tracking.proTrack',
				typeVersion: 1,
				position: [220, 0],
				credentials: { proTrackApi: { id: 'lt-protrack-demo', name: 'ProTrack demo (simulator)' } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Latest positions', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

describe('queue mode: n8n main + 2 workers on Redis and PostgreSQL', () => {
	let services: QueueServices | undefined;
	let stack: Stack | undefined;
	let sim: ProTrackSimulator;
	let imeis: string[];
	const workers: Service[] = [];

	beforeAll(async () => {
		// Logs are appended to: remove this file's earlier ones so that they show this run only (the folder is
		// shared with queue-webhooks.e2e.test.ts, whose files stay).
		removeArtifacts(ARTIFACTS, 'queue', ['figures.json']);
		figures.build = await buildState();
		await ensurePrograms([REDIS, POSTGRES]);
		services = await startQueueServices({ artifacts: ARTIFACTS });
		// The database must be up now: Stack.create imports the credential and examples with n8n's CLI.
		const runtime = await ensureRuntime();
		figures.n8n = (runtime.require('n8n/package.json') as { version: string }).version;
		stack = await Stack.create({ runtime, name: 'queue', artifacts: ARTIFACTS, env: services.n8nEnv });
		sim = stack.providers.find((running) => running.provider.name === 'protrack')!.sim as ProTrackSimulator;
		imeis = sim.onlineImeis().slice(0, 3);
		figures.imeis = imeis;
		await stack.n8n.importWorkflows([positionsWorkflow(imeis)]);
		const { provider } = stack.providers.find((running) => running.sim === sim)!;
		const demo = credentialFor(provider, sim);
		await stack.n8n.importCredentials([{ ...demo, data: { ...demo.data, loginWaitSeconds: QUEUE_LOGIN_WAIT_SECONDS } }]);
		await stack.n8n.start();
		workers.push(
			...(await Promise.all([
				stack.n8n.startWorker('worker-1', WORKER_CONCURRENCY),
				stack.n8n.startWorker('worker-2', WORKER_CONCURRENCY),
			])),
		);
		await stack.n8n.activate(WORKFLOW_ID);
	}, 30 * 60_000);

	afterAll(async () => {
		saveFigures();
		console.log(`Queue-mode figures (${join(ARTIFACTS, 'figures.json')}):\n${JSON.stringify(figures, null, 2)}`);
		await stack?.stop();
		if (stack) rmSync(stack.n8n.userFolder, { recursive: true, force: true });
		await services?.stop();
	}, 5 * 60_000);

	/** POSTs to the webhook `count` times at once; resolves when every call has answered. */
	async function burst(count: number): Promise<{ calls: Call[]; ms: number }> {
		const url = `${stack!.n8n.baseUrl}/webhook/${WEBHOOK_PATH}`;
		const started = Date.now();
		const calls = await Promise.all(
			Array.from({ length: count }, async (_, index): Promise<Call> => {
				const sent = Date.now();
				try {
					const response = await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ call: index }),
						signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
					});
					const text = await response.text();
					let body: unknown = text;
					try {
						body = JSON.parse(text);
					} catch {
						// Kept as text for the report.
					}
					return { status: response.status, body, ms: Date.now() - sent };
				} catch (error) {
					return { status: 0, body: undefined, ms: Date.now() - sent, error: String(error) };
				}
			}),
		);
		return { calls, ms: Date.now() - started };
	}

	/** What is wrong with one call's answer: it must list each IMEI at the simulator's position. */
	function problemsOf(call: Call): string[] {
		if (call.status !== 200) {
			return [`HTTP ${call.status}${call.error ? ` (${call.error})` : ''}: ${JSON.stringify(call.body)?.slice(0, 300)}`];
		}
		const items = Array.isArray(call.body) ? (call.body as Array<Record<string, unknown>>) : [];
		if (items.length !== imeis.length) return [`expected ${imeis.length} items, got ${JSON.stringify(call.body)?.slice(0, 300)}`];
		return imeis.flatMap((imei) => {
			const device = sim.device(imei)!;
			const item = items.find((candidate) => candidate.imei === imei);
			const location = item?.location as { latitude?: unknown; longitude?: unknown } | undefined;
			return item?.found === true && location?.latitude === device.latitude && location?.longitude === device.longitude
				? []
				: [`${imei} should be at ${device.latitude},${device.longitude}, got ${JSON.stringify(item)?.slice(0, 300)}`];
		});
	}

	const ended = (execution: ExecutionRecord) => !['new', 'running', 'waiting'].includes(execution.status);

	/** The error an execution ended with: the workflow's, or its nodes'. */
	function errorOf(execution: ExecutionRecord): string {
		const result = execution.data?.resultData;
		const errors = [
			(result?.error as { message?: string } | undefined)?.message,
			...Object.values(result?.runData ?? {}).flatMap((runs) => runs.map((run) => run.error?.message)),
		];
		return [...new Set(errors.filter(Boolean))].join('; ');
	}

	/** Execution ids each worker's log says it finished. */
	function finishedByWorker(): Map<string, string> {
		const ranOn = new Map<string, string>();
		for (const worker of workers) {
			for (const match of worker.output().matchAll(/Worker finished execution (\d+)/g)) ranOn.set(match[1], worker.name);
		}
		return ranOn;
	}

	/**
	 * Fires a burst and records its figures under `key`, then checks every answer and that each call's
	 * execution was recorded as a successful webhook execution that ran on one of the workers.
	 */
	async function measuredBurst(key: 'coldCredential' | 'expiredTokens'): Promise<BurstFigures> {
		const n8n = stack!.n8n;
		const loginsBefore = sim.authorizationCount();
		const tokensBefore = sim.tokensIssued();
		const executionsBefore = new Set((await n8n.executions(WORKFLOW_ID)).map((execution) => String(execution.id)));

		const loadAverage = Math.round(loadavg()[0] * 100) / 100;
		const started = Date.now();
		const { calls, ms } = await burst(CONCURRENT_CALLS);
		const logins = sim.requests(AUTHORIZATION_PATH).slice(loginsBefore);
		const tokensIssued = sim.tokensIssued() - tokensBefore;
		const callProblems = calls.map(problemsOf);

		// Answers come once the execution has ended; the workers' log lines may trail a moment.
		let fresh: ExecutionRecord[] = [];
		let ranOn = new Map<string, string>();
		await waitFor(
			`${CONCURRENT_CALLS} ended executions, each in a worker's log`,
			async () => {
				fresh = (await n8n.executions(WORKFLOW_ID)).filter((execution) => !executionsBefore.has(String(execution.id)));
				ranOn = finishedByWorker();
				return fresh.length >= CONCURRENT_CALLS && fresh.every((execution) => ended(execution) && ranOn.has(String(execution.id)));
			},
			60_000,
			1000,
		).catch(() => undefined); // The problems below say what is missing.

		const executionsBy: Record<string, number> = Object.fromEntries(workers.map((worker) => [worker.name, 0]));
		const errors: Record<string, number> = {};
		for (const execution of fresh) {
			const where = ranOn.get(String(execution.id)) ?? 'no worker';
			executionsBy[where] = (executionsBy[where] ?? 0) + 1;
			if (execution.status !== 'success') {
				const error = `${execution.status}: ${errorOf(execution)}`;
				errors[error] = (errors[error] ?? 0) + 1;
			}
		}
		const measured: BurstFigures = {
			calls: calls.length,
			succeeded: callProblems.filter((problems) => problems.length === 0).length,
			authorizations: logins.length,
			authorizationsAtMs: logins.map((login) => login.at - started),
			tokensIssued,
			burstMs: ms,
			slowestCallMs: Math.max(...calls.map((call) => call.ms)),
			loadAverage,
			executionsBy,
			errors,
		};
		figures[key] = measured;
		saveFigures();
		console.log(`${key}: ${JSON.stringify(measured)}`);

		expect([
			...callProblems.flatMap((problems, index) => problems.map((problem) => `call ${index}: ${problem}`)),
			...(fresh.length === CONCURRENT_CALLS ? [] : [`${fresh.length} executions recorded, expected ${CONCURRENT_CALLS}`]),
			...fresh
				.filter((execution) => execution.status !== 'success' || execution.mode !== 'webhook')
				.map((execution) => `execution ${execution.id}: ${execution.mode} ${execution.status} ${errorOf(execution)}`),
			...fresh
				.filter((execution) => !ranOn.has(String(execution.id)))
				.map((execution) => `execution ${execution.id} is in no worker's log`),
		]).toEqual([]);
		return measured;
	}

	test('(A) 50 concurrent executions with a never-used credential all succeed, with at most 2 logins', async () => {
		// Nothing has used the credential yet: no token is stored and the simulator has seen no login.
		expect(sim.authorizationCount()).toBe(0);
		const measured = await measuredBurst('coldCredential');
		expect(measured.authorizations).toBeLessThanOrEqual(MAX_LOGINS_PER_BURST);
	});

	test('(B) after every token expired, 50 concurrent executions all succeed, with at most 2 logins', async () => {
		sim.expireTokens();
		const measured = await measuredBurst('expiredTokens');
		expect(measured.authorizations).toBeLessThanOrEqual(MAX_LOGINS_PER_BURST);
	});
});
