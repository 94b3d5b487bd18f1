/**
 * Starts every provider simulator on a fixed port for manual runs and the sandbox:
 *   npx ts-node --transpile-only test/simulators/start.ts
 * Prints each base URL and its demo credentials; stops cleanly on SIGINT or SIGTERM.
 */
import type { Simulator } from './framework';
import { PROTRACK_DEMO, PROTRACK_SUB_ACCOUNTS, ProTrackSimulator } from './protrack';

export type SimulatorName = 'protrack';

interface SimulatorEntry {
	name: SimulatorName;
	port: number;
	create: () => Simulator;
	credentials: () => string[];
}

/** One entry per provider. Reserved ports: navixy 18102, thingspace 18103, os1 18104. */
const SIMULATORS: readonly SimulatorEntry[] = [
	{
		name: 'protrack',
		port: 18101,
		create: () => new ProTrackSimulator(),
		credentials: () => [
			`account ${PROTRACK_DEMO.account} / password ${PROTRACK_DEMO.password} (distributor, all devices)`,
			...PROTRACK_SUB_ACCOUNTS.map(
				(sub) =>
					`account ${sub.account} / password ${sub.password} (sub-account of ${PROTRACK_DEMO.account})`,
			),
		],
	},
	// { name: 'navixy', port: 18102, create: () => new NavixySimulator(), credentials: () => [...] },
	// { name: 'thingspace', port: 18103, create: () => new ThingSpaceSimulator(), credentials: () => [...] },
	// { name: 'os1', port: 18104, create: () => new Os1Simulator(), credentials: () => [...] },
];

export interface StartOptions {
	/** Port per simulator; 0 picks a free port. */
	ports?: Partial<Record<SimulatorName, number>>;
	host?: string;
}

export interface RunningSimulator {
	name: SimulatorName;
	url: string;
	simulator: Simulator;
	credentials: string[];
}

export interface RunningSimulators {
	simulators: RunningSimulator[];
	stop(): Promise<void>;
}

export async function startAllSimulators(options: StartOptions = {}): Promise<RunningSimulators> {
	const host = options.host ?? '127.0.0.1';
	const running: RunningSimulator[] = [];
	const stop = async (): Promise<void> => {
		await Promise.all(running.map((entry) => entry.simulator.stop()));
	};
	try {
		for (const entry of SIMULATORS) {
			const simulator = entry.create();
			const url = await simulator.start(options.ports?.[entry.name] ?? entry.port, host);
			running.push({ name: entry.name, url, simulator, credentials: entry.credentials() });
		}
	} catch (error) {
		await stop();
		throw error;
	}
	return { simulators: running, stop };
}

async function main(): Promise<void> {
	const { simulators, stop } = await startAllSimulators();
	for (const entry of simulators) {
		console.log(`${entry.name}: ${entry.url}`);
		for (const line of entry.credentials) {
			console.log(`  ${line}`);
		}
	}
	console.log('Press Ctrl+C to stop.');
	const shutdown = (): void => {
		void stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
