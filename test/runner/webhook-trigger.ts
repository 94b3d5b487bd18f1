/**
 * A workflow with webhook triggers, active in the in-process n8n, following n8n's own path (packages/cli
 * ActiveWorkflowManager.addWebhooks, WebhookService, webhook-helpers.executeWebhook):
 * - activation runs each webhook's `webhookMethods.<name>.checkExists`, then `create` when it said
 *   false, through n8n-core's HookContext (mode 'trigger', activation 'activate'), with the webhook URL
 *   on the runner's local server; deactivation runs `delete` (mode 'internal', activation 'update');
 * - a request to a registered path runs the node's `webhook()` through n8n-core's WebhookContext with
 *   the request and response objects; n8n's answer follows (the node's own for `noWebhookResponse`,
 *   otherwise 200 with `Workflow was started` / `Webhook call received`), and returned workflowData
 *   starts an execution in mode 'webhook' with WorkflowExecute, recorded for the test;
 * - the workflow static data is kept serialized between calls, as n8n persists it.
 */
import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	CloseFunction,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, isNodeClassInstance, NodeHelpers, resolveWebhookDescriptionField, Workflow } from 'n8n-workflow';

import { NODE_TYPES } from './package-types';
import type { RunResult, WorkflowJson } from './run-workflow';
import { onResponseEnd, type WebhookRequest, type WebhookResponse, type WebhookServer } from './webhook-server';

/** What the active workflow needs from the engine (TestN8n). */
export interface WebhookHost {
	readonly webhookServer: WebhookServer;
	additionalData(executionId: string, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData;
	resultOf(run: IRun, workflow: Workflow): RunResult;
}

/** One HTTP request the webhook endpoint answered. */
export interface WebhookCall {
	seq: number;
	node: string;
	/** What n8n did with it. */
	outcome: 'execution started' | 'received, no execution' | 'answered by the node' | 'error';
	status: number;
	responseBody: string;
	error?: string;
}

/** An execution a webhook call started, once it finished. */
export interface WebhookExecution {
	id: string;
	/** The call (seq) that started it and the items the trigger emitted. */
	call: number;
	items: INodeExecutionData[];
	result: RunResult;
}

interface Registration {
	node: string;
	method: string;
	path: string;
	description: IWebhookDescription;
}


export class ActiveWorkflow {
	readonly calls: WebhookCall[] = [];
	private readonly finished: WebhookExecution[] = [];
	private readonly running = new Set<Promise<unknown>>();
	/** Executions the engine could not run at all (a failed workflow is a finished execution with an error). */
	private readonly failures: string[] = [];
	private registrations: Registration[] = [];
	private sequence = 0;

	constructor(
		private readonly host: WebhookHost,
		private readonly json: WorkflowJson & { id?: string },
		/** The static data as n8n stores it. */
		public storedStaticData: string,
	) {}

	/** Every activation is a workflow of its own, as in n8n (what a trigger remembers is per workflow). */
	private readonly ownId = `test-workflow-${randomUUID()}`;

	get id(): string {
		return this.json.id ?? this.ownId;
	}

	/** The workflow static data as stored now. */
	get staticData(): IDataObject {
		return JSON.parse(this.storedStaticData) as IDataObject;
	}

	/** The production URL of a webhook trigger (the only one when no name is given). */
	webhookUrl(nodeName?: string): string {
		const found = this.registrations.filter((entry) => nodeName === undefined || entry.node === nodeName);
		if (found.length === 0) throw new Error(`No active webhook${nodeName ? ` on ${nodeName}` : ''}`);
		return `${this.host.webhookServer.baseUrl}/webhook/${found[0].path}`;
	}

	/** Registers every webhook at its provider (checkExists, then create) and serves its path. */
	async activate(): Promise<void> {
		if (this.registrations.length > 0) throw new Error('The workflow is already active');
		const workflow = this.workflow();
		const added: Registration[] = [];
		try {
			for (const registration of this.webhooksOf(workflow)) {
				// As n8n: the path is served before the provider is asked to register it (some providers
				// call the URL while registering it).
				this.host.webhookServer.register(registration.method, registration.path, async (req, res) => {
					await this.receive(registration, req, res);
				});
				added.push(registration);
				const data = this.webhookData(workflow, registration, randomUUID());
				if (!(await this.runMethod('checkExists', workflow, data, 'trigger', 'activate'))) {
					await this.runMethod('create', workflow, data, 'trigger', 'activate');
				}
			}
		} catch (error) {
			// As n8n: a failed activation removes what was registered so far.
			for (const registration of added) this.host.webhookServer.unregister(registration.method, registration.path);
			for (const registration of added) {
				await this.runMethod('delete', workflow, this.webhookData(workflow, registration, randomUUID()), 'internal', 'update').catch(() => undefined);
			}
			this.save(workflow);
			throw error;
		}
		this.registrations = added;
		this.save(workflow);
	}

	/** Stops serving the paths and removes the webhooks at the provider (delete). */
	async deactivate(): Promise<void> {
		const workflow = this.workflow();
		const registrations = this.registrations;
		this.registrations = [];
		for (const registration of registrations) {
			this.host.webhookServer.unregister(registration.method, registration.path);
			await this.runMethod('delete', workflow, this.webhookData(workflow, registration, randomUUID()), 'internal', 'update');
		}
		this.save(workflow);
	}

	/** Every execution started so far, once all of them finished. */
	async executions(): Promise<WebhookExecution[]> {
		while (this.running.size > 0) await Promise.allSettled([...this.running]);
		if (this.failures.length > 0) throw new Error(this.failures.join('\n'));
		return [...this.finished].sort((a, b) => a.call - b.call);
	}

	/** Waits until at least `count` executions finished (or fails after `timeoutMs`). */
	async waitForExecutions(count: number, timeoutMs = 10_000): Promise<WebhookExecution[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.finished.length < count) {
			if (Date.now() > deadline) throw new Error(`Expected ${count} executions, ${this.finished.length} finished`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return await this.executions();
	}

	private workflow(storedStaticData = this.storedStaticData): Workflow {
		return new Workflow({
			id: this.id,
			name: this.json.name ?? 'test',
			nodes: this.json.nodes,
			connections: this.json.connections,
			active: true,
			nodeTypes: NODE_TYPES,
			staticData: JSON.parse(storedStaticData) as IDataObject,
			settings: { executionOrder: 'v1' },
		});
	}

	/** As n8n's saveStaticData: written back only when the node changed it (so parallel calls do not undo each other). */
	private save(workflow: Workflow): void {
		const staticData = workflow.staticData as IDataObject;
		if (staticData.__dataChanged !== true) return;
		this.storedStaticData = JSON.stringify(staticData);
		staticData.__dataChanged = false;
	}

	private workflowBase(): IWorkflowBase {
		const { nodes, connections } = this.json;
		const now = new Date();
		return { id: this.id, name: this.json.name ?? 'test', active: true, nodes, connections, settings: { executionOrder: 'v1' }, createdAt: now, updatedAt: now } as unknown as IWorkflowBase;
	}

	/** The webhooks n8n would register for this workflow (WebhookService.getNodeWebhooks). */
	private webhooksOf(workflow: Workflow): Registration[] {
		const registrations: Registration[] = [];
		for (const node of Object.values(workflow.nodes)) {
			const descriptions = NODE_TYPES.getByNameAndVersion(node.type).description.webhooks;
			if (node.disabled === true || descriptions === undefined) continue;
			for (const description of descriptions.filter((entry) => entry.restartWebhook !== true)) {
				const field = (name: string, fallback: unknown) => {
					const native = resolveWebhookDescriptionField(node, description, name);
					if (native.resolved) return native.value ?? fallback;
					const raw = (description as unknown as Record<string, string | undefined>)[name];
					if (raw === undefined) return fallback;
					return workflow.expression.getSimpleParameterValue(node, raw, 'internal', {}, undefined, fallback as never);
				};
				const responseMode = String(field('responseMode', 'onReceived'));
				if (responseMode !== 'onReceived') {
					throw new Error(`${node.name}: the test runner serves responseMode onReceived only, not ${responseMode}`);
				}
				const nodePath = String(field('path', '')).trim().replace(/^\/+|\/+$/g, '');
				const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, nodePath, field('isFullPath', false) === true);
				for (const method of String(field('httpMethod', 'GET')).split(',').map((entry) => entry.trim()).filter(Boolean)) {
					registrations.push({ node: node.name, method, path, description });
				}
			}
		}
		return registrations;
	}

	private webhookData(workflow: Workflow, registration: Registration, executionId: string, extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWebhookData {
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, this.workflowBase());
		return {
			httpMethod: registration.method as IWebhookData['httpMethod'],
			node: registration.node,
			path: registration.path,
			webhookDescription: registration.description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: { ...this.host.additionalData(executionId, hooks), ...extra },
		};
	}

	/** WebhookService.runWebhookMethod: one of checkExists/create/delete with n8n-core's HookContext. */
	private async runMethod(
		method: 'checkExists' | 'create' | 'delete',
		workflow: Workflow,
		data: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const node = workflow.getNode(data.node) as INode;
		const fn = NODE_TYPES.getByNameAndVersion(node.type).webhookMethods?.[data.webhookDescription.name]?.[method];
		if (fn === undefined) return undefined;
		return await fn.call(new HookContext(workflow, node, data.workflowExecuteAdditionalData, mode, activation, data));
	}

	/** webhook-helpers.executeWebhook for an onReceived webhook. */
	private async receive(registration: Registration, req: WebhookRequest, res: WebhookResponse): Promise<void> {
		const call: WebhookCall = { seq: ++this.sequence, node: registration.node, outcome: 'error', status: 0, responseBody: '' };
		this.calls.push(call);
		onResponseEnd(res, (status, body) => {
			call.status = status;
			call.responseBody = body;
		});
		const workflow = this.workflow();
		const node = workflow.getNode(registration.node) as INode;
		const executionId = randomUUID();
		const data = this.webhookData(workflow, registration, executionId, { httpRequest: req as never, httpResponse: res as never });
		const closeFunctions: CloseFunction[] = [];
		const context = new WebhookContext(workflow, node, data.workflowExecuteAdditionalData, 'webhook', data, closeFunctions, null);
		let result: IWebhookResponseData;
		// What the execution's copy of the static data will be (see below), as stored before webhook() ran.
		const storedBefore = this.storedStaticData;
		try {
			// As n8n's WebhookService: a node written as a class of the Node API gets the context as argument.
			const nodeType = NODE_TYPES.getByNameAndVersion(node.type);
			result = isNodeClassInstance(nodeType) ? await nodeType.webhook!(context) : await nodeType.webhook!.call(context);
		} catch (error) {
			call.error = error instanceof Error ? error.message : String(error);
			if (!res.headersSent) res.status(500).json({ code: 0, message: 'Error in workflow', hint: call.error });
			return;
		} finally {
			await Promise.allSettled(closeFunctions.map(async (close) => await close()));
		}
		// n8n 2.40 saves what webhook() changed in the static data when it answers the call. A node that
		// answered itself (noWebhookResponse) is answered, and so saved, before the execution starts and loads
		// the static data; otherwise the execution loads the copy stored before the save and writes it back
		// when it ends, undoing webhook()'s change (seen in a real n8n 2.40.7, e2e).
		const answeredFirst = result.noWebhookResponse === true;
		if (answeredFirst || result.workflowData === undefined) this.save(workflow);
		const responseCode = Number(registration.description.responseCode ?? 200) || 200;
		if (result.workflowData === undefined) {
			call.outcome = result.noWebhookResponse === true ? 'answered by the node' : 'received, no execution';
			if (result.noWebhookResponse !== true) {
				res.status(responseCode).send(result.webhookResponse ?? { message: 'Webhook call received' });
			}
			return;
		}
		call.outcome = 'execution started';
		const executionWorkflow = answeredFirst ? this.workflow() : this.workflow(storedBefore);
		const webhookWorkflow = workflow;
		const started = this.execute(executionWorkflow, node, result.workflowData, executionId, call.seq, () => {
			if (!answeredFirst) {
				this.save(webhookWorkflow);
				// The execution's end writes its (older) copy back.
				this.storedStaticData = JSON.stringify(executionWorkflow.staticData);
			}
		}).catch((error: unknown) => {
			this.failures.push(`execution of call ${call.seq}: ${error instanceof Error ? error.stack : String(error)}`);
		});
		this.running.add(started);
		void started.finally(() => this.running.delete(started));
		if (result.noWebhookResponse !== true && !res.headersSent) {
			res.status(responseCode).send(result.webhookResponse ?? { message: 'Workflow was started' });
		}
	}

	/** The execution a webhook starts: its node on the stack with the emitted items (prepareExecutionData). */
	private async execute(
		workflow: Workflow,
		node: INode,
		main: INodeExecutionData[][],
		executionId: string,
		call: number,
		ended: () => void,
	): Promise<void> {
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, this.workflowBase());
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main }, source: null }] },
		});
		const run = await new WorkflowExecute(this.host.additionalData(executionId, hooks), 'webhook', runExecutionData).processRunExecutionData(workflow);
		this.save(workflow);
		ended();
		this.finished.push({ id: executionId, call, items: main[0] ?? [], result: this.host.resultOf(run, workflow) });
	}
}
