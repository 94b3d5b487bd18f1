/**
 * The bench's side of simulator-host.ts: one child process holding every simulator of the run, and a
 * handle per simulator to call its methods over IPC (values cross by structured clone, so Infinity
 * and Maps survive; functions do not).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { FaultRule } from '../../test/simulators/framework';
import type { HostAnswer, HostRequest, SimulatorKind } from './simulator-host';

type Pending = {
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
};
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class SimulatorHost {
	private readonly child: ChildProcess;
	private readonly pending = new Map<number, Pending>();
	private sequence = 0;

	constructor() {
		this.child = fork(join(__dirname, 'simulator-host.ts'), [], {
			execArgv: ['-r', 'ts-node/register/transpile-only'],
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.child.on('message', (answer: HostAnswer) => {
			const waiting = this.pending.get(answer.id);
			if (waiting === undefined) return;
			this.pending.delete(answer.id);
			if (answer.ok) waiting.resolve(answer.value);
			else waiting.reject(new Error(`Simulator host: ${answer.error}`));
		});
		this.child.on('exit', (code) => {
			for (const waiting of this.pending.values()) waiting.reject(new Error(`The simulator host exited (${code})`));
			this.pending.clear();
		});
	}

	/** @internal */
	async send(request: WithoutId<HostRequest>): Promise<unknown> {
		const id = ++this.sequence;
		return await new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.child.send({ ...request, id } as HostRequest);
		});
	}

	/** Starts a simulator on a free port in the host process. */
	async start(name: string, kind: SimulatorKind, options: object = {}): Promise<RemoteSimulator> {
		const baseUrl = (await this.send({
			op: 'start',
			name,
			kind,
			options,
		})) as string;
		return new RemoteSimulator(this, name, baseUrl);
	}

	async close(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.disconnect();
		await exited;
	}
}

export class RemoteSimulator {
	constructor(
		private readonly host: SimulatorHost,
		readonly name: string,
		readonly baseUrl: string,
	) {}

	/** Calls a method of the simulator (or reads a property when `method` names one). */
	async call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
		return (await this.host.send({
			op: 'call',
			name: this.name,
			method,
			args,
		})) as T;
	}

	/** Requests logged since the last clearLog(), counted by path. */
	async countByPath(): Promise<Record<string, number>> {
		return (await this.host.send({
			op: 'countByPath',
			name: this.name,
		})) as Record<string, number>;
	}

	async clearLog(): Promise<void> {
		await this.call('clearLog');
	}

	/** Every request from now on waits `ms` before it is answered (0: none). */
	async setLatency(ms: number): Promise<void> {
		await this.call('clearFaults');
		if (ms > 0)
			await this.call('inject', {
				fault: { kind: 'latency', ms },
				times: Infinity,
			} satisfies FaultRule);
	}

	async stop(): Promise<void> {
		await this.host.send({ op: 'stop', name: this.name });
	}
}
