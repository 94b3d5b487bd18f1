/**
 * Scenario 4: Navixy at 500 trackers. (a) The state of 500 trackers, one input item each:
 * tracker/get_states takes 2,000 trackers, so the minimum is 1 request. (b) The Tracker State Changed
 * trigger over the same 500 trackers: activation and 10 polls, 25 trackers changing their connection
 * status before each poll; the minimum is one get_states per poll (11). The credential is the API key
 * (Navixy's recommended way): no login at all.
 */
import type { IDataObject } from 'n8n-workflow';

import { chain, itemsInto, node, packageNodeType, type RunResult } from '../../test/runner';
import { NAVIXY_DEMO_KEY } from '../../test/simulators/navixy';
import { sandbox as navixy } from '../../test/simulators/navixy/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import { jsonBytes, type Outcome } from '../lib/measure';
import type { Row } from '../lib/report';
import { expectCount, itemsOutcome, measureFlows, outputOf, withCredential, type Bench, type Scenario } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';

const TRACKERS = 500;
const POLLS = 10;
const FLIPS_PER_POLL = 25;
const LOGIN_PATHS = ['/user/auth'];

async function packageStates(bench: Bench, sim: RemoteSimulator, ids: number[]): Promise<Outcome> {
	const { n8n, credentials } = withCredential(bench, navixy, sim.baseUrl);
	const target = node(
		'Navixy',
		packageNodeType('navixy'),
		{
			resource: 'state',
			operation: 'get',
			trackerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
		credentials,
	);
	const result = await n8n.run(
		itemsInto(
			ids.map((id) => ({ id })),
			target,
		),
	);
	const items = outputOf(result, 'Navixy');
	expectCount('Navixy states', items.filter((item) => item.json.location !== undefined).length, ids.length);
	return { ...itemsOutcome(items, ids.length), retain: result };
}

async function baselineStates(bench: Bench, sim: RemoteSimulator, ids: number[]): Promise<Outcome> {
	const workflow = baselineWorkflow(
		'navixy-states',
		{ BASE_URL: sim.baseUrl, API_KEY: NAVIXY_DEMO_KEY },
		ids.map((id) => ({ id })),
	);
	const result = await bench.engine.n8n().run(workflow);
	const items = outputOf(result, 'Parse');
	expectCount('baseline states', items.filter((item) => item.json.error === undefined).length, ids.length);
	return { ...itemsOutcome(items, ids.length), retain: result };
}

/** Before each poll, 25 trackers not flipped yet in this run go offline (or back to active). */
async function flip(sim: RemoteSimulator, ids: number[], poll: number): Promise<void> {
	await Promise.all(
		ids.slice((poll - 1) * FLIPS_PER_POLL, poll * FLIPS_PER_POLL).map(async (id) => {
			const current = (await sim.call<{ connection_status: string }>('state', id)).connection_status;
			await sim.call('setState', id, {
				connection_status: current === 'offline' ? 'active' : 'offline',
			});
		}),
	);
}

/** The changes the polls emitted: at least the 250 flips (a tracker may also change by itself). */
function changesOutcome(batches: IDataObject[][]): Outcome {
	const changes = batches.flat();
	if (changes.length < POLLS * FLIPS_PER_POLL)
		throw new Error(`Expected at least ${POLLS * FLIPS_PER_POLL} changes, got ${changes.length}`);
	return {
		items: TRACKERS * POLLS,
		outputBytes: jsonBytes(changes),
		extra: { changes: changes.length },
		retain: batches,
	};
}

async function packageTrigger(bench: Bench, sim: RemoteSimulator, ids: number[]): Promise<Outcome> {
	const { n8n, credentials } = withCredential(bench, navixy, sim.baseUrl);
	const parameters = {
		event: 'trackerStateChanged',
		trackers: 'selected',
		trackerIds: ids.join(','),
		watch: ['connectionStatus'],
	};
	const poller = n8n.poller(chain(node('Navixy Trigger', packageNodeType('navixyTrigger'), parameters, credentials)), 'Navixy Trigger');
	await poller.poll();
	const batches: IDataObject[][] = [];
	for (let poll = 1; poll <= POLLS; poll++) {
		await flip(sim, ids, poll);
		batches.push(((await poller.poll()) ?? []).map((item) => item.json));
	}
	return changesOutcome(batches);
}

async function baselineTrigger(bench: Bench, sim: RemoteSimulator, ids: number[]): Promise<Outcome> {
	const workflow = baselineWorkflow('navixy-state-changes', {
		BASE_URL: sim.baseUrl,
		API_KEY: NAVIXY_DEMO_KEY,
		TRACKER_IDS: ids.join(','),
	});
	const n8n = bench.engine.n8n();
	const stored = (result: RunResult) => JSON.parse(JSON.stringify(result.staticData)) as IDataObject;
	let staticData = stored(await n8n.run(workflow));
	const batches: IDataObject[][] = [];
	for (let poll = 1; poll <= POLLS; poll++) {
		await flip(sim, ids, poll);
		const result = await n8n.run({ ...workflow, staticData });
		batches.push(outputOf(result, 'Changes').map((item) => item.json));
		staticData = stored(result);
	}
	return changesOutcome(batches);
}

export const navixyFleet: Scenario = {
	id: 'navixy',
	title: '4. Navixy: 500 trackers',
	async run(bench, latencies) {
		const sim = await bench.host.start('navixy', 'navixy', {
			trackerCount: TRACKERS + 20,
		});
		const ids = (await sim.call<number[]>('trackerIds', 'regular')).slice(0, TRACKERS);
		expectCount('regular trackers', ids.length, TRACKERS);
		const context = {
			sim,
			loginPaths: LOGIN_PATHS,
			runnerPid: bench.engine.runnerPid(),
		};
		const states: Row[] = [];
		const trigger: Row[] = [];
		for (const [pass, latencyMs] of latencies.entries()) {
			await sim.setLatency(latencyMs);
			const warmUp = pass === 0;
			states.push(
				...(await measureFlows(
					context,
					latencyMs,
					[
						{
							flow: 'package',
							minimumRequests: 1,
							minimumLogins: 0,
							run: async () => await packageStates(bench, sim, ids),
						},
						{
							flow: 'baseline',
							minimumRequests: 1,
							minimumLogins: 0,
							run: async () => await baselineStates(bench, sim, ids),
						},
					],
					{ warmUp },
				)),
			);
			trigger.push(
				...(await measureFlows(
					context,
					latencyMs,
					[
						{
							flow: 'package',
							minimumRequests: POLLS + 1,
							minimumLogins: 0,
							run: async () => await packageTrigger(bench, sim, ids),
						},
						{
							flow: 'baseline',
							minimumRequests: POLLS + 1,
							minimumLogins: 0,
							run: async () => await baselineTrigger(bench, sim, ids),
						},
					],
					{ warmUp },
				)),
			);
		}
		await sim.stop();
		const changes = trigger.map((row) => `${row.flow} (${row.latencyMs} ms): ${row.figures.extra?.changes}`).join(', ');
		return [
			{
				id: `${this.id}-states`,
				title: '4a. Navixy: state of 500 trackers',
				about: [
					'package: 500 items (one tracker ID each) → Navixy › State › Get.',
					'baseline (`baseline/navixy-states.json`): Code cuts the IDs into batches of 2,000 → HTTP Request tracker/get_states (header `Authorization: NVX <key>`) → Code makes one item per tracker.',
					'Per item: per tracker. Minimum: 1 request (2,000 trackers per get_states). API key: no login.',
				],
				rows: states,
				apiBatches: true,
				notes: [],
			},
			{
				id: `${this.id}-trigger`,
				title: '4b. Navixy Tracker State Changed trigger: 500 trackers, 10 polls',
				about: [
					'package: Navixy Trigger (Tracker State Changed, 500 selected trackers, watching the connection status): activation, then 10 polls, 25 trackers flipped between offline and active before each.',
					'baseline (`baseline/navixy-state-changes.json`), one execution per poll: Code → HTTP Request tracker/get_states → Code compares each connection status with the one kept in static data.',
					'Per item: per tracker and poll (500 × 10). Minimum: 11 requests (activation and 10 polls, one get_states each). API key: no login.',
				],
				rows: trigger,
				notes: [`Changes emitted over the 10 polls: ${changes}.`],
			},
		];
	},
};
