/**
 * Programs the e2e suite takes from Debian's packages (Chromium for the editor check, Redis and PostgreSQL
 * for queue mode). They are installed with apt-get when missing and the suite runs as root (as in CI);
 * otherwise the error says which package to install.
 */
import { existsSync } from 'node:fs';

import { run } from './processes';

export interface DebianProgram {
	/** The file that must exist. */
	path: string;
	/** The Debian package that provides it. */
	pkg: string;
}

export const CHROMIUM: DebianProgram = { path: '/usr/bin/chromium', pkg: 'chromium' };
export const REDIS: DebianProgram = { path: '/usr/bin/redis-server', pkg: 'redis-server' };
export const POSTGRES: DebianProgram = { path: '/usr/lib/postgresql/15/bin/postgres', pkg: 'postgresql' };

let updated = false;

export async function ensureDebianPrograms(programs: DebianProgram[]): Promise<void> {
	const missing = programs.filter((program) => !existsSync(program.path));
	if (missing.length === 0) return;
	const packages = missing.map((program) => program.pkg);
	if (process.getuid?.() !== 0) {
		throw new Error(`Missing ${missing.map((p) => p.path).join(', ')}: install the Debian packages ${packages.join(' ')}`);
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
	const still = programs.filter((program) => !existsSync(program.path));
	if (still.length > 0) throw new Error(`apt-get installed ${packages.join(' ')} but ${still.map((p) => p.path).join(', ')} is still missing`);
}
