import type { ICredentialDataDecryptedObject, INodeCredentials } from 'n8n-workflow';

import { TestN8n } from '../runner';
import type { Simulator } from '../simulators/framework';
import type { SandboxProvider } from '../simulators/provider-contract';

export interface ProviderFixtureOptions<S extends Simulator> {
	/** Makes the simulator (default: the provider contract's `create()`), e.g. with other options. */
	simulator?: () => S;
	/**
	 * false (default): one simulator for the whole describe block (beforeAll/afterAll), its log and
	 * faults cleared before each test. true: a fresh simulator for every test (beforeEach/afterEach),
	 * so that state one test adds cannot leak into the next.
	 */
	perTest?: boolean;
	/** Name and id of the stored credential (default: the credential store's own). */
	credential?: { name?: string; id?: string };
	/**
	 * The credential's data: by default the contract's `data(baseUrl)` with its `inTests` changes (for
	 * ProTrack: no login sharing wait). 'as in the sandbox' leaves out `inTests` (tests of concurrent
	 * executions want the credential's defaults); an object is applied on top of the default.
	 */
	credentialData?: ICredentialDataDecryptedObject | 'as in the sandbox';
}

/** What the hooks set up; each field throws when read before its hook has run. */
export interface ProviderFixture<S extends Simulator> {
	/** The running simulator. */
	readonly sim: S;
	/** A fresh n8n for each test, holding the provider's credential for the simulator. */
	readonly n8n: TestN8n;
	/** `{ <credential type>: ... }`: the credential to put on the provider's nodes. */
	readonly credentials: INodeCredentials;
}

/**
 * Registers the jest hooks that run a provider's simulator and, before each test, a new TestN8n holding
 * that provider's credential (from its provider contract) pointing at the simulator; call it at the
 * top of a describe block.
 *
 * The returned object's fields are (re)assigned by those hooks, so read them inside hooks and tests
 * (or functions they call), never at describe time. Hooks a test file registers after this call run
 * after the fixture's (jest runs hooks in registration order), so a later beforeAll can already use
 * `fixture.sim`.
 */
export function useProvider<S extends Simulator>(
	provider: SandboxProvider<S>,
	options: ProviderFixtureOptions<S> = {},
): ProviderFixture<S> {
	let sim: S | undefined;
	let n8n: TestN8n | undefined;
	let credentials: INodeCredentials | undefined;

	const startSimulator = async () => {
		sim = options.simulator ? options.simulator() : provider.create();
		await sim.start();
	};
	const stopSimulator = async () => await sim?.stop();
	const credentialData = (running: S): ICredentialDataDecryptedObject => {
		const base = provider.credential.data(running.baseUrl);
		if (options.credentialData === 'as in the sandbox') return base;
		return { ...base, ...(provider.credential.inTests ?? {}), ...(options.credentialData ?? {}) };
	};
	const newN8n = (running: S) => {
		n8n = new TestN8n();
		const type = provider.credential.type;
		const ref = n8n.credentials.add(type, credentialData(running), options.credential?.name, options.credential?.id);
		credentials = { [type]: ref };
	};

	if (options.perTest) {
		beforeEach(async () => {
			await startSimulator();
			newN8n(sim!);
		});
		afterEach(stopSimulator);
	} else {
		beforeAll(startSimulator);
		afterAll(stopSimulator);
		beforeEach(() => {
			sim!.clearLog();
			sim!.clearFaults();
			newN8n(sim!);
		});
	}

	const unset = (field: string) =>
		new Error(`useProvider: ${field} is set by the fixture's hooks; read it inside a hook or test, not at describe time`);
	return {
		get sim() {
			if (sim === undefined) throw unset('sim');
			return sim;
		},
		get n8n() {
			if (n8n === undefined) throw unset('n8n');
			return n8n;
		},
		get credentials() {
			if (credentials === undefined) throw unset('credentials');
			return credentials;
		},
	};
}
