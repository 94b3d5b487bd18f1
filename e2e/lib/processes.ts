/** Child processes for the sandbox and the e2e suite: one-shot commands and long-running servers. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Shown in the error when the command fails. */
	label?: string;
	/** Resolve with the exit code instead of failing on a non-zero one. */
	allowFailure?: boolean;
	/** Also append everything it prints to this file. */
	logFile?: string;
	timeoutMs?: number;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Runs a command to its end, collecting what it prints. */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const started = Date.now();
	const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
	const log = options.logFile ? openLog(options.logFile) : undefined;
	log?.write(`\n$ ${command} ${args.join(' ')}\n`);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		log?.write(chunk);
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		log?.write(chunk);
	});
	const timer =
		options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
	const code = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
	});
	if (timer) clearTimeout(timer);
	log?.end();
	const result = { code, stdout, stderr, ms: Date.now() - started };
	if (code !== 0 && !options.allowFailure) {
		const tail = (stderr || stdout).split('\n').slice(-30).join('\n');
		throw new Error(`${options.label ?? command} failed with exit code ${code}:\n${tail}`);
	}
	return result;
}

export interface Service {
	readonly name: string;
	readonly process: ChildProcess;
	/** Everything it printed so far. */
	output(): string;
	/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
	stop(graceMs?: number): Promise<void>;
}

/** Starts a long-running process whose output goes to a log file (and is kept for error messages). */
export function startService(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions & { logFile: string },
): Service {
	const child = spawn(command, args, { ...options, stdio: 'pipe', detached: false });
	const log = openLog(options.logFile);
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-200_000);
		log.write(chunk);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		name,
		process: child,
		output: () => output,
		async stop(graceMs = 15_000) {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}
			log.end();
		},
	};
}

function openLog(file: string) {
	mkdirSync(dirname(file), { recursive: true });
	return createWriteStream(file, { flags: 'a' });
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Polls `probe` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(
	what: string,
	probe: () => Promise<boolean> | boolean,
	timeoutMs: number,
	intervalMs = 250,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			if (await probe()) return;
		} catch (error) {
			lastError = error;
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
	throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${reason}`);
}
