/**
 * Every example that starts with one of this package's triggers is activated in a running n8n (through
 * the public API, as the editor's toggle does).
 * - Polling triggers: the provider's simulator produces events in two rounds, a poll apart; each event
 *   must start exactly one execution (no misses, no repeats on later polls).
 * - Webhook triggers: activation must have registered exactly one n8n webhook URL at the simulator (for
 *   providers without a registration API the suite hands the production URL over, as a user pastes it);
 *   the simulator POSTs signed callbacks (each must start exactly one execution, without any poll wait),
 *   forged and unsigned ones (each answered 401, starting none) and repeats of delivered ones (answered
 *   200, starting none); deactivation must remove the registration, or, where there is none, make n8n
 *   answer 404. The test-only demo provider (test/webhook-demo, its node a second community package
 *   compiled for this run) proves this path until real webhook providers exist.
 * Every execution must succeed, and the rest of the workflow must have done its part.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Simulator } from '../../test/simulators/framework';
import {
	isWebhookCheck,
	sandboxProviders,
	type ManualExampleCheck,
	type TriggerExampleCheck,
	type WebhookTriggerExampleCheck,
} from '../../test/simulators/provider-contract';
import { artifactsDir } from '../lib/artifacts';
import { nodeOutput, type ExecutionRecord, type WorkflowJson } from '../lib/n8n';
import { waitFor } from '../lib/processes';
import { ensureRuntime } from '../lib/runtime';
import { Stack, loadExamples, type Example } from '../lib/stack';

const artifacts = artifactsDir('triggers');
/** Polling triggers run at most once a minute; a round waits for up to two polls. */
const ROUND_TIMEOUT_MS = 150_000;
/** Webhook executions start as the callback arrives; this only bounds the wait for n8n to record them. */
const WEBHOOK_TIMEOUT_MS = 30_000;
/** After the refused callbacks: how long an execution they wrongly started would have to show up. */
const REFUSED_SETTLE_MS = 5_000;

const triggered = loadExamples(sandboxProviders({ testOnly: true })).filter((example) => example.check.kind === 'trigger');
const polling = triggered.filter((example) => !isWebhookCheck(example.check));
const webhooks = triggered.filter((example) => isWebhookCheck(example.check));
let stack: Stack;

beforeAll(async () => {
	stack = await Stack.create({ runtime: await ensureRuntime(), name: 'triggers', artifacts, testOnly: true });
	await stack.n8n.start();
	await stack.n8n.signInAsOwner();
	for (const example of triggered) await stack.n8n.activate(example.id);
	if (polling.length === 0) return;
	// A trigger's first poll only notes where the event history stands, and n8n 2.40 runs it at the
	// first tick of the poll schedule, not at activation: wait one poll period, then for the
	// simulators to go quiet, before any event is produced.
	await new Promise((resolve) => setTimeout(resolve, Math.max(...polling.map(pollPeriodMs)) + 2000));
	await waitFor(
		'the first polls to finish',
		() => stack.providers.every(({ sim }) => Date.now() - Math.max(0, ...sim.requests().map((r) => r.at)) > 3000),
		60_000,
		500,
	);
});

/** The longest gap between two polls of an example's trigger, from its Poll Times. */
function pollPeriodMs(example: Example): number {
	const trigger = example.json.nodes.find((node) => node.name === example.trigger)!;
	const times = (trigger.parameters.pollTimes as { item?: Array<{ mode: string }> } | undefined)?.item ?? [];
	if (times.length === 0 || times.some((time) => time.mode !== 'everyMinute')) {
		throw new Error(`${example.key}: the e2e suite expects its trigger to poll every minute`);
	}
	return 60_000;
}
afterAll(async () => await stack?.stop());

interface Observed {
	/** Event key → how many executions carried it. */
	counts: Map<string, number>;
	executions: ExecutionRecord[];
}

async function observe(example: Example, check: TriggerExampleCheck<Simulator>): Promise<Observed> {
	const executions = await stack.n8n.executions(example.id);
	const counts = new Map<string, number>();
	for (const execution of executions) {
		if (!execution.data) continue;
		for (const item of nodeOutput({ data: execution.data }, example.trigger!)) {
			const key = check.eventKey(item);
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	return { counts, executions };
}

describe('trigger examples, active in a running n8n', () => {
	it('has polling and webhook trigger examples', () => {
		expect(polling.length).toBeGreaterThan(0);
		expect(webhooks.length).toBeGreaterThan(0);
	});

	it.each(polling.map((example) => [example.key, example] as const))(
		'%s fires once per simulated event, over two rounds of events',
		async (_key, example) => {
			const check = example.check as TriggerExampleCheck<Simulator>;
			const sim = stack.simulatorOf(example.provider);
			const fired: string[] = [];
			const log: Array<Record<string, unknown>> = [];

			for (const round of [1, 2]) {
				const keys = await check.fire(sim);
				expect(keys.length).toBeGreaterThan(0);
				fired.push(...keys);
				const started = Date.now();
				await waitFor(
					`${example.key}: executions for ${keys.join(', ')}`,
					async () => {
						const { counts } = await observe(example, check);
						return keys.every((key) => (counts.get(key) ?? 0) > 0);
					},
					ROUND_TIMEOUT_MS,
					2000,
				);
				log.push({ round, events: keys, seenAfterMs: Date.now() - started });
			}

			const { counts, executions } = await observe(example, check);
			writeFileSync(
				join(artifacts, `${example.key}.json`),
				JSON.stringify({ rounds: log, executions: executions.map((e) => ({ id: e.id, status: e.status, mode: e.mode, ...(e.status === 'success' ? {} : { data: e.data }) })), counts: Object.fromEntries(counts) }, null, 2),
			);
			console.log(`e2e trigger ${example.key}: ${JSON.stringify(log)}; ${executions.length} executions`);

			// Round 1's events were seen before round 2 was fired, and at least one more poll ran since:
			// nothing may have been emitted twice, and nothing but the fired events at all.
			expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(fired.map((key) => [key, 1])));
			expect(executions.map((execution) => execution.status)).toEqual(executions.map(() => 'success'));
			expect(executions.map((execution) => execution.mode)).toEqual(executions.map(() => 'trigger'));
			const problems = executions.flatMap(
				(execution) => check.check?.((node) => nodeOutput({ data: execution.data! }, node), sim) ?? [],
			);
			expect(problems).toEqual([]);
		},
	);

	it.each(webhooks.map((example) => [example.key, example] as const))(
		'%s: each signed callback starts one execution at once; forged and unsigned ones get 401 and start none',
		async (_key, example) => {
			const check = example.check as WebhookTriggerExampleCheck<Simulator>;
			const sim = stack.simulatorOf(example.provider);
			if (check.connect) {
				// No registration API at this provider: hand it the production URL, as a user pastes it.
				const trigger = example.json.nodes.find((node) => node.name === example.trigger) as { webhookId?: string } | undefined;
				if (!trigger?.webhookId) throw new Error(`${example.key}: its trigger node has no webhookId`);
				await check.connect(sim, [`${stack.n8n.baseUrl}/webhook/${trigger.webhookId}/webhook`]);
			}
			const registered = check.registered(sim);
			expect(registered).toHaveLength(1);
			expect(registered[0].startsWith(`${stack.n8n.baseUrl}/webhook/`)).toBe(true);

			const started = Date.now();
			const keys = await check.fire(sim);
			expect(keys.length).toBeGreaterThan(0);
			await waitFor(
				`${example.key}: executions for ${keys.join(', ')}`,
				async () => {
					const { counts } = await observe(example, check);
					return keys.every((key) => (counts.get(key) ?? 0) > 0);
				},
				WEBHOOK_TIMEOUT_MS,
				500,
			);
			const seenAfterMs = Date.now() - started;
			const refused = await check.sendInvalid(sim);
			const repeated = await check.sendRepeated(sim);
			await new Promise((resolve) => setTimeout(resolve, REFUSED_SETTLE_MS));
			const { counts, executions } = await observe(example, check);

			const callbacks = check.callbacks(sim);
			const summary = (['signed', 'forged', 'unsigned', 'repeated'] as const).map((kind) => {
				const sent = callbacks.filter((callback) => callback.kind === kind);
				const statuses = sent.map((callback) => callback.status);
				// A repeat carries an event already delivered: only executions beyond the first are its own.
				const startedExecutions = sent.reduce((sum, callback) => sum + Math.max(0, (counts.get(callback.eventKey) ?? 0) - (kind === 'repeated' ? 1 : 0)), 0);
				return { kind, callbacks: sent.length, statuses, executions: startedExecutions };
			});
			writeFileSync(
				join(artifacts, `${example.key}.json`),
				JSON.stringify({ registered, seenAfterMs, callbacks, summary, executions: executions.map((e) => ({ id: e.id, status: e.status, mode: e.mode, ...(e.status === 'success' ? {} : { data: e.data }) })), counts: Object.fromEntries(counts) }, null, 2),
			);
			console.log(`e2e webhook trigger ${example.key}: ${JSON.stringify(summary)}; all signed seen after ${seenAfterMs} ms`);

			expect(callbacks.filter((callback) => callback.kind === 'signed').map((callback) => callback.status)).toEqual(keys.map(() => 200));
			expect(new Set(refused.map((callback) => callback.kind))).toEqual(new Set(['forged', 'unsigned']));
			expect(refused.map((callback) => callback.status)).toEqual(refused.map(() => 401));
			// A provider's retry of a delivered callback is acknowledged (200) and starts no second execution.
			expect(repeated.length).toBeGreaterThan(0);
			expect(repeated.map((callback) => [callback.kind, callback.status])).toEqual(repeated.map(() => ['repeated', 200]));
			// Exactly one execution per signed event, and none carrying a refused callback's event.
			expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(keys.map((key) => [key, 1])));
			expect(executions.map((execution) => execution.status)).toEqual(executions.map(() => 'success'));
			expect(executions.map((execution) => execution.mode)).toEqual(executions.map(() => 'webhook'));
			const problems = executions.flatMap(
				(execution) => check.check?.((node) => nodeOutput({ data: execution.data! }, node), sim) ?? [],
			);
			expect(problems).toEqual([]);

			await stack.n8n.deactivate(example.id);
			if (!check.connect) {
				// Deactivation runs the trigger's delete: the registration is gone from the provider.
				await waitFor(`${example.key}: its webhook to be removed at the simulator`, () => check.registered(sim).length === 0, WEBHOOK_TIMEOUT_MS, 250);
				return;
			}
			// Nothing to remove at the provider: n8n itself must stop taking the callbacks (404) and start nothing.
			const late = await check.fire(sim);
			const answered = check.callbacks(sim).filter((callback) => late.includes(callback.eventKey));
			console.log(`e2e webhook trigger ${example.key} after deactivation: ${JSON.stringify(answered.map((callback) => callback.status))}`);
			expect(answered.length).toBeGreaterThan(0);
			expect(answered.map((callback) => callback.status)).toEqual(answered.map(() => 404));
			await new Promise((resolve) => setTimeout(resolve, REFUSED_SETTLE_MS));
			const after = await observe(example, check);
			expect(late.filter((key) => after.counts.has(key))).toEqual([]);
		},
	);
});

/**
 * Examples that remember something between executions (the contract's `runs`) and start on a Schedule
 * Trigger: active in the running n8n with the schedule every minute (the file says every 5 minutes), each
 * scheduled execution must see what the previous one left in the workflow's static data. The simulator is
 * set up for execution n right after execution n-1 finished, a good half minute before the next tick.
 */
const scheduled = loadExamples(sandboxProviders({ testOnly: true })).filter(
	(example) =>
		example.check.kind === 'manual' &&
		(example.check as ManualExampleCheck<Simulator>).runs !== undefined &&
		example.json.nodes.some((node) => node.type === 'n8n-nodes-base.scheduleTrigger'),
);

describe('examples that remember between scheduled executions, active in a running n8n', () => {
	it.each(scheduled.map((example) => [example.key, example] as const))(
		'%s: each scheduled execution sees what the previous one left',
		async (key, example) => {
			const check = example.check as ManualExampleCheck<Simulator>;
			const sim = stack.simulatorOf(example.provider);
			const json = structuredClone(example.json) as WorkflowJson;
			for (const node of json.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.scheduleTrigger')) {
				node.parameters = { rule: { interval: [{ field: 'minutes', minutesInterval: 1 }] } };
			}
			const { id: _imported, ...body } = json;
			const created = await stack.n8n.rest<{ id: string }>('POST', '/workflows', { ...body, name: `${json.name} (every minute)`, active: false });
			const runs = check.runs ?? 1;
			const log: Array<Record<string, unknown>> = [];
			await check.prepare?.(sim, 0);
			await stack.n8n.activate(created.id);
			try {
				for (let run = 0; run < runs; run++) {
					const started = Date.now();
					let executions: ExecutionRecord[] = [];
					await waitFor(
						`${key}: scheduled execution ${run + 1}`,
						async () => {
							executions = (await stack.n8n.executions(created.id)).filter((execution) => execution.status !== 'running');
							return executions.length > run;
						},
						150_000,
						1000,
					);
					const execution = executions[run];
					expect([execution.status, execution.mode]).toEqual(['success', 'trigger']);
					const problems = check.check((node) => nodeOutput({ data: execution.data! }, node), sim, run);
					log.push({ run: run + 1, afterMs: Date.now() - started, problems });
					expect(problems).toEqual([]);
					if (run + 1 < runs) await check.prepare?.(sim, run + 1);
				}
			} finally {
				await stack.n8n.deactivate(created.id);
				writeFileSync(join(artifacts, `${key}--scheduled.json`), JSON.stringify(log, null, 2));
				console.log(`e2e scheduled ${key}: ${JSON.stringify(log)}`);
			}
		},
	);
});
