/**
 * Queue mode in its production shape, at fleet scale: n8n main (activates workflows and registers their
 * webhooks at the provider; serves no production webhook), one `n8n webhook` process (receives every
 * callback: runs the trigger's webhook(), which checks the signature and refuses repeated deliveries through
 * the workflow's static data, then queues the execution) and two workers (concurrency 25) that run the
 * executions, on Redis and PostgreSQL.
 *
 * A workflow "Verizon ThingSpace Trigger → No Op" is activated: main registers the webhook process's URL as
 * the demo account's DeviceLocation listener at the simulator. Then:
 * 1. 5 signed LOCATION_REPORT callbacks one after the other: one execution each (this also warms up).
 * 2. All at once, 1,000 signed callbacks with distinct bodies (a device and transaction each) and 50 forged
 *    ones: each signed one answered 200 and exactly one successful execution on a worker (none lost, none
 *    twice), each forged one answered 401 and no execution.
 * 3. After each of those two rounds, 5 of its answered callbacks sent again byte for byte. The trigger refuses a
 *    delivery its record (the workflow's static data) holds: a repeat of such a one must be answered 200 and
 *    start nothing. How many answered deliveries the record misses, and so how many repeats started an
 *    execution, is measured and reported, not asserted: the webhook process reads the static data for each
 *    callback and saves it whole after the trigger ran (last save wins), so deliveries close together drop
 *    out of the record: most of a burst, and now and then one sent just after the previous one's answer.
 *
 * The callbacks are built and signed with the simulator's own pieces (its fleet, report bodies, listener
 * key and signing) and sent by the test, which waits for n8n's answers however long they take: the
 * simulator's sender gives up after 30 s of silence, and this test measures n8n. Throughput, the slowest
 * delivery and the other figures are printed and written to test-artifacts/e2e/queue/webhook-figures.json;
 * no assertion is timed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { deliveryDigest } from '../../nodes/shared/webhookReceiver';
import { SIGNATURE_HEADER, signBody, THINGSPACE_DEMO, type ThingSpaceSimulator } from '../../test/simulators/thingspace';
import { positionAt, radiusAt } from '../../test/simulators/thingspace/motion';
import { fixReport, reportKey } from '../../test/simulators/thingspace/reports';
import { sandbox as thingSpace } from '../../test/simulators/thingspace/sandbox';
import { artifactsDir, removeArtifacts } from '../lib/artifacts';
import { burstFigures, executionsByKey, postCallback, tally, type Callback, type SentCallback } from '../lib/callbackBurst';
import type { ExecutionRecord, WorkflowJson } from '../lib/n8n';
import { ensurePrograms, POSTGRES, REDIS } from '../lib/programs';
import { waitFor, type Service } from '../lib/processes';
import { startQueueServices, type QueueServices } from '../lib/queueServices';
import { ensureRuntime } from '../lib/runtime';
import { Stack } from '../lib/stack';

const ARTIFACTS = artifactsDir('queue');
const FIGURES_FILE = 'webhook-figures.json';
/** Prefixes this file's logs in the folder it shares with queue.e2e.test.ts. */
const LOG_PREFIX = 'webhooks';
const WORKFLOW_ID = 'ltQueueCallbacks';
const TRIGGER = 'Location callback';
const SIGNED = 1000;
const FORGED = 50;
const REPEATED = 5;
const WORKER_CONCURRENCY = 25;
/**
 * The webhook process's database settings for a burst. With n8n's defaults (a connection must be free
 * within 20 s; a health ping that waits 5 s for one fails, and three failed pings tear the pool down) a
 * burst of 1,000 (measured with the demo trigger, waiting 30 s for each answer) had 99 accepted, 655
 * answered 500 and 246 unanswered: the process handles every callback on one event loop (each needs an
 * expression isolate and several queries), so waits for database connections pile up behind it. With
 * these the callbacks wait their turn instead.
 */
const WEBHOOK_PROCESS_ENV = { DB_POSTGRESDB_CONNECTION_TIMEOUT: '900000', DB_PING_TIMEOUT_MS: '900000' };
/** How long the test waits for n8n's answer to one callback, and for n8n to record the executions. */
const ANSWER_TIMEOUT_MS = 15 * 60_000;
const EXECUTIONS_TIMEOUT_MS = 15 * 60_000;
/** After callbacks that must start nothing: how long an execution they wrongly started would have to show up. */
const SETTLE_MS = 5_000;

/** The provider side: the trigger to activate and the callbacks its simulator would send. */
interface CallbackSource {
	provider: string;
	/** The trigger node of the test's workflow (with the provider's sandbox credential). */
	trigger: WorkflowJson['nodes'][number];
	/** Callback URLs registered at the simulator. */
	registered(): string[];
	/** A callback carrying an event of its own (device `index`, a new transaction), signed or forged. */
	callback(kind: 'signed' | 'forged', index: number): Callback;
	/** The event key of one item of the trigger's output (the simulator's reportKey of its callback). */
	eventKey(item: Record<string, unknown>): string;
}

function thingSpaceSource(sim: ThingSpaceSimulator): CallbackSource {
	return {
		provider: thingSpace.name,
		trigger: {
			name: TRIGGER,
			type: 'n8n-nodes-location-tracking.thingSpaceTrigger',
			typeVersion: 1,
			parameters: { accountName: '', replaceExisting: false, verifySignatures: true, options: { reportTypes: ['LOCATION_REPORT'] } },
			credentials: { thingSpaceApi: { id: thingSpace.credential.id, name: thingSpace.credential.name } },
		},
		registered: () => (sim.listener() ? [sim.listener()!.url] : []),
		callback(kind, index) {
			const listener = sim.listener();
			if (!listener) throw new Error(`No DeviceLocation listener for ${THINGSPACE_DEMO.account} at the simulator`);
			const device = sim.device(index);
			const at = sim.now();
			const fix = { ok: true as const, device, position: positionAt(device.route, at), radius: radiusAt(device.seed, at), at, cached: false };
			const report = fixReport(THINGSPACE_DEMO.account, randomUUID(), { id: device.imei, kind: 'imei', mdn: device.mdn }, fix);
			const body = JSON.stringify(report, null, 2);
			const secret = kind === 'signed' ? listener.secret : randomBytes(32).toString('hex');
			const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body) };
			return { key: reportKey(report), kind, url: listener.url, body, headers };
		},
		eventKey: (item) => `${String(item.transactionId)}/${String(item.deviceId)}/${String(item.time)}`,
	};
}

function callbacksWorkflow(trigger: WorkflowJson['nodes'][number]): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: one execution per location callback',
		nodes: [
			{ id: 'callback', webhookId: 'a4b0e7f2-9c1d-4e55-8a3b-2f6c1d0e9b71', position: [0, 0], ...trigger },
			{ id: 'handled', name: 'Handled', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Handled', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

const figures: Record<string, unknown> = {};
const saveFigures = () => writeFileSync(join(ARTIFACTS, FIGURES_FILE), `${JSON.stringify(figures, null, '\t')}\n`);
const load = () => Math.round(loadavg()[0] * 100) / 100;
const settle = async () => await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe('queue mode with a webhook process: 1,000 signed ThingSpace callbacks at once', () => {
	let services: QueueServices | undefined;
	let stack: Stack | undefined;
	let source: CallbackSource;
	const workers: Service[] = [];
	const oneByOne: SentCallback[] = [];
	let burstSigned: SentCallback[] = [];
	let nextDevice = 0;

	beforeAll(async () => {
		removeArtifacts(ARTIFACTS, LOG_PREFIX, [FIGURES_FILE]);
		await ensurePrograms([REDIS, POSTGRES]);
		services = await startQueueServices({ artifacts: ARTIFACTS, name: LOG_PREFIX });
		const runtime = await ensureRuntime();
		stack = await Stack.create({ runtime, name: LOG_PREFIX, artifacts: ARTIFACTS, env: services.n8nEnv, webhookProcess: true });
		source = thingSpaceSource(stack.providers.find((running) => running.provider.name === thingSpace.name)!.sim as ThingSpaceSimulator);
		Object.assign(figures, {
			n8n: (runtime.require('n8n/package.json') as { version: string }).version,
			provider: source.provider,
			processes: { main: 1, webhook: 1, workers: 2, workerConcurrency: WORKER_CONCURRENCY },
			webhookProcessEnv: WEBHOOK_PROCESS_ENV,
			machine: { cpus: cpus().length },
		});
		await stack.n8n.importWorkflows([callbacksWorkflow(source.trigger)]);
		await stack.n8n.start();
		workers.push(
			...(await Promise.all([
				stack.n8n.startWorker('worker-1', WORKER_CONCURRENCY),
				stack.n8n.startWorker('worker-2', WORKER_CONCURRENCY),
			])),
		);
		await stack.n8n.startWebhookProcess(WEBHOOK_PROCESS_ENV);
		await stack.n8n.activate(WORKFLOW_ID);
	}, 30 * 60_000);

	afterAll(async () => {
		saveFigures();
		console.log(`Queue-mode webhook figures (${join(ARTIFACTS, FIGURES_FILE)}):\n${JSON.stringify(figures, null, 2)}`);
		await stack?.stop();
		if (stack) rmSync(stack.n8n.userFolder, { recursive: true, force: true });
		await services?.stop();
	}, 5 * 60_000);

	const callbacks = (kinds: Array<'signed' | 'forged'>) => kinds.map((kind) => source.callback(kind, nextDevice++));
	const ids = async () => new Set((await stack!.n8n.executions(WORKFLOW_ID, false)).map((execution) => String(execution.id)));

	/** Execution id → the worker whose log says it finished it. */
	function finishedByWorker(): Map<string, string> {
		const ranOn = new Map<string, string>();
		for (const worker of workers) {
			for (const match of worker.output().matchAll(/Worker finished execution (\d+)/g)) ranOn.set(match[1], worker.name);
		}
		return ranOn;
	}

	/** Waits until `count` executions not in `before` have ended, each in a worker's log; returns every new one with its data. */
	async function executionsSince(before: Set<string>, count: number): Promise<ExecutionRecord[]> {
		await waitFor(
			`${count} new ended executions, each in a worker's log`,
			async () => {
				const fresh = (await stack!.n8n.executions(WORKFLOW_ID, false)).filter((execution) => !before.has(String(execution.id)));
				const ranOn = finishedByWorker();
				return fresh.length >= count && fresh.every((execution) => !['new', 'running', 'waiting'].includes(execution.status) && ranOn.has(String(execution.id)));
			},
			EXECUTIONS_TIMEOUT_MS,
			2000,
		).catch(() => undefined); // The assertions say what is missing.
		await settle();
		return (await stack!.n8n.executions(WORKFLOW_ID)).filter((execution) => !before.has(String(execution.id)));
	}

	/** What is wrong with executions beyond their count: each must have succeeded as a webhook execution on a worker. */
	function problemsOf(executions: ExecutionRecord[]): string[] {
		const ranOn = finishedByWorker();
		return executions
			.filter((execution) => execution.status !== 'success' || execution.mode !== 'webhook' || !ranOn.has(String(execution.id)))
			.map((execution) => `execution ${execution.id}: ${execution.mode} ${execution.status} on ${ranOn.get(String(execution.id)) ?? 'no worker'}`);
	}

	/**
	 * Sends answered callbacks again byte for byte, one after the other; returns what happened to each (and
	 * whether the record of deliveries `digests`, read before, held it) and the executions they started.
	 */
	async function repeat(originals: SentCallback[], digests: Set<string>) {
		const before = await ids();
		const repeats: SentCallback[] = [];
		for (const original of originals) repeats.push(await postCallback({ ...original, kind: 'repeated' }, ANSWER_TIMEOUT_MS));
		await settle();
		const fresh = (await stack!.n8n.executions(WORKFLOW_ID)).filter((execution) => !before.has(String(execution.id)));
		const byKey = executionsByKey(fresh, TRIGGER, source.eventKey);
		const outcomes = repeats.map((sent) => ({
			key: sent.key,
			status: sent.status,
			remembered: digests.has(deliveryDigest(sent.body)),
			executions: byKey.get(sent.key)?.length ?? 0,
		}));
		return { fresh, outcomes };
	}

	/** The delivery digests the trigger keeps against repeats (its record), as stored in PostgreSQL. */
	async function rememberedDigests(): Promise<Set<string>> {
		const stored = await services!.query(`SELECT "staticData" FROM workflow_entity WHERE id = '${WORKFLOW_ID}'`);
		const staticData = JSON.parse(stored.trim() || '{}') as Record<string, { recentDeliveries?: string[] }>;
		return new Set(staticData[`node:${TRIGGER}`]?.recentDeliveries ?? []);
	}

	/**
	 * The repeats of one round: 5 of its answered callbacks sent again, the ones the record holds first (so
	 * that the refusal is put to the test), then others spread over the round.
	 */
	function repeatTest(round: string, sentIn: () => SentCallback[]): void {
		test(`${REPEATED} answered callbacks ${round} sent again byte for byte: 200, and none the trigger's record holds starts anything`, async () => {
			const delivered = sentIn().filter((sent) => sent.status === 200);
			expect(delivered.length).toBeGreaterThanOrEqual(REPEATED);
			const digests = await rememberedDigests();
			const remembered = delivered.filter((sent) => digests.has(deliveryDigest(sent.body)));
			const spread = Array.from({ length: REPEATED }, (_, index) => delivered[Math.floor((index * (delivered.length - 1)) / (REPEATED - 1))]);
			const { outcomes, fresh } = await repeat([...new Set([...remembered.slice(0, REPEATED), ...spread])].slice(0, REPEATED), digests);
			const measured = { deliveriesRemembered: remembered.length, ofDelivered: delivered.length, repeats: outcomes, executionsStarted: fresh.length };
			figures.repeated = { ...(figures.repeated as object | undefined), [round]: measured };
			saveFigures();
			console.log(`repeated (${round}): ${JSON.stringify(measured)}`);

			expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 200));
			expect(outcomes.filter((outcome) => outcome.remembered && outcome.executions > 0)).toEqual([]);
			// A repeat the record misses is taken as new: one execution, never more.
			expect(outcomes.filter((outcome) => outcome.executions > 1)).toEqual([]);
			expect(problemsOf(fresh)).toEqual([]);
		}, 20 * 60_000);
	}

	test('activation registered the webhook process URL as the listener; main serves no production webhook', async () => {
		const registered = source.registered();
		figures.registered = registered;
		expect(stack!.n8n.webhookBaseUrl).not.toBe(stack!.n8n.baseUrl);
		expect(registered).toHaveLength(1);
		expect(registered[0].startsWith(`${stack!.n8n.webhookBaseUrl}/webhook/`)).toBe(true);
		// The same signed callback at the same path on main is not taken: callbacks reach n8n through the webhook process only.
		const atMain = source.callback('signed', nextDevice++);
		const answer = await postCallback({ ...atMain, url: atMain.url.replace(stack!.n8n.webhookBaseUrl, stack!.n8n.baseUrl) }, ANSWER_TIMEOUT_MS);
		expect(answer.status).toBe(404);
	});

	test(`${REPEATED} callbacks one after the other start one execution each`, async () => {
		const before = await ids();
		for (const callback of callbacks(Array.from({ length: REPEATED }, () => 'signed'))) oneByOne.push(await postCallback(callback, ANSWER_TIMEOUT_MS));
		const executions = await executionsSince(before, REPEATED);
		const byKey = executionsByKey(executions, TRIGGER, source.eventKey);
		figures.oneAfterTheOther = {
			statuses: tally(oneByOne.map((sent) => sent.status)),
			slowestDeliveryMs: Math.max(...oneByOne.map((sent) => sent.ms)),
			executions: executions.length,
		};
		saveFigures();

		expect(oneByOne.map((sent) => sent.status)).toEqual(oneByOne.map(() => 200));
		expect(oneByOne.map((sent) => byKey.get(sent.key)?.length ?? 0)).toEqual(oneByOne.map(() => 1));
		expect(executions).toHaveLength(REPEATED);
		expect(problemsOf(executions)).toEqual([]);
	}, 20 * 60_000);

	repeatTest('of the one-by-one round', () => oneByOne);

	test(`${SIGNED} signed callbacks at once each start exactly one execution on a worker; ${FORGED} forged ones none`, async () => {
		// Every 21st callback is forged: the forged ones are spread over the burst. All are built first, then sent at once.
		const burst = callbacks(Array.from({ length: SIGNED + FORGED }, (_, index) => (index % 21 === 20 ? 'forged' : 'signed')));
		const before = await ids();
		const loadAverage = load();
		const sent = await Promise.all(burst.map(async (callback) => await postCallback(callback, ANSWER_TIMEOUT_MS)));
		burstSigned = sent.filter((callback) => callback.kind === 'signed');
		const forged = sent.filter((callback) => callback.kind === 'forged');

		const executions = await executionsSince(before, burstSigned.filter((callback) => callback.status === 200).length);
		const byKey = executionsByKey(executions, TRIGGER, source.eventKey);
		const measured = { ...burstFigures(burstSigned, forged, executions, byKey, finishedByWorker()), loadAverage, loadAverageAfter: load() };
		figures.burst = measured;
		saveFigures();
		console.log(`burst: ${JSON.stringify(measured)}`);

		expect([burstSigned.length, new Set(burstSigned.map((callback) => callback.key)).size]).toEqual([SIGNED, SIGNED]);
		expect(measured.signedStatuses).toEqual({ 200: SIGNED });
		expect(measured.forgedStatuses).toEqual({ 401: FORGED });
		expect({ lost: measured.lost, duplicated: measured.duplicated, startedByForged: measured.startedByForged }).toEqual({ lost: 0, duplicated: 0, startedByForged: 0 });
		expect(executions).toHaveLength(SIGNED);
		expect(problemsOf(executions)).toEqual([]);
	}, 40 * 60_000);

	repeatTest('of the burst', () => burstSigned);
});
