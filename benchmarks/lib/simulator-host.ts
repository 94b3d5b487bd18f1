/**
 * The simulators of a benchmark run, in a process of their own: their CPU time and memory (answering
 * requests, sending callbacks) must not count as n8n's. The bench drives them over IPC (see
 * simulators.ts): start one, call any of its methods (or read a property), count its logged requests
 * by path, stop it. Started by SimulatorHost with `fork`; not meant to be run by hand.
 */
import type { Simulator } from '../../test/simulators/framework';
import { NavixySimulator } from '../../test/simulators/navixy';
import { Os1Simulator } from '../../test/simulators/os1';
import { ProTrackSimulator } from '../../test/simulators/protrack';

export type SimulatorKind = 'protrack' | 'navixy' | 'os1' | 'thingspace';

export type HostRequest =
	| {
			id: number;
			op: 'start';
			name: string;
			kind: SimulatorKind;
			options: object;
	  }
	| { id: number; op: 'call'; name: string; method: string; args: unknown[] }
	| { id: number; op: 'countByPath'; name: string }
	| { id: number; op: 'stop'; name: string };

export type HostAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** ThingSpace is loaded only when a scenario asks for it (its simulator may be absent in older checkouts). */
function create(kind: SimulatorKind, options: object): Simulator {
	switch (kind) {
		case 'protrack':
			return new ProTrackSimulator(options);
		case 'navixy':
			return new NavixySimulator(options);
		case 'os1':
			return new Os1Simulator(options);
		case 'thingspace': {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { ThingSpaceSimulator } = require('../../test/simulators/thingspace') as {
				ThingSpaceSimulator: new (options: object) => Simulator;
			};
			return new ThingSpaceSimulator(options);
		}
	}
}

const running = new Map<string, Simulator>();

function simulator(name: string): Simulator {
	const found = running.get(name);
	if (found === undefined) throw new Error(`No simulator named ${name} is running`);
	return found;
}

async function serve(request: HostRequest): Promise<unknown> {
	switch (request.op) {
		case 'start': {
			if (running.has(request.name)) throw new Error(`A simulator named ${request.name} is already running`);
			const sim = create(request.kind, request.options);
			running.set(request.name, sim);
			return await sim.start();
		}
		case 'call': {
			const target = simulator(request.name) as unknown as Record<string, unknown>;
			const member = target[request.method];
			return typeof member === 'function' ? await (member as (...args: unknown[]) => unknown).apply(target, request.args) : member;
		}
		case 'countByPath': {
			const counts: Record<string, number> = {};
			for (const entry of simulator(request.name).log) counts[entry.path] = (counts[entry.path] ?? 0) + 1;
			return counts;
		}
		case 'stop': {
			await running.get(request.name)?.stop();
			running.delete(request.name);
			return undefined;
		}
	}
}

process.on('message', (request: HostRequest) => {
	serve(request).then(
		(value) => process.send?.({ id: request.id, ok: true, value } satisfies HostAnswer),
		(error: unknown) =>
			process.send?.({
				id: request.id,
				ok: false,
				error: error instanceof Error ? (error.stack ?? error.message) : String(error),
			} satisfies HostAnswer),
	);
});

process.on('disconnect', () => {
	void Promise.all([...running.values()].map(async (sim) => await sim.stop())).finally(() => process.exit(0));
});
