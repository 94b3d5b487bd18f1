/**
 * The sandbox stack: every provider's simulator, one real n8n with this package installed, a credential
 * per provider pointing at its simulator, and every workflow of examples/. The sandbox and each e2e
 * test file build their own. Providers come from test/simulators/<provider>/sandbox.ts, workflows from
 * examples/: adding either needs no change here.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Simulator } from '../../test/simulators/framework';
import { sandboxProviders, type ExampleCheck, type SandboxProvider } from '../../test/simulators/sandbox';
import { N8n, type StoredCredential, type WorkflowJson } from './n8n';
import { REPO_DIR, type Runtime } from './runtime';

export const EXAMPLES_DIR = join(REPO_DIR, 'examples');

export interface Example {
	/** File name without `.json`. */
	key: string;
	/** The id it is imported under (derived from its key, stable across runs). */
	id: string;
	json: WorkflowJson;
	provider: SandboxProvider;
	check: ExampleCheck<Simulator>;
	/** Name of its trigger node when it starts with one of this package's triggers. */
	trigger?: string;
}

/** A stable n8n workflow id for an example: 16 letters and digits. */
export function workflowIdFor(key: string): string {
	return `ex${createHash('sha256').update(key).digest('hex').slice(0, 14)}`;
}

/**
 * Every workflow in examples/, with the provider whose credential it uses and that provider's check of it.
 * Fails when an example uses no sandbox credential or its provider declares no check for it.
 */
export function loadExamples(providers: SandboxProvider[] = sandboxProviders()): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const key = file.replace(/\.json$/, '');
			const json = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			const used = new Set(
				json.nodes.flatMap((node) =>
					Object.values((node.credentials ?? {}) as Record<string, { id?: string }>).map((ref) => ref.id),
				),
			);
			const provider = providers.find((candidate) => used.has(candidate.credential.id));
			if (!provider) throw new Error(`examples/${file} uses no sandbox credential (${[...used].join(', ')})`);
			const check = provider.examples[key];
			if (!check) throw new Error(`test/simulators/${provider.name}/sandbox.ts has no check for examples/${file}`);
			const trigger = json.nodes.find((node) => node.type.startsWith('n8n-nodes-location-tracking.') && node.type.endsWith('Trigger'));
			return { key, id: workflowIdFor(key), json: { ...json, id: workflowIdFor(key) }, provider, check, trigger: trigger?.name };
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
}

export class Stack {
	private constructor(
		readonly n8n: N8n,
		readonly providers: RunningProvider[],
		readonly examples: Example[],
	) {}

	/** Starts the simulators and prepares n8n (credentials and examples imported); n8n itself is not started. */
	static async create(options: StackOptions): Promise<Stack> {
		const providers: RunningProvider[] = [];
		try {
			for (const provider of sandboxProviders()) {
				const sim = provider.create();
				await sim.start(options.fixedPorts ? provider.port : 0);
				providers.push({ provider, sim });
			}
			const n8n = await N8n.create({
				runtime: options.runtime,
				name: options.name,
				artifacts: options.artifacts,
				port: options.n8nPort,
				env: options.env,
			});
			const examples = loadExamples(providers.map((running) => running.provider));
			await n8n.importCredentials(providers.map(({ provider, sim }) => credentialFor(provider, sim)));
			await n8n.importWorkflows(examples.map((example) => example.json));
			return new Stack(n8n, providers, examples);
		} catch (error) {
			await Promise.all(providers.map(({ sim }) => sim.stop()));
			throw error;
		}
	}

	simulatorOf(provider: SandboxProvider): Simulator {
		return this.providers.find((running) => running.provider === provider)!.sim;
	}

	async stop(): Promise<void> {
		await this.n8n.stop();
		await Promise.all(this.providers.map(({ sim }) => sim.stop()));
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
