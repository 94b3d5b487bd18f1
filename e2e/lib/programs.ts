/**
 * Programs the e2e suite runs besides n8n: Chromium for the editor check, Redis and PostgreSQL for queue
 * mode. Each is taken, in this order, from its environment variable (a path to the program), from PATH,
 * or from where Debian's package puts it. When none has it and the suite runs as root (as in CI), the
 * Debian package is installed with apt-get; otherwise the error says how to provide it.
 */
import { accessSync, constants, existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import { run } from './processes';

export interface Program {
	/** What it is, for messages. */
	title: string;
	/** Environment variable that may name the program's path. */
	env: string;
	/** Names to look for on PATH. */
	names: string[];
	/** Where Debian's package puts it (the first that exists). */
	debianPaths: () => string[];
	/** The Debian package that provides it. */
	pkg: string;
	/** Programs that must sit beside it (links followed), e.g. PostgreSQL's initdb. */
	companions?: string[];
}

export const CHROMIUM: Program = {
	title: 'Chromium',
	env: 'LT_CHROMIUM',
	names: ['chromium', 'chromium-browser', 'google-chrome'],
	debianPaths: () => ['/usr/bin/chromium'],
	pkg: 'chromium',
};

export const REDIS: Program = {
	title: 'Redis server',
	env: 'LT_REDIS_SERVER',
	names: ['redis-server'],
	debianPaths: () => ['/usr/bin/redis-server'],
	pkg: 'redis-server',
};

/** The PostgreSQL server binary; initdb, psql and pg_isready are taken from the same folder. */
export const POSTGRES: Program = {
	title: 'PostgreSQL server (postgres, with initdb, psql and pg_isready beside it)',
	env: 'LT_POSTGRES',
	names: ['postgres'],
	debianPaths: () => {
		const root = '/usr/lib/postgresql';
		if (!existsSync(root)) return [];
		const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
		return versions.map((version) => join(root, version, 'bin', 'postgres'));
	},
	pkg: 'postgresql',
	companions: ['initdb', 'psql', 'pg_isready'],
};

const executable = (path: string) => {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

/** An executable file with its companions beside it (a link is followed to the real folder). */
const usable = (program: Program, path: string) =>
	executable(path) && (program.companions ?? []).every((name) => executable(join(dirname(realpathSync(path)), name)));

/** Where the program is, or undefined when it is nowhere this module looks. */
export function findProgram(program: Program, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const named = env[program.env];
	if (named) {
		if (!usable(program, named)) throw new Error(`${program.env}=${named}: no usable ${program.title} there`);
		return named;
	}
	const onPath = (env.PATH ?? '')
		.split(delimiter)
		.filter(Boolean)
		.flatMap((dir) => program.names.map((name) => join(dir, name)));
	return [...onPath, ...program.debianPaths()].find((path) => usable(program, path));
}

/** The program's path; call ensurePrograms first. */
export function programPath(program: Program): string {
	const found = findProgram(program);
	if (found === undefined) throw new Error(`${program.title} not found: call ensurePrograms([...]) first`);
	return found;
}

/** The real folder holding the program, links followed (PostgreSQL's tools live beside `postgres`). */
export const programDir = (program: Program) => dirname(realpathSync(programPath(program)));

let updated = false;

/** Makes sure every program is found, installing the missing ones from Debian's packages when root. */
export async function ensurePrograms(programs: Program[]): Promise<void> {
	const missing = programs.filter((program) => findProgram(program) === undefined);
	if (missing.length === 0) return;
	const packages = missing.map((program) => program.pkg);
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Missing ${missing.map((p) => `${p.title} (put it on PATH, set ${p.env} to its path, or install the Debian package ${p.pkg})`).join('; ')}`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (!updated) {
		await run('apt-get', ['update', '-qq'], { env, label: 'apt-get update' });
		updated = true;
	}
	await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
		env,
		label: `apt-get install ${packages.join(' ')}`,
		timeoutMs: 20 * 60_000,
	});
	const still = programs.filter((program) => findProgram(program) === undefined);
	if (still.length > 0) throw new Error(`apt-get installed ${packages.join(' ')} but ${still.map((p) => p.title).join(', ')} is still missing`);
}
