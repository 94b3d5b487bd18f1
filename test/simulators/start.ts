/**
 * Starts every provider simulator on a fixed port for manual runs and the sandbox:
 *   npx ts-node --transpile-only test/simulators/start.ts
 * Prints each base URL and its demo credentials; stops cleanly on SIGINT or SIGTERM.
 */
import type { Simulator } from './framework';
import { sandboxProviders, type SandboxProvider } from './provider-contract';

export interface StartOptions {
	/** true: free ports (tests); default: each provider's fixed sandbox port. */
	freePorts?: boolean;
	host?: string;
	/** Also the test-only providers (e2e triggers suite); never in `npm run simulators` or the sandbox. */
	testOnly?: boolean;
}

export interface RunningSimulator {
	name: string;
	url: string;
	simulator: Simulator;
	provider: SandboxProvider;
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
		for (const provider of sandboxProviders({ testOnly: options.testOnly === true })) {
			const simulator = provider.create();
			const url = await simulator.start(options.freePorts ? 0 : provider.port, host);
			running.push({ name: provider.name, url, simulator, provider });
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
		for (const line of entry.provider.accounts) {
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
