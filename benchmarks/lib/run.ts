/** The bench itself, on the runtime's Node (see main.ts): every scenario, both passes, the report. */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { SCENARIOS } from '../scenarios';
import { locationToolsMarkdown } from '../scenarios/location-tools';
import { startEngine } from './engine';
import { processCpuMs, SAMPLE_EVERY_MS, samplerCostMsPerSecond } from './measure';
import { goalsMarkdown } from './goals';
import { scenarioMarkdown, type ScenarioResult } from './report';
import { SimulatorHost } from './simulators';

export const LATENCIES_MS = [0, 50];

export interface BenchOptions {
	only?: string[];
	latencies?: number[];
}

export async function runBench(runtimeDir: string, options: BenchOptions = {}): Promise<void> {
	const scenarios = SCENARIOS.filter((scenario) => options.only === undefined || options.only.includes(scenario.id));
	const withLocationTools = options.only === undefined || options.only.includes('location-tools');
	if (scenarios.length === 0 && !withLocationTools)
		throw new Error(`No scenario matches --only ${options.only?.join(',')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
	const latencies = options.latencies ?? LATENCIES_MS;
	const started = Date.now();
	const engine = await startEngine(runtimeDir);
	const loadBefore = loadavg()[0];
	const host = new SimulatorHost();
	const results: ScenarioResult[] = [];
	let runnerIdleMsPerSecond = NaN;
	let sampler = { idle: NaN, sampling: NaN };
	let locationTools = '';
	try {
		for (const scenario of scenarios) {
			const scenarioStart = Date.now();
			for (const result of await scenario.run({ engine, host }, latencies)) {
				results.push(result);
				console.log(`\n${scenarioMarkdown(result)}`);
			}
			console.log(`(${scenario.id}: ${((Date.now() - scenarioStart) / 1000).toFixed(0)} s)`);
		}
		if (withLocationTools) {
			locationTools = await locationToolsMarkdown();
			console.log(`\n${locationTools}`);
		}
		// The task runner works a little even when idle (offers to the broker every 250 ms): in the baseline's CPU.
		const runnerBefore = processCpuMs(engine.runnerPid());
		await new Promise((resolve) => setTimeout(resolve, 2000));
		runnerIdleMsPerSecond = (processCpuMs(engine.runnerPid()) - runnerBefore) / 2;
		sampler = await samplerCostMsPerSecond();
	} finally {
		await host.close();
		await engine.stop();
	}
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM`;
	const versions = engine.versions;
	const text = [
		'# Benchmarks: this package vs HTTP Request + Code nodes',
		'',
		`Written by \`npm run bench\` (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes} min) on ${machine};`,
		`Node ${versions.node}, n8n-core ${versions.core} (engine), n8n-nodes-base ${versions.nodesBase} and task runner of n8n ${versions.n8n} (baseline).`,
		`Passes: ${latencies.map((ms) => (ms === 0 ? 'no added latency' : `${ms} ms per request`)).join(', ')}. How it is measured: see the end.`,
		`The machine was shared: load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${cpus().length} cores. CPU times are per process and hold up; wall times vary with the load.`,
		'',
		goalsMarkdown(results),
		'',
		'## Scenarios',
		'',
		...results.flatMap((result) => [scenarioMarkdown(result), '']),
		...(locationTools === '' ? [] : [locationTools, '']),
		METHOD,
		`- The task runner's idle work (offers to the broker every 250 ms) was ${runnerIdleMsPerSecond.toFixed(1)} ms of CPU per second after the scenarios; it is in the baseline's runner CPU.`,
		`- Waking the event loop is not free here: after the scenarios, the idle n8n process used ${sampler.idle.toFixed(1)} ms of CPU per second, and ${sampler.sampling.toFixed(1)} ms with the memory sampler (every ${SAMPLE_EVERY_MS} ms) running (its timer, and the collector work that runs when the loop wakes). Up to the difference per second of wall time is in every row's CPU, both flows alike; it matters in long, mostly waiting runs (the 50 ms pass of scenarios 3 and 5, send-and-wait).`,
	].join('\n');
	if (options.only === undefined && options.latencies === undefined) {
		writeFileSync(join(__dirname, '..', 'results.md'), `${text}\n`);
		console.log('\nWritten to benchmarks/results.md');
	} else {
		console.log('\n(a partial run: benchmarks/results.md is left as it was)');
	}
	console.log(`\n${goalsMarkdown(results)}`);
}

const METHOD = `## How it is measured

- Both flows run through the same engine: n8n-core's \`WorkflowExecute\` in this process (the test runner of
  \`test/runner/\`, with its credential store standing in for n8n's database). The baseline's HTTP Request, Code,
  If, Wait and Webhook nodes are n8n's own (n8n-nodes-base from the n8n installed for the e2e suite). n8n 2.x runs
  Code node JavaScript only in its task runner: the bench starts n8n's own task runner module (broker and
  \`@n8n/task-runner\` process, internal mode, as \`n8n start\` does), and the Code nodes' jobs go through it.
- The simulators run in a separate process (\`lib/simulator-host.ts\`): their work does not count as n8n's.
  Requests and logins are counted from the simulator's request log; "min" is the fewest requests the API's
  documented limits allow for the same result (logins not included).
- CPU: \`process.cpuUsage()\` of the n8n process over the run, plus the task runner process's CPU time (from
  /proc, 10 ms resolution) for the baseline. Per item: CPU ÷ the scenario's items.
- Peak heap and peak RSS: the highest value sampled every 20 ms during the run, minus the value before it (after a
  forced GC); RSS includes the task runner process for the baseline. Retained heap: the heap after the run and a
  full GC, with the run's result still held (negative noise shown as 0). Output: bytes of the JSON of the last
  node's items. "Peak heap ÷ output" is shown from 1 MB of output on.
- Each run starts with a credential holding no token (the run logs in), after one unmeasured warm-up run of each
  flow (first pass; not for send-and-wait). A run shorter than 2 s is measured 3 times and the run of median CPU
  is shown. Latency is added by the simulator framework's fault injection (every request waits before its answer).`;
