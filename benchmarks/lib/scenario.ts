/** What every scenario gets and gives, and the small helpers they share. */
import type { ICredentialDataDecryptedObject, INodeCredentials, INodeExecutionData } from 'n8n-workflow';

import type { RunResult } from '../../test/runner';
import type { SandboxProvider } from '../../test/simulators/provider-contract';
import type { BenchN8n, Engine } from './engine';
import { jsonBytes, measureMedian, type MeasureContext, type Outcome } from './measure';
import type { Row, ScenarioResult } from './report';
import type { SimulatorHost } from './simulators';

export interface Bench {
	engine: Engine;
	host: SimulatorHost;
}

export interface Scenario {
	id: string;
	title: string;
	/** Runs the package's flow and the baseline once per latency (ms added to every request); one result per table. */
	run(bench: Bench, latencies: number[]): Promise<ScenarioResult[]>;
}

/**
 * A fresh n8n holding the provider's credential as its contract defines it for tests (for ProTrack: no
 * Login Sharing Wait), with no token stored yet: the run that uses it logs in once. `changes` go on top.
 */
export function withCredential(
	bench: Bench,
	provider: Pick<SandboxProvider, 'credential'>,
	baseUrl: string,
	changes: Record<string, unknown> = {},
): { n8n: BenchN8n; credentials: INodeCredentials } {
	const n8n = bench.engine.n8n();
	const { type, data, inTests } = provider.credential;
	const ref = n8n.credentials.add(type, {
		...data(baseUrl),
		...(inTests ?? {}),
		...changes,
	} as ICredentialDataDecryptedObject);
	return { n8n, credentials: { [type]: ref } };
}

/** The output of a node in a finished run, failing loudly when the workflow failed. */
export function outputOf(result: RunResult, nodeName: string): INodeExecutionData[] {
	const { error } = result;
	if (error) {
		const where = (error as { node?: { name?: string } }).node?.name ?? result.run.data.resultData.lastNodeExecuted ?? '?';
		throw new Error(`The workflow failed in ${where}: ${error.message}${error.description ? ` (${error.description})` : ''}`);
	}
	return result.output(nodeName);
}

/** The outcome of a run whose result is a node's output items. */
export function itemsOutcome(items: INodeExecutionData[], perItem: number): Outcome {
	return {
		items: perItem,
		outputBytes: jsonBytes(items.map((item) => item.json)),
	};
}

/** Fails when a flow's output is not what the scenario expects (a benchmark of a broken flow is worthless). */
export function expectCount(what: string, actual: number, expected: number): void {
	if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

export interface FlowRun {
	flow: string;
	minimumRequests: number;
	/** Fewest logins the run can make (default 1; 0 with an API key, 2 with ThingSpace's two tokens). */
	minimumLogins?: number;
	run: () => Promise<Outcome>;
	/** Measured runs (median kept); default 3. */
	times?: number;
}

/**
 * Measures each flow in one pass (median of `times` runs). With `warmUp`, each flow first runs once
 * unmeasured: n8n is a long-running process whose code paths are compiled, not cold.
 */
export async function measureFlows(
	context: MeasureContext,
	latencyMs: number,
	flows: FlowRun[],
	options: { warmUp: boolean },
): Promise<Row[]> {
	const named = (flow: FlowRun) => async () => {
		try {
			return await flow.run();
		} catch (error) {
			throw new Error(`${flow.flow} (${latencyMs} ms): ${error instanceof Error ? error.message : String(error)}`);
		}
	};
	if (options.warmUp) {
		for (const flow of flows) {
			await new Promise((resolve) => setTimeout(resolve, context.pauseMs ?? 0));
			await named(flow)();
		}
	}
	const rows: Row[] = [];
	for (const flow of flows) {
		// Only the baseline runs Code nodes: the task runner's CPU time and memory count for it alone.
		const flowContext = flow.flow.startsWith('baseline') ? context : { ...context, runnerPid: undefined };
		const figures = await measureMedian(flowContext, named(flow), flow.times ?? 3);
		rows.push({ flow: flow.flow, latencyMs, minimumRequests: flow.minimumRequests, minimumLogins: flow.minimumLogins ?? 1, figures });
	}
	return rows;
}
