/**
 * What a provider's simulator tells the sandbox (`npm run sandbox`, `npm run simulators`) and the
 * end-to-end suite (`npm run test:e2e`). Each provider folder here has a `sandbox.ts` exporting
 * `sandbox: SandboxProvider`; `sandboxProviders()` finds them all, so a new provider is picked up by
 * adding its folder, its `sandbox.ts` and its workflows in examples/ — no change to the suite.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Simulator } from './framework';

/** An item of a node's output, as `n8n execute` prints it (the `json` part). */
export type OutputItem = Record<string, unknown>;
/** Items a node of the run put out (its first output, last run); [] when it did not run. */
export type OutputOf = (nodeName: string) => OutputItem[];

/** An example started by hand (Manual Trigger): `n8n execute` runs it; `check` judges the output. */
export interface ManualExampleCheck<S extends Simulator> {
	kind: 'manual';
	/** What is wrong with the run's output, judged against the simulator's state; [] when all is right. */
	check(output: OutputOf, sim: S): string[];
}

/** An example started by its trigger: activated in a running n8n, it must fire once per event. */
export interface TriggerExampleCheck<S extends Simulator> {
	kind: 'trigger';
	/** Makes the simulator produce events this example's trigger must fire on; returns their keys. */
	fire(sim: S): Promise<string[]> | string[];
	/** The key of the event in one item of the trigger node's output (matches a key `fire` returned). */
	eventKey(item: OutputItem): string;
	/** What is wrong with one execution beyond the trigger's own items (e.g. its message was not sent). */
	check?(output: OutputOf, sim: S): string[];
}

export type ExampleCheck<S extends Simulator> = ManualExampleCheck<S> | TriggerExampleCheck<S>;

export interface SandboxProvider<S extends Simulator = Simulator> {
	/** The folder's name: 'protrack'. */
	name: string;
	/** Fixed port of the simulator in the sandbox and `npm run simulators` (tests use free ports). */
	port: number;
	create(): S;
	/** The credential the examples reference by id, stored in n8n pointing at the running simulator. */
	credential: {
		id: string;
		name: string;
		type: string;
		data(baseUrl: string): ICredentialDataDecryptedObject;
	};
	/** Lines telling a user which accounts the simulator knows. */
	accounts: string[];
	/** For credentials that fetch a token: how many logins the simulator has seen, and how to expire tokens. */
	tokens?: {
		logins(sim: S): number;
		expire(sim: S): void;
	};
	/**
	 * Keeps the simulated devices busy while the sandbox runs (new alarms, devices going offline...),
	 * so that activated trigger examples fire. Returns a function that stops it.
	 */
	live?(sim: S, say: (line: string) => void): () => void;
	/** How to check each workflow of examples/ that uses this credential, by file name without `.json`. */
	examples: Record<string, ExampleCheck<S>>;
}

/** Every provider folder's `sandbox` export, sorted by name. */
export function sandboxProviders(): SandboxProvider[] {
	return readdirSync(__dirname, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.filter((entry) => ['sandbox.ts', 'sandbox.js'].some((file) => existsSync(join(__dirname, entry.name, file))))
		.map((entry) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const loaded = require(join(__dirname, entry.name, 'sandbox')) as { sandbox?: SandboxProvider };
			if (!loaded.sandbox) throw new Error(`test/simulators/${entry.name}/sandbox.ts exports no 'sandbox'`);
			return loaded.sandbox;
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** The parts of a workflow file the discovery reads. */
interface WorkflowFile {
	nodes: Array<{ name: string; type: string; credentials?: Record<string, { id?: string }> }>;
}

export interface SandboxExample {
	/** File name without `.json`. */
	key: string;
	/** The workflow as the file holds it. */
	json: WorkflowFile & Record<string, unknown>;
	/** The provider whose credential it uses, and that provider's check of it. */
	provider: SandboxProvider;
	check: ExampleCheck<Simulator>;
	/** Name of its trigger node when it starts with one of this package's triggers. */
	trigger?: string;
}

/**
 * Every workflow in examples/, with the provider whose credential it uses and that provider's check of it.
 * Fails when an example uses no sandbox credential or its provider declares no check for it.
 */
export function sandboxExamples(providers: SandboxProvider[] = sandboxProviders()): SandboxExample[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const key = file.replace(/\.json$/, '');
			const json = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as SandboxExample['json'];
			const used = new Set(json.nodes.flatMap((node) => Object.values(node.credentials ?? {}).map((ref) => ref.id)));
			const provider = providers.find((candidate) => used.has(candidate.credential.id));
			if (!provider) throw new Error(`examples/${file} uses no sandbox credential (${[...used].join(', ')})`);
			const check = provider.examples[key] as ExampleCheck<Simulator> | undefined;
			if (!check) throw new Error(`test/simulators/${provider.name}/sandbox.ts has no check for examples/${file}`);
			const trigger = json.nodes.find(
				(node) => node.type.startsWith('n8n-nodes-location-tracking.') && node.type.endsWith('Trigger'),
			);
			return { key, json, provider, check, trigger: trigger?.name };
		});
}
