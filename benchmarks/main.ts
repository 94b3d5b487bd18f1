/**
 * `npm run bench`: fleet-scale figures of this package's nodes side by side with the workflow a user
 * builds without it (n8n's HTTP Request and Code nodes, benchmarks/baseline/), both run through the
 * same in-process n8n engine against the simulators, once without and once with 50 ms of latency per
 * request. Prints the tables and writes them to benchmarks/results.md. Figures, not assertions.
 *
 * It runs on the Node 24 of the n8n installed for the e2e suite (installed on first use, as
 * `npm run sandbox` does), whose n8n-nodes-base provides the baseline's nodes and whose task runner
 * runs its Code nodes. Options: `--only <scenario id>[,<id>...]`, `--latency <ms>[,<ms>...]`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CHILD_FLAG = 'LT_BENCH_RUNTIME';

/** Re-runs this file on the runtime's Node 24, with the environment n8n's task runner needs. */
async function relaunch(): Promise<number> {
	const { ensureRuntime } = await import('../e2e/lib/runtime');
	const runtime = await ensureRuntime((line) => console.log(line));
	const userFolder = join(tmpdir(), 'lt-bench-n8n');
	mkdirSync(userFolder, { recursive: true });
	const child = spawn(runtime.node, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, ...process.argv.slice(2)], {
		cwd: join(__dirname, '..'),
		stdio: 'inherit',
		env: {
			...process.env,
			[CHILD_FLAG]: runtime.dir,
			// The task runner n8n launches is `node` from the PATH: the same Node 24.
			PATH: `${dirname(runtime.node)}:${process.env.PATH ?? ''}`,
			TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json'),
			N8N_LOG_LEVEL: 'silent',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_USER_FOLDER: userFolder,
			// What a self-hosting user sets so that a Code node may require('crypto') (ProTrack's md5 signature, HMAC checks).
			NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
		},
	});
	return await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function option(name: string): string[] | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index < 0 ? undefined : (process.argv[index + 1] ?? '').split(',').filter(Boolean);
}

if (process.env[CHILD_FLAG] === undefined) {
	void relaunch().then((code) => process.exit(code));
} else {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runBench } = require('./lib/run') as typeof import('./lib/run');
	runBench(process.env[CHILD_FLAG], {
		only: option('only'),
		latencies: option('latency')?.map(Number),
	}).then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
