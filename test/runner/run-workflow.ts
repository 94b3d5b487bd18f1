import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, getExecutePollFunctions, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { LoggerProxy, Workflow } from 'n8n-workflow';

import { CredentialStore, TestCredentialsHelper } from './credentials';
import { CREDENTIAL_TYPES, NODE_TYPES } from './package-types';
import { WebhookServer } from './webhook-server';
import { ActiveWorkflow, type WebhookHost } from './webhook-trigger';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The execution error, if the workflow failed. */
	error: IRun['data']['resultData']['error'];
	/** Workflow static data after the run (pass it to the next run, as n8n persists it). */
	staticData: IDataObject;
}

const nodeTypes = NODE_TYPES;

// The engine logs every node error through its logger; tests read errors from the run instead.
// Run with N8N_LOG_LEVEL=debug to see the engine's log (test/setup-env.js defaults it to silent).
if (process.env.N8N_LOG_LEVEL === 'silent') {
	const quiet = () => undefined;
	LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet } as unknown as Parameters<
		typeof LoggerProxy.init
	>[0]);
}
const credentialTypes = CREDENTIAL_TYPES;

/**
 * The n8n engine in this process: one store of credentials shared by every execution run through
 * it, like n8n's database is shared by its processes.
 */
export class TestN8n implements WebhookHost {
	readonly credentials = new CredentialStore();

	/** n8n's public address for webhooks: started by the first activate(), stopped by stop(). */
	readonly webhookServer = new WebhookServer();

	private readonly helper = new TestCredentialsHelper(this.credentials, credentialTypes);

	/**
	 * Activates a workflow with webhook triggers as n8n does (checkExists, then create, at the provider)
	 * with webhook URLs on a local server; requests to them run the trigger's webhook() and the
	 * executions it starts. Deactivate with the returned object's deactivate().
	 */
	async activate(json: WorkflowJson & { id?: string }, staticData: IDataObject = json.staticData ?? {}): Promise<ActiveWorkflow> {
		await this.webhookServer.start();
		const active = new ActiveWorkflow(this, json, JSON.stringify(staticData));
		await active.activate();
		return active;
	}

	/** Stops the webhook server (active workflows stay registered at their providers). */
	async stop(): Promise<void> {
		await this.webhookServer.stop();
	}

	/**
	 * Runs a workflow through WorkflowExecute: as a manual execution, or (mode 'trigger', with the
	 * items a trigger emitted) the way n8n runs an execution started by a trigger.
	 */
	async run(
		json: WorkflowJson,
		mode: 'manual' | 'trigger' = 'manual',
		trigger?: { node: string; items: INodeExecutionData[] },
	): Promise<RunResult> {
		const id = randomUUID();
		const workflowData = {
			id: 'test-workflow',
			name: json.name ?? 'test',
			active: false,
			nodes: json.nodes,
			connections: json.connections,
			settings: { executionOrder: 'v1' },
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: json.nodes,
			connections: json.connections,
			active: false,
			nodeTypes,
			staticData: structuredClone(json.staticData ?? {}),
			settings: { executionOrder: 'v1' },
		});
		const hooks = new ExecutionLifecycleHooks(mode, id, workflowData);
		const additionalData = this.additionalData(id, hooks);
		const startNode = trigger ? (workflow.getNode(trigger.node) ?? undefined) : undefined;
		const run = await new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode,
			triggerToStartFrom: trigger && {
				name: trigger.node,
				data: {
					startTime: Date.now(),
					executionTime: 0,
					executionIndex: 0,
					source: [],
					data: { main: [trigger.items] },
				},
			},
		});
		return this.resultOf(run, workflow);
	}

	/** @internal the result of a finished run of a workflow. */
	resultOf(run: IRun, workflow: Workflow): RunResult {
		const runData = run.data.resultData.runData;
		return {
			run,
			error: run.data.resultData.error,
			// As n8n stores it: JSON.
			staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
			output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		};
	}

	/**
	 * A workflow with a polling trigger, as if activated: each poll() runs the node's poll with n8n's
	 * real poll context; the static data is kept between polls as n8n persists it (serialized, so a
	 * poller made from the same data behaves like n8n after a restart).
	 */
	poller(json: WorkflowJson, triggerName: string, staticData: IDataObject = {}): Poller {
		return new Poller(this, json, triggerName, JSON.stringify(staticData));
	}

	/** @internal used by Poller */
	async pollOnce(
		json: WorkflowJson,
		triggerName: string,
		staticData: IDataObject,
		mode: 'trigger' | 'manual',
	): Promise<{ items: INodeExecutionData[] | null; staticData: IDataObject }> {
		const workflow = new Workflow({
			id: 'test-workflow',
			name: json.name ?? 'test',
			nodes: json.nodes,
			connections: json.connections,
			active: true,
			nodeTypes,
			staticData,
			settings: { executionOrder: 'v1' },
		});
		const node = workflow.getNode(triggerName);
		if (node === null) throw new Error(`No node named ${triggerName}`);
		const nodeType = nodeTypes.getByNameAndVersion(node.type);
		if (typeof nodeType.poll !== 'function') throw new Error(`${node.type} is not a polling trigger`);
		const hooks = new ExecutionLifecycleHooks(mode, randomUUID(), {} as IWorkflowBase);
		const context = getExecutePollFunctions(workflow, node, this.additionalData(randomUUID(), hooks), mode, 'activate');
		const result = await nodeType.poll.call(context);
		return { items: result?.[0] ?? null, staticData: workflow.staticData as IDataObject };
	}

	/**
	 * What the editor shows in a node's pickers: runs one of the node's `methods.listSearch` or
	 * `methods.loadOptions` with n8n's real load-options context, as the editor does on opening a list.
	 */
	async loadOptions(
		json: WorkflowJson,
		nodeName: string,
		kind: 'listSearch' | 'loadOptions',
		method: string,
		filter?: string,
	): Promise<unknown> {
		const workflow = new Workflow({
			id: 'test-workflow',
			nodes: json.nodes,
			connections: json.connections,
			active: false,
			nodeTypes,
		});
		const node = workflow.getNode(nodeName);
		if (node === null) throw new Error(`No node named ${nodeName}`);
		const nodeType = nodeTypes.getByNameAndVersion(node.type);
		const hooks = new ExecutionLifecycleHooks('manual', randomUUID(), {} as IWorkflowBase);
		const context = new LoadOptionsContext(workflow, node, this.additionalData(randomUUID(), hooks), 'parameters');
		const methods = nodeType.methods?.[kind] as Record<string, (this: unknown, filter?: string) => Promise<unknown>>;
		if (typeof methods?.[method] !== 'function') throw new Error(`${node.type} has no ${kind} method ${method}`);
		return await methods[method].call(context, filter);
	}

	/** @internal what n8n gives every execution context; URLs point at the webhook server once it runs. */
	additionalData(executionId: string, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		const base = this.webhookServer.running ? this.webhookServer.baseUrl : 'http://127.0.0.1';
		return {
			credentialsHelper: this.helper,
			hooks,
			executionId,
			currentNodeExecutionIndex: 0,
			variables: {},
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not supported by the test runner');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => undefined,
			startRunnerTask: async () => {
				throw new Error('Task runners are not supported by the test runner');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}

export class Poller {
	constructor(
		private readonly n8n: TestN8n,
		private readonly json: WorkflowJson,
		private readonly triggerName: string,
		/** The static data as n8n stores it between polls. */
		public storedStaticData: string,
	) {}

	/** One scheduled poll: returns the emitted items (null when nothing is new) and persists static data. */
	async poll(): Promise<INodeExecutionData[] | null> {
		const { items, staticData } = await this.n8n.pollOnce(
			this.json,
			this.triggerName,
			JSON.parse(this.storedStaticData) as IDataObject,
			'trigger',
		);
		this.storedStaticData = JSON.stringify(staticData);
		return items;
	}

	/** The editor's "Fetch Test Event": a manual poll; static data is not persisted. */
	async testPoll(): Promise<INodeExecutionData[] | null> {
		const { items } = await this.n8n.pollOnce(
			this.json,
			this.triggerName,
			JSON.parse(this.storedStaticData) as IDataObject,
			'manual',
		);
		return items;
	}
}
