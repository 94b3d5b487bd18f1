import type { INodeCredentials } from 'n8n-workflow';

import { TestN8n } from '../runner';
import { PROTRACK_DEMO, ProTrackSimulator, type ProTrackOptions } from '../simulators/protrack';

export interface ProTrackFixtureOptions {
	/** Passed to `new ProTrackSimulator(...)`. */
	simulator?: ProTrackOptions;
	/**
	 * false (default): one simulator for the whole describe block (beforeAll/afterAll), its log and
	 * faults cleared before each test. true: a fresh simulator for every test (beforeEach/afterEach),
	 * so that state one test adds cannot leak into the next.
	 */
	perTest?: boolean;
	/** Name and id of the stored credential (default: the credential store's own). */
	credential?: { name?: string; id?: string };
	/**
	 * The credential's Login Sharing Wait. Default 0: a test runs one execution at a time, so nobody else
	 * could log in meanwhile. Tests of concurrent executions use 'credential default' (3 s).
	 */
	loginWaitSeconds?: number | 'credential default';
}

/** What the hooks set up; each field throws when read before its hook has run. */
export interface ProTrackFixture {
	/** The running simulator. */
	readonly sim: ProTrackSimulator;
	/** A fresh n8n for each test, holding the 'proTrackApi' credential for the simulator's demo account. */
	readonly n8n: TestN8n;
	/** `{ proTrackApi: ... }`: the credential to put on ProTrack nodes. */
	readonly credentials: INodeCredentials;
}

/**
 * Registers the jest hooks that run the ProTrack simulator and, before each test, a new TestN8n with a
 * 'proTrackApi' credential for its demo account; call it at the top of a describe block.
 *
 * The returned object's fields are (re)assigned by those hooks, so read them inside hooks and tests
 * (or functions they call), never at describe time. Hooks a test file registers after this call run
 * after the fixture's (jest runs hooks in registration order), so a later beforeAll can already use
 * `fixture.sim`.
 */
export function useProTrack(options: ProTrackFixtureOptions = {}): ProTrackFixture {
	let sim: ProTrackSimulator | undefined;
	let n8n: TestN8n | undefined;
	let credentials: INodeCredentials | undefined;

	const startSimulator = async () => {
		sim = new ProTrackSimulator(options.simulator);
		await sim.start();
	};
	const stopSimulator = async () => await sim?.stop();
	const newN8n = (running: ProTrackSimulator) => {
		n8n = new TestN8n();
		const ref = n8n.credentials.add(
			'proTrackApi',
			{
				baseUrl: running.baseUrl,
				account: PROTRACK_DEMO.account,
				password: PROTRACK_DEMO.password,
				accessToken: '',
				...(options.loginWaitSeconds === 'credential default' ? {} : { loginWaitSeconds: options.loginWaitSeconds ?? 0 }),
			},
			options.credential?.name,
			options.credential?.id,
		);
		credentials = { proTrackApi: ref };
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
		new Error(`useProTrack: ${field} is set by the fixture's hooks; read it inside a hook or test, not at describe time`);
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
