/**
 * Scenario 3: the ProTrack New Alarm trigger watching 100 IMEIs: activated, then 10 polls, each after
 * 5 new alarms per IMEI (5,000 alarms). /api/alarm/list takes one IMEI and returns up to 100 alarms,
 * so the minimum is one request per IMEI per poll (1,000) and one login. Each measured run watches
 * IMEIs of its own, so that the alarms of one run are never in another run's windows.
 */
import type { IDataObject } from 'n8n-workflow';

import { chain, node, packageNodeType, type RunResult } from '../../test/runner';
import type { AlarmRecord } from '../../test/simulators/protrack';
import { sandbox as protrack } from '../../test/simulators/protrack/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import { jsonBytes, type Outcome } from '../lib/measure';
import { wallRatioAtMostLatency, type Row } from '../lib/report';
import { expectCount, measureFlows, outputOf, withCredential, type Bench, type Scenario } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';

const WATCHED = 100;
const POLLS = 10;
const ALARMS_PER_IMEI_PER_POLL = 5;
const RUNS = 12;
const LOGIN_PATHS = ['/api/authorization'];

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Before poll `poll` (1..10): 5 alarms per IMEI, system times after the activation and within the
 * 5 minutes ahead of the clock the trigger reads up to.
 */
async function addAlarms(sim: RemoteSimulator, imeis: string[], activatedAt: number, poll: number): Promise<void> {
	await Promise.all(
		imeis.map(async (imei, serial) => {
			const alarms: AlarmRecord[] = Array.from({ length: ALARMS_PER_IMEI_PER_POLL }, (_, j) => {
				const systemtime = activatedAt + 2 + (poll - 1) * 10 + j;
				return {
					type: 1 + ((serial + j) % 44),
					longitude: 114 + j / 1e4,
					latitude: 22.5 + serial / 1e4,
					gpstime: systemtime - 3,
					systemtime,
					speed: j * 10,
					course: serial % 360,
					geofenceId: 0,
				};
			});
			await sim.call('addAlarms', imei, alarms);
		}),
	);
}

/** Counts what the polls emitted; the alarms themselves are kept for the retained-heap figure. */
class Emitted {
	readonly batches: IDataObject[][] = [];
	add(items: IDataObject[]): void {
		this.batches.push(items);
	}
	outcome(): Outcome {
		const all = this.batches.flat();
		expectCount('alarms emitted over the polls', all.length, WATCHED * POLLS * ALARMS_PER_IMEI_PER_POLL);
		return {
			items: all.length,
			outputBytes: jsonBytes(all),
			retain: this.batches,
		};
	}
}

async function packageFlow(bench: Bench, sim: RemoteSimulator, imeis: string[]): Promise<Outcome> {
	const { n8n, credentials } = withCredential(bench, protrack, sim.baseUrl);
	const parameters = {
		event: 'newAlarm',
		devices: 'selected',
		imeis: imeis.join(','),
	};
	const poller = n8n.poller(
		chain(node('ProTrack Trigger', packageNodeType('proTrackTrigger'), parameters, credentials)),
		'ProTrack Trigger',
	);
	const activatedAt = nowSeconds();
	expectCount('items of the activation poll', (await poller.poll())?.length ?? 0, 0);
	const emitted = new Emitted();
	for (let poll = 1; poll <= POLLS; poll++) {
		await addAlarms(sim, imeis, activatedAt, poll);
		emitted.add(((await poller.poll()) ?? []).map((item) => item.json));
	}
	return emitted.outcome();
}

async function baselineFlow(bench: Bench, sim: RemoteSimulator, imeis: string[]): Promise<Outcome> {
	const settings = protrack.credential.data(sim.baseUrl);
	const workflow = baselineWorkflow('protrack-new-alarms', {
		BASE_URL: sim.baseUrl,
		ACCOUNT: String(settings.account),
		PASSWORD: String(settings.password),
		IMEIS: imeis.join(','),
	});
	const n8n = bench.engine.n8n();
	const activatedAt = nowSeconds();
	// Each poll is an execution; n8n keeps the workflow's static data between them (as JSON).
	const stored = (result: RunResult) => JSON.parse(JSON.stringify(result.staticData)) as IDataObject;
	let staticData = stored(await n8n.run(workflow));
	const emitted = new Emitted();
	for (let poll = 1; poll <= POLLS; poll++) {
		await addAlarms(sim, imeis, activatedAt, poll);
		const result = await n8n.run({ ...workflow, staticData });
		emitted.add(outputOf(result, 'New alarms').map((item) => item.json));
		staticData = stored(result);
	}
	return emitted.outcome();
}

export const protrackNewAlarms: Scenario = {
	id: 'protrack-new-alarms',
	title: '3. ProTrack New Alarm trigger: 5,000 alarms across 100 IMEIs over 10 polls',
	async run(bench, latencies) {
		const sim = await bench.host.start('protrack-alarms', 'protrack', {
			deviceCount: WATCHED * RUNS,
		});
		const all = await sim.call<string[]>('imeis');
		let used = 0;
		const nextImeis = () => {
			if (used + WATCHED > all.length) throw new Error('Not enough simulated devices for another run');
			return all.slice(used, (used += WATCHED));
		};
		const context = {
			sim,
			loginPaths: LOGIN_PATHS,
			runnerPid: bench.engine.runnerPid(),
		};
		const minimum = WATCHED * POLLS;
		const rows: Row[] = [];
		for (const [pass, latencyMs] of latencies.entries()) {
			await sim.setLatency(latencyMs);
			rows.push(
				...(await measureFlows(
					context,
					latencyMs,
					[
						{
							flow: 'package',
							minimumRequests: minimum,
							run: async () => await packageFlow(bench, sim, nextImeis()),
						},
						{
							flow: 'baseline',
							minimumRequests: minimum,
							run: async () => await baselineFlow(bench, sim, nextImeis()),
						},
					],
					{ warmUp: pass === 0 },
				)),
			);
		}
		await sim.stop();
		const slow = wallRatioAtMostLatency(rows);
		return [
			{
				id: this.id,
				title: this.title,
				about: [
					'package: ProTrack Trigger (New Alarm, 100 selected IMEIs) polled as n8n polls it: activation, then 10 polls, each after 5 new alarms per IMEI.',
					"baseline (`baseline/protrack-new-alarms.json`), one execution per poll: Code signs in → HTTP Request token (a login on every execution) → Code makes one window per IMEI from a cursor in static data → HTTP Request /api/alarm/list per IMEI with the node's pagination (100 per page) → Code keeps the alarms not seen before and moves the cursors.",
					'Per item: per alarm. Minimum: 100 IMEIs × 10 polls = 1,000 requests (one IMEI per request), 1 login.',
				],
				rows,
				notes: [
					`Wall time with ${slow.latencyMs} ms of latency: the package takes ${slow.ratio} the baseline's. Each poll asks for one IMEI's alarms after another (100 requests in a row, nodes/ProTrack/trigger/newAlarm.ts); the baseline's HTTP Request node sends a poll's 100 requests at once.`,
					'The baseline signs in on every execution (11 logins): keeping the token between executions would take static data and an If branch; each ProTrack login also ends the token every other workflow of the account holds.',
				],
			},
		];
	},
};
