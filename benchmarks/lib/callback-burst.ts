/**
 * Scenario 6: signed provider callbacks per second through a webhook trigger, over real HTTP (the runner's
 * active workflow and webhook server). Each measured run has the provider's simulator send 4 rounds of
 * 250 signed callbacks (250 at once), 1,000 in all, and lasts until every execution they started has
 * finished. The package's trigger and the baseline each get a simulator of their own, so that each
 * receives only its own callbacks. Callbacks go from the provider to n8n: added latency on requests to
 * the provider does not apply, so there is one pass.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ActiveWorkflow } from '../../test/runner';
import { jsonBytes, type Outcome } from './measure';
import type { Row } from './report';
import { expectCount, measureFlows, type Bench, type Scenario } from './scenario';
import type { RemoteSimulator } from './simulators';

export const CALLBACKS_AT_ONCE = 250;
const ROUNDS = 4;

/** A workflow receiving one provider's callbacks, connected to its own simulator. */
export interface Receiver {
	sim: RemoteSimulator;
	active: ActiveWorkflow;
	/** The node whose output is the flow's result in each execution, and how many items one callback makes. */
	resultNode: string;
	itemsPerCallback: number;
	/** Has the simulator send round `round` (CALLBACKS_AT_ONCE signed callbacks); resolves with n8n's HTTP answers. */
	sendRound(round: number): Promise<number[]>;
}

export interface CallbackSource {
	id: string;
	title: string;
	about: string[];
	/** Sets up the flow's simulator and active workflow; callbacks sent while connecting have run. */
	connect(bench: Bench, flow: 'package' | 'baseline'): Promise<Receiver>;
}

async function rounds(receiver: Receiver): Promise<Outcome> {
	const before = (await receiver.active.executions()).length;
	const answers: number[] = [];
	for (let round = 0; round < ROUNDS; round++) answers.push(...(await receiver.sendRound(round)));
	expectCount('callbacks answered 200', answers.filter((status) => status === 200).length, CALLBACKS_AT_ONCE * ROUNDS);
	const executions = (await receiver.active.waitForExecutions(before + answers.length, 120_000)).slice(before);
	const outputs: IDataObject[] = executions.flatMap((execution) => execution.result.output(receiver.resultNode).map((item) => item.json));
	expectCount('items the executions put out', outputs.length, answers.length * receiver.itemsPerCallback);
	return { items: answers.length, outputBytes: jsonBytes(outputs), retain: executions };
}

/** The scenario measuring one provider's callbacks. */
export function burstScenario(source: CallbackSource): Scenario {
	return {
		id: source.id,
		title: source.title,
		async run(bench, latencies) {
			const receivers = { package: await source.connect(bench, 'package'), baseline: await source.connect(bench, 'baseline') };
			const rows: Row[] = [];
			if (latencies.includes(0)) {
				for (const flow of ['package', 'baseline'] as const) {
					const receiver = receivers[flow];
					const context = { sim: receiver.sim, loginPaths: [], runnerPid: bench.engine.runnerPid() };
					const run = async () => await rounds(receiver);
					rows.push(...(await measureFlows(context, 0, [{ flow, minimumRequests: 0, minimumLogins: 0, run }], { warmUp: true })));
				}
			}
			for (const { sim, active } of Object.values(receivers)) {
				await active.deactivate();
				await sim.stop();
			}
			const perSecond = rows.map((row) => `${row.flow} ${((row.figures.items / row.figures.wallMs) * 1000).toFixed(0)}/s`).join(', ');
			return [
				{
					id: source.id,
					title: source.title,
					about: [
						...source.about,
						`Per item: per callback. ${ROUNDS} rounds of ${CALLBACKS_AT_ONCE} callbacks sent at once = ${ROUNDS * CALLBACKS_AT_ONCE} per run; the time runs until the last execution has finished. No requests to the provider (min 0), no login; one pass (latency to the provider does not apply to callbacks).`,
					],
					rows,
					notes: [
						`Callbacks per second (received, verified, executed): ${perSecond}.`,
						"The package's trigger keeps the digests of the last 1,000 deliveries in the workflow's static data (refusing repeats). n8n loads and saves a workflow's static data for every callback; here the runner parses it, wraps it in n8n's observable object and serializes it again for each callback and each execution, and keeps every finished execution with its copy: a CPU profile (OS1, 2,000 callbacks) puts about a third of the package's CPU per callback there (n8n's observable wrapper around the 35 KB of static data, the digest search, the saves), and it is most of its retained heap. The baseline keeps no static data.",
					],
				},
			];
		},
	};
}
