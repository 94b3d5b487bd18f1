/**
 * The in-process n8n of the bench: the test runner's engine (n8n-core's WorkflowExecute, this
 * repository's n8n-core and n8n-workflow) running this package's nodes, and for the baseline the real
 * nodes of n8n-nodes-base (HTTP Request, Code, If, Wait, Webhook) from the n8n installed for the e2e
 * suite. n8n 2.x's Code node runs JavaScript only through a task runner (`startJob` →
 * `startRunnerTask`), so the bench starts n8n's own task runner module from that install, as `n8n
 * start` does in internal mode: the task broker (a local HTTP/WebSocket server) and the
 * @n8n/task-runner process it launches; the Code node's jobs go through n8n's TaskRequester to it.
 * The runner is a separate process: its CPU time and memory are read from /proc and added to the
 * baseline's figures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import { join } from 'node:path';

import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { INodeType, IVersionedNodeType, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { TestN8n } from '../../test/runner';
import { NODE_TYPES } from '../../test/runner/package-types';

/** The real base nodes the baseline workflows use, by type name, with the version they are saved with. */
const BASE_NODES: Array<{
	type: string;
	file: string;
	className: string;
	version: number;
}> = [
	{
		type: 'n8n-nodes-base.httpRequest',
		file: 'HttpRequest/HttpRequest.node.js',
		className: 'HttpRequest',
		version: 4.2,
	},
	{
		type: 'n8n-nodes-base.code',
		file: 'Code/Code.node.js',
		className: 'Code',
		version: 2,
	},
	{
		type: 'n8n-nodes-base.if',
		file: 'If/If.node.js',
		className: 'If',
		version: 2.2,
	},
	{
		type: 'n8n-nodes-base.wait',
		file: 'Wait/Wait.node.js',
		className: 'Wait',
		version: 1.1,
	},
	{
		type: 'n8n-nodes-base.webhook',
		file: 'Webhook/Webhook.node.js',
		className: 'Webhook',
		version: 2,
	},
];

type StartRunnerTask = (...args: unknown[]) => Promise<unknown>;

interface TaskRunnerModule {
	start(): Promise<void>;
	stop(): Promise<void>;
	jsRunnerProcess?: { pid?: number };
}

/** TestN8n whose executions can start task-runner jobs (the Code node's), as n8n's additional data does. */
export class BenchN8n extends TestN8n {
	constructor(private readonly startRunnerTask: StartRunnerTask) {
		super();
	}

	additionalData(executionId: string, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		const data = super.additionalData(executionId, hooks);
		return {
			...data,
			startRunnerTask: this.startRunnerTask,
		} as IWorkflowExecuteAdditionalData;
	}
}

export interface Engine {
	/** A new engine with an empty credential store, whose Code nodes run in the shared task runner. */
	n8n(): BenchN8n;
	/** The task runner process, for its CPU time and memory. */
	runnerPid(): number | undefined;
	versions: { n8n: string; nodesBase: string; core: string; node: string };
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function versionOf(load: NodeRequire, name: string): string {
	return (
		JSON.parse(readFileSync(load.resolve(`${name}/package.json`), 'utf8')) as {
			version: string;
		}
	).version;
}

/**
 * Starts n8n's task runner module from the runtime at `runtimeDir` and registers the base nodes.
 * The Code node may `require('crypto')` only when NODE_FUNCTION_ALLOW_BUILTIN allows it (set by main.ts,
 * as a self-hosting user sets it).
 */
export async function startEngine(runtimeDir: string): Promise<Engine> {
	const load = createRequire(join(runtimeDir, 'package.json'));
	const nodesDir = join(load.resolve('n8n-nodes-base/package.json'), '..', 'dist', 'nodes');
	for (const base of BASE_NODES) {
		const exported = load(join(nodesDir, base.file)) as Record<string, new () => INodeType | IVersionedNodeType>;
		const instance = new exported[base.className]();
		const nodeType = 'nodeVersions' in instance ? instance.getNodeType(base.version) : instance;
		NODE_TYPES.types.set(base.type, nodeType);
	}

	process.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
	const { Container } = load('@n8n/di') as {
		Container: { get<T>(type: unknown): T };
	};
	const { TaskRunnerModule } = load('n8n/dist/task-runners/task-runner-module') as { TaskRunnerModule: unknown };
	const { TaskRequester } = load('n8n/dist/task-runners/task-managers/task-requester') as { TaskRequester: unknown };
	const module = Container.get<TaskRunnerModule>(TaskRunnerModule);
	await module.start();
	const requester = Container.get<{
		startTask: StartRunnerTask;
		nodeTypes: unknown;
	}>(TaskRequester);
	// The runner asks n8n for node type descriptions when code reads other nodes ($('Name')...); n8n answers
	// from its loaded nodes, the bench from the engine's node types (the same descriptions, under the type name).
	requester.nodeTypes = {
		getNodeTypeDescriptions: (wanted: Array<{ name: string }>) =>
			wanted.map(({ name }) => ({
				...NODE_TYPES.getByNameAndVersion(name).description,
				name,
			})),
	};
	const startRunnerTask: StartRunnerTask = async (...args) => await requester.startTask(...args);

	const repoRequire = createRequire(join(__dirname, '..', '..', 'package.json'));
	return {
		n8n: () => new BenchN8n(startRunnerTask),
		runnerPid: () => module.jsRunnerProcess?.pid,
		versions: {
			n8n: versionOf(load, 'n8n'),
			nodesBase: versionOf(load, 'n8n-nodes-base'),
			core: versionOf(repoRequire, 'n8n-core'),
			node: process.version,
		},
		stop: async () => await module.stop(),
	};
}

/** Clock ticks per second of /proc/<pid>/stat times. */
export const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
