/**
 * Every example started by hand runs in a real n8n with `n8n execute --id`, each in a fresh process (no
 * token in memory), and its output is judged by its provider's check against the simulator's state.
 * Providers whose credential fetches a token also show the stored-token path across processes: the first
 * run logs in, later runs reuse the stored token, and after the simulator expired it one run logs in again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ManualExampleCheck } from '../../test/simulators/provider-contract';
import type { Simulator } from '../../test/simulators/framework';
import { artifactsDir } from '../lib/artifacts';
import { nodeOutput } from '../lib/n8n';
import { ensureRuntime } from '../lib/runtime';
import { Stack, loadExamples, type Example } from '../lib/stack';

const artifacts = artifactsDir('examples');
let stack: Stack;
const figures: Array<Record<string, unknown>> = [];

beforeAll(async () => {
	stack = await Stack.create({ runtime: await ensureRuntime(), name: 'examples', artifacts });
});
afterAll(async () => {
	writeFileSync(join(artifacts, 'runs.json'), JSON.stringify(figures, null, 2));
	await stack?.stop();
});

interface Executed {
	problems: string[];
	/** Logins the simulator saw during the run (undefined for providers without tokens). */
	logins?: number;
}

/** Runs one example in a fresh `n8n execute` process; returns what its check found wrong and the logins seen. */
async function execute(example: Example): Promise<Executed> {
	const sim = stack.simulatorOf(example.provider);
	const loginsBefore = example.provider.tokens?.logins(sim) ?? 0;
	const started = Date.now();
	const check = example.check as ManualExampleCheck<Simulator>;
	const problems: string[] = [];
	// Examples that remember something between executions run several times, each a new process: what
	// one execution left in the workflow's static data must be there for the next.
	for (let index = 0; index < (check.runs ?? 1); index++) {
		await check.prepare?.(sim, index);
		const run = await stack.n8n.execute(example.id);
		problems.push(...check.check((node) => nodeOutput(run, node), sim, index));
	}
	const logins = example.provider.tokens ? example.provider.tokens.logins(sim) - loginsBefore : undefined;
	figures.push({ example: example.key, ms: Date.now() - started, logins, runs: check.runs ?? 1 });
	return { problems, logins };
}

const manual = loadExamples().filter((example) => example.check.kind === 'manual');
const executed = new Map<string, Executed>();

describe('examples/ in a real n8n, each run a fresh `n8n execute` process', () => {
	it('has examples started by hand', () => expect(manual.length).toBeGreaterThan(0));

	it.each(manual.map((example) => [example.key, example] as const))(
		'%s: its output is what the simulator holds',
		async (key, example) => {
			const result = await execute(example);
			executed.set(key, result);
			expect(result.problems).toEqual([]);
		},
	);

	const withTokens = [...new Set(manual.map((example) => example.provider))].filter((provider) => provider.tokens);
	it.each(withTokens.map((provider) => [provider.name, provider] as const))(
		'%s: the first process logs in, later ones reuse the stored token, one logs in again after expiry',
		async (_name, provider) => {
			const mine = manual.filter((example) => example.provider === provider);
			expect(mine.map((example) => executed.get(example.key)?.logins)).toEqual(mine.map((_, index) => (index === 0 ? 1 : 0)));

			// Again, with examples that keep no memory between executions (running one that does again would
			// start from what its previous runs left).
			const once = mine.filter((example) => (example.check as ManualExampleCheck<Simulator>).runs === undefined);
			provider.tokens!.expire(stack.simulatorOf(provider));
			const refreshed = await execute(once[0]);
			const reused = await execute(once[1 % once.length]);
			expect([refreshed.problems, reused.problems]).toEqual([[], []]);
			expect([refreshed.logins, reused.logins]).toEqual([1, 0]);
		},
	);
});
