/**
 * Redis and PostgreSQL for n8n's queue mode (found by programs.ts: environment, PATH or Debian's packages): a throwaway redis-server and a
 * throwaway PostgreSQL cluster, each in its own temporary folder on a free port of 127.0.0.1, logging
 * into the test's artifacts. PostgreSQL refuses to run as root, so when the suite runs as root (as in CI)
 * the cluster belongs to the `postgres` system user. stop() ends both and deletes their folders.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import { POSTGRES, programDir, programPath, REDIS } from './programs';
import { freePort, run, startService, waitFor, type Service } from './processes';

const HOST = '127.0.0.1';
const POSTGRES_USER = 'postgres';

export interface PostgresDatabase {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

export interface QueueServices {
	redis: { host: string; port: number };
	postgres: PostgresDatabase;
	/** n8n's environment for queue mode on these services (Bull on Redis, its database in PostgreSQL). */
	n8nEnv: NodeJS.ProcessEnv;
	/** Runs SQL in n8n's database as n8n's user; returns psql's unaligned, tuples-only output. */
	query(sql: string): Promise<string>;
	/** Stops both servers and deletes their folders. */
	stop(): Promise<void>;
}

export interface QueueServicesOptions {
	/** Where redis.log, postgres.log and postgres-setup.log go. */
	artifacts: string;
	/** Prefixes the log files (default 'queue'). */
	name?: string;
	timeoutMs?: number;
}

/** Starts Redis and PostgreSQL (programs from ensurePrograms([REDIS, POSTGRES])) and waits until both answer. */
export async function startQueueServices(options: QueueServicesOptions): Promise<QueueServices> {
	const name = options.name ?? 'queue';
	const timeoutMs = options.timeoutMs ?? 120_000;
	const cleanup: Array<() => Promise<void> | void> = [];
	const stop = async () => {
		for (const step of cleanup.splice(0).reverse()) await step();
	};
	try {
		const redis = await startRedis(join(options.artifacts, `${name}-redis.log`), timeoutMs, cleanup);
		const postgres = await startPostgres(options.artifacts, name, timeoutMs, cleanup);
		return {
			redis,
			postgres,
			n8nEnv: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.host,
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: postgres.database,
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: postgres.password,
				// Default 2: too few for 25 concurrent executions per worker.
				DB_POSTGRESDB_POOL_SIZE: '10',
			},
			query: async (sql) => await queryAsN8n(postgres, sql),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

async function startRedis(
	logFile: string,
	timeoutMs: number,
	cleanup: Array<() => Promise<void> | void>,
): Promise<{ host: string; port: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'lt-redis-'));
	cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
	const port = await freePort();
	const service = startService(
		'redis',
		programPath(REDIS),
		[
			'--port', String(port),
			'--bind', HOST,
			'--dir', dir,
			'--save', '',
			'--appendonly', 'no',
			'--daemonize', 'no',
			'--logfile', '',
		],
		{ cwd: dir, logFile },
	);
	cleanup.push(() => service.stop());
	await waitFor(
		`redis-server on ${HOST}:${port}`,
		async () => exited(service) || (await redisCommand(port, 'PING')).startsWith('+PONG'),
		timeoutMs,
	);
	failIfExited(service);
	return { host: HOST, port };
}

/** Sends one inline command to Redis and returns the first line of the answer. */
async function redisCommand(port: number, command: string): Promise<string> {
	return await new Promise((resolve, reject) => {
		const socket = connect({ host: HOST, port });
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('no answer within 2 s')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
		socket.on('close', () => reject(new Error(`connection closed, answer so far: ${JSON.stringify(answer)}`)));
	});
}

async function startPostgres(
	artifacts: string,
	name: string,
	timeoutMs: number,
	cleanup: Array<() => Promise<void> | void>,
): Promise<PostgresDatabase> {
	const setupLog = join(artifacts, `${name}-postgres-setup.log`);
	const owner = await postgresOwner();
	const dir = mkdtempSync(join(tmpdir(), 'lt-postgres-'));
	cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
	const data = join(dir, 'data');
	mkdirSync(data);
	chmodSync(data, 0o700);
	const passwordFile = join(dir, 'superuser-password');
	writeFileSync(passwordFile, `${randomBytes(12).toString('hex')}\n`, { mode: 0o600 });
	if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, dir], { label: `chown ${dir}` });

	await run(
		...asOwner(owner, join(programDir(POSTGRES), 'initdb'), [
			'--pgdata', data,
			'--username', POSTGRES_USER,
			'--pwfile', passwordFile,
			'--auth-local', 'trust',
			'--auth-host', 'scram-sha-256',
			'--encoding', 'UTF8',
			'--no-locale',
			'--no-sync',
		]),
		{ label: 'initdb', logFile: setupLog, cwd: dir },
	);

	const port = await freePort();
	// A cluster thrown away after the test: durability settings off for speed.
	const service = startService(
		'postgres',
		join(programDir(POSTGRES), 'postgres'),
		[
			'-D', data,
			'-p', String(port),
			'-c', `listen_addresses=${HOST}`,
			'-c', `unix_socket_directories=${dir}`,
			'-c', 'max_connections=100',
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
		],
		{ cwd: dir, logFile: join(artifacts, `${name}-postgres.log`), uid: owner?.uid, gid: owner?.gid },
	);
	cleanup.push(async () => {
		// SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for clients to disconnect).
		if (service.process.exitCode === null) service.process.kill('SIGINT');
		await service.stop(30_000);
	});
	await waitFor(
		`PostgreSQL on ${HOST}:${port}`,
		async () => {
			if (exited(service)) return true;
			const ready = await run(join(programDir(POSTGRES), 'pg_isready'), ['-h', HOST, '-p', String(port), '-t', '2'], {
				allowFailure: true,
				timeoutMs: 10_000,
			});
			return ready.code === 0;
		},
		timeoutMs,
		500,
	);
	failIfExited(service);

	const database: PostgresDatabase = {
		host: HOST,
		port,
		database: 'n8n',
		user: 'n8n',
		password: randomBytes(12).toString('hex'),
	};
	// As the superuser over the cluster's own socket (trusted), then as n8n over TCP with its password.
	await run(
		...asOwner(owner, join(programDir(POSTGRES), 'psql'), [
			'-h', dir,
			'-p', String(port),
			'-U', POSTGRES_USER,
			'-d', 'postgres',
			'-v', 'ON_ERROR_STOP=1',
			'-c', `CREATE ROLE ${database.user} LOGIN PASSWORD '${database.password}'`,
			'-c', `CREATE DATABASE ${database.database} OWNER ${database.user}`,
		]),
		{ label: 'psql (create the n8n database)', logFile: setupLog, cwd: dir },
	);
	await run(join(programDir(POSTGRES), 'psql'), ['-h', HOST, '-p', String(port), '-U', database.user, '-d', database.database, '-c', 'SELECT 1'], {
		env: { ...process.env, PGPASSWORD: database.password },
		label: 'psql (n8n signs in with its password)',
		logFile: setupLog,
	});
	return database;
}

async function queryAsN8n(database: PostgresDatabase, sql: string): Promise<string> {
	const args = ['-h', database.host, '-p', String(database.port), '-U', database.user, '-d', database.database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql];
	const answer = await run(join(programDir(POSTGRES), 'psql'), args, {
		env: { ...process.env, PGPASSWORD: database.password },
		label: `psql (${sql.slice(0, 60)})`,
	});
	return answer.stdout;
}

/** The `postgres` system user when running as root; undefined when the suite runs as an ordinary user. */
async function postgresOwner(): Promise<{ uid: number; gid: number } | undefined> {
	if (process.getuid?.() !== 0) return undefined;
	const uid = Number((await run('id', ['-u', POSTGRES_USER], { label: `id -u ${POSTGRES_USER}` })).stdout.trim());
	const gid = Number((await run('id', ['-g', POSTGRES_USER], { label: `id -g ${POSTGRES_USER}` })).stdout.trim());
	return { uid, gid };
}

/** A one-shot command as the cluster's owner (runuser when root). */
function asOwner(owner: { uid: number } | undefined, command: string, args: string[]): [string, string[]] {
	return owner ? ['runuser', ['-u', POSTGRES_USER, '--', command, ...args]] : [command, args];
}

const exited = (service: Service) => service.process.exitCode !== null || service.process.signalCode !== null;

function failIfExited(service: Service): void {
	if (exited(service)) throw new Error(`${service.name} exited on start:\n${service.output().slice(-3000)}`);
}
