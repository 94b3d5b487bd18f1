/**
 * What a provider's simulator tells the sandbox (`npm run sandbox`, `npm run simulators`) and the
 * end-to-end suite (`npm run test:e2e`). Each provider folder here has a `sandbox.ts` exporting
 * `sandbox: SandboxProvider`; `sandboxProviders()` finds them all, so a new provider is picked up by
 * adding its folder, its `sandbox.ts` and its workflows in examples/ — no change to the suite.
 * Trigger examples are polling (`delivery` 'poll', the default) or webhook ones (`delivery` 'webhook':
 * the simulator sends signed, forged and unsigned callbacks to the URL n8n registered at it).
 * Test-only providers (TEST_ONLY_PROVIDER_DIRS, `testOnly` set) prove the harness with nodes that are
 * never shipped; discovery includes them only when asked ({ testOnly: true }).
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
	/**
	 * For examples that remember something between executions (the workflow's static data): how many
	 * executions to run, one after another, each a fresh one (default 1).
	 */
	runs?: number;
	/** Sets the simulator up before execution `run` (0-based), e.g. moves a vehicle across a fence. */
	prepare?(sim: S, run: number): void | Promise<void>;
	/** What is wrong with the run's output, judged against the simulator's state; [] when all is right. */
	check(output: OutputOf, sim: S, run?: number): string[];
}

/** An example started by its trigger: activated in a running n8n, it must fire once per event. */
interface TriggerCheck<S extends Simulator> {
	kind: 'trigger';
	/**
	 * Makes the simulator produce events this example's trigger must fire on; returns their keys. For a
	 * webhook trigger: sends each event as a correctly signed callback to the URLs registered at the simulator.
	 */
	fire(sim: S): Promise<string[]> | string[];
	/** The key of the event in one item of the trigger node's output (matches a key `fire` returned). */
	eventKey(item: OutputItem): string;
	/** What is wrong with one execution beyond the trigger's own items (e.g. its message was not sent). */
	check?(output: OutputOf, sim: S): string[];
}

/** A polling trigger (`polling: true`): n8n polls it on its Poll Times (every minute in the examples). */
export interface PollingTriggerExampleCheck<S extends Simulator> extends TriggerCheck<S> {
	delivery?: 'poll';
}

/** One callback the simulator sent to n8n, and what n8n answered. */
export interface CallbackRecord {
	/**
	 * signed: a valid signature; forged: a signature that does not match; unsigned: no signature header;
	 * repeated: a signed callback sent again byte for byte (a provider's retry).
	 */
	kind: 'signed' | 'forged' | 'unsigned' | 'repeated';
	url: string;
	/** The key of the event it carried (as eventKey reads it from an item). */
	eventKey: string;
	/** HTTP status n8n answered; 0 when it did not answer. */
	status: number;
}

/**
 * A webhook trigger: activation registers n8n's webhook URL at the simulator (webhookMethods create),
 * deactivation removes it (delete), and the simulator POSTs signed callbacks to it. Events arrive without
 * any poll, so each must start exactly one execution at once; callbacks with a forged or no signature
 * must be answered 401 and start nothing.
 */
export interface WebhookTriggerExampleCheck<S extends Simulator> extends TriggerCheck<S> {
	delivery: 'webhook';
	/**
	 * For providers with no API to register a webhook (OS1: the user pastes the trigger's URL into the
	 * callback of a Create Track call): after activation the suite hands over the production webhook
	 * URLs of the active trigger, as the user would. Triggers that register themselves leave it out;
	 * for those, deactivation must remove the registration, for these n8n must answer 404 afterwards.
	 */
	connect?(sim: S, webhookUrls: string[]): Promise<void> | void;
	/** The callback URLs registered at the simulator now (one per active trigger of this example). */
	registered(sim: S): string[];
	/**
	 * Sends callbacks n8n must refuse to every registered URL: at least one with a forged signature and one
	 * unsigned, each carrying an event of its own (a key `fire` never returns). Returns what n8n answered.
	 */
	sendInvalid(sim: S): Promise<CallbackRecord[]>;
	/**
	 * Sends again, byte for byte with the same signature, callbacks already delivered signed (as a
	 * provider retries): n8n must answer 200 and start no second execution. Returns what n8n answered.
	 */
	sendRepeated(sim: S): Promise<CallbackRecord[]>;
	/** Every callback sent so far (signed, forged, unsigned) with n8n's answers. */
	callbacks(sim: S): CallbackRecord[];
}

export type TriggerExampleCheck<S extends Simulator> = PollingTriggerExampleCheck<S> | WebhookTriggerExampleCheck<S>;

/** Whether a trigger example's trigger is a webhook (not a polling) trigger. */
export function isWebhookCheck<S extends Simulator>(check: ExampleCheck<S>): check is WebhookTriggerExampleCheck<S> {
	return check.kind === 'trigger' && check.delivery === 'webhook';
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
		/**
		 * What the in-process workflow tests change in that data (test/workflows/provider-fixture.ts), e.g.
		 * no login sharing wait: those tests run one execution at a time.
		 */
		inTests?: ICredentialDataDecryptedObject;
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
	/**
	 * Set for providers that exist only to test the harness (test/webhook-demo): they are never in the
	 * sandbox, `npm run simulators`, examples/ or the shipped package, only where discovery is asked for
	 * them ({ testOnly: true }: the in-process tests that want them and the e2e triggers suite).
	 */
	testOnly?: {
		/** Folder holding its example workflows (instead of examples/). */
		examplesDir: string;
		/** The community package its nodes come in, by TypeScript source (compiled at test time for a real n8n). */
		package: TestOnlyPackage;
	};
}

/** A community package that exists only in the tests. */
export interface TestOnlyPackage {
	/** Must start with `n8n-nodes-` (n8n loads only such packages); node types are `<name>.<node>`. */
	name: string;
	/** Node class files, relative to the repository root; each exports a class named as the file. */
	nodes: string[];
	credentials: string[];
}

export interface DiscoveryOptions {
	/** Also the test-only providers (TEST_ONLY_PROVIDER_DIRS) and their examples; off by default. */
	testOnly?: boolean;
}

/** Folders of test-only providers, each with a sandbox.ts like a provider folder here. */
export const TEST_ONLY_PROVIDER_DIRS = [join(__dirname, '..', 'webhook-demo')];

/** Every provider folder's `sandbox` export, sorted by name; test-only providers only when asked for. */
export function sandboxProviders(options: DiscoveryOptions = {}): SandboxProvider[] {
	const folders = readdirSync(__dirname, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(__dirname, entry.name))
		.filter((dir) => ['sandbox.ts', 'sandbox.js'].some((file) => existsSync(join(dir, file))));
	const testOnly = options.testOnly ? TEST_ONLY_PROVIDER_DIRS : [];
	return [...folders, ...testOnly]
		.map((dir) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const loaded = require(join(dir, 'sandbox')) as { sandbox?: SandboxProvider };
			if (!loaded.sandbox) throw new Error(`${dir}/sandbox.ts exports no 'sandbox'`);
			if (Boolean(loaded.sandbox.testOnly) !== testOnly.includes(dir)) {
				throw new Error(`${dir}/sandbox.ts: only the folders in TEST_ONLY_PROVIDER_DIRS may be (and must be) testOnly`);
			}
			return loaded.sandbox;
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
const SHIPPED_PACKAGE = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string }).name;

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
 * Every workflow in examples/ (and in the examples folder of each test-only provider given), with the
 * provider whose credential it uses and that provider's check of it. Fails when an example uses no
 * sandbox credential or its provider declares no check for it.
 */
export function sandboxExamples(providers: SandboxProvider[] = sandboxProviders()): SandboxExample[] {
	const folders = [EXAMPLES_DIR, ...providers.flatMap((provider) => (provider.testOnly ? [provider.testOnly.examplesDir] : []))];
	const packages = new Set([SHIPPED_PACKAGE, ...providers.flatMap((provider) => (provider.testOnly ? [provider.testOnly.package.name] : []))]);
	return folders.flatMap((folder) =>
		readdirSync(folder)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => {
				const key = file.replace(/\.json$/, '');
				const json = JSON.parse(readFileSync(join(folder, file), 'utf8')) as SandboxExample['json'];
				const used = new Set(json.nodes.flatMap((node) => Object.values(node.credentials ?? {}).map((ref) => ref.id)));
				const provider = providers.find((candidate) => used.has(candidate.credential.id));
				if (!provider) throw new Error(`${join(folder, file)} uses no sandbox credential (${[...used].join(', ')})`);
				const check = provider.examples[key] as ExampleCheck<Simulator> | undefined;
				if (!check) throw new Error(`The sandbox.ts of ${provider.name} has no check for ${join(folder, file)}`);
				const trigger = json.nodes.find((node) => {
					const dot = node.type.lastIndexOf('.');
					return packages.has(node.type.slice(0, dot)) && node.type.endsWith('Trigger');
				});
				return { key, json, provider, check, trigger: trigger?.name };
			}),
	);
}
