/**
 * The sandbox stack: every provider's simulator, one real n8n with this package installed, a credential
 * per provider pointing at its simulator, and every workflow of examples/. The sandbox and each e2e
 * test file build their own. Providers come from test/simulators/<provider>/sandbox.ts, workflows from
 * examples/: adding either needs no change here. With `testOnly`, the test-only providers (test/webhook-demo)
 * join: their simulators, credentials and examples, and their nodes as a second community package
 * compiled for this stack only.
 */
import { createHash } from 'node:crypto';

import type { Simulator } from '../../test/simulators/framework';
import { sandboxExamples, type SandboxExample, type SandboxProvider } from '../../test/simulators/provider-contract';
import { startAllSimulators } from '../../test/simulators/start';
import { buildTestOnlyPackage, type BuiltTestPackage } from './communityPackage';
import { N8n, type StoredCredential, type WorkflowJson } from './n8n';
import type { Runtime } from './runtime';

export interface Example extends SandboxExample {
	/** The id it is imported under (derived from its key, stable across runs). */
	id: string;
	json: WorkflowJson;
}

/** A stable n8n workflow id for an example: 16 letters and digits. */
export function workflowIdFor(key: string): string {
	return `ex${createHash('sha256').update(key).digest('hex').slice(0, 14)}`;
}

/** Every workflow in examples/ with its provider and check (see sandboxExamples), and the id it is imported under. */
export function loadExamples(providers?: SandboxProvider[]): Example[] {
	return sandboxExamples(providers).map((example) => {
		const id = workflowIdFor(example.key);
		return { ...example, id, json: { ...(example.json as unknown as WorkflowJson), id } };
	});
}

export interface RunningProvider {
	provider: SandboxProvider;
	sim: Simulator;
}

export interface StackOptions {
	runtime: Runtime;
	/** Names log files. */
	name: string;
	artifacts: string;
	/** true: each simulator on its provider's fixed sandbox port; false (tests): free ports. */
	fixedPorts?: boolean;
	n8nPort?: number;
	/** Extra n8n environment (queue mode, database). */
	env?: NodeJS.ProcessEnv;
	/** Also the test-only providers and their package (e2e triggers suite only; never the sandbox). */
	testOnly?: boolean;
	/** Queue mode with an `n8n webhook` process receiving production webhooks (see N8nOptions). */
	webhookProcess?: boolean;
}

export class Stack {
	private constructor(
		readonly n8n: N8n,
		readonly providers: RunningProvider[],
		readonly examples: Example[],
		private readonly stopSimulators: () => Promise<void>,
		private readonly testPackages: BuiltTestPackage[] = [],
	) {}

	/** Starts the simulators and prepares n8n (credentials and examples imported); n8n itself is not started. */
	static async create(options: StackOptions): Promise<Stack> {
		const simulators = await startAllSimulators({ freePorts: !options.fixedPorts, testOnly: options.testOnly === true });
		const providers = simulators.simulators.map(({ provider, simulator }) => ({ provider, sim: simulator }));
		const testPackages: BuiltTestPackage[] = [];
		try {
			for (const { provider } of providers) {
				if (provider.testOnly) testPackages.push(await buildTestOnlyPackage(provider.testOnly.package));
			}
			const n8n = await N8n.create({
				runtime: options.runtime,
				name: options.name,
				artifacts: options.artifacts,
				port: options.n8nPort,
				env: options.env,
				extraPackages: testPackages,
				webhookProcess: options.webhookProcess,
			});
			const examples = loadExamples(providers.map((running) => running.provider));
			await n8n.importCredentials(providers.map(({ provider, sim }) => credentialFor(provider, sim)));
			await n8n.importWorkflows(examples.map((example) => example.json));
			return new Stack(n8n, providers, examples, simulators.stop, testPackages);
		} catch (error) {
			await simulators.stop();
			for (const built of testPackages) built.remove();
			throw error;
		}
	}

	simulatorOf(provider: SandboxProvider): Simulator {
		return this.providers.find((running) => running.provider === provider)!.sim;
	}

	async stop(): Promise<void> {
		await this.n8n.stop();
		await this.stopSimulators();
		for (const built of this.testPackages) built.remove();
	}
}

/** The provider's demo credential, as `n8n import:credentials` takes it. */
export function credentialFor(provider: SandboxProvider, sim: Simulator): StoredCredential {
	return {
		id: provider.credential.id,
		name: provider.credential.name,
		type: provider.credential.type,
		data: provider.credential.data(sim.baseUrl),
	};
}
