/**
 * Scenario 5: ThingSpace periodic location started for 25,000 devices, then stopped. A start takes
 * 10,000 devices (3 requests); a stop names one session and, as the simulator (and the node) take it,
 * at most 100 MDNs (100 + 100 + 50 = 250 requests). ThingSpace has two tokens: one OAuth bearer token
 * and one M2M session, so a run logs in twice at the least. The API allows 50 requests a second in
 * all (the simulator's default limit stays on): 255 requests take about 5 s whoever sends them.
 */
import { chain, node, packageNodeType } from '../../test/runner';
import type { FleetDevice } from '../../test/simulators/thingspace';
import { THINGSPACE_APP, THINGSPACE_DEMO } from '../../test/simulators/thingspace';
import { sandbox as thingspace } from '../../test/simulators/thingspace/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import type { Outcome } from '../lib/measure';
import { wallRatioAtMostLatency, type Row } from '../lib/report';
import { expectCount, itemsOutcome, measureFlows, outputOf, withCredential, type Bench, type Scenario } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';

const DEVICES = 25_000;
const PER_START = 10_000;
const PER_STOP = 100;
export const THINGSPACE_LOGIN_PATHS = ['/api/ts/v1/oauth2/token', '/api/m2m/v1/session/login'];

type Device = { imei: string; mdn: string };

async function packageFlow(bench: Bench, sim: RemoteSimulator, devices: Device[]): Promise<Outcome> {
	const { n8n, credentials } = withCredential(bench, thingspace, sim.baseUrl);
	const workflow = chain(
		node('Start', 'n8n-nodes-base.manualTrigger'),
		node('Fleet', 'test.items', { items: JSON.stringify(devices) }),
		node('Start periodic', packageNodeType('thingSpace'), { resource: 'periodicLocation', operation: 'start' }, credentials),
		node('Stop periodic', packageNodeType('thingSpace'), { resource: 'periodicLocation', operation: 'stop' }, credentials),
	);
	const result = await n8n.run(workflow);
	const items = outputOf(result, 'Stop periodic');
	expectCount('devices stopped', items.filter((item) => item.json.status === 'COMPLETED').length, devices.length);
	return { ...itemsOutcome(items, devices.length), retain: result };
}

async function baselineFlow(bench: Bench, sim: RemoteSimulator, devices: Device[]): Promise<Outcome> {
	const workflow = baselineWorkflow(
		'thingspace-periodic',
		{
			BASE_URL: sim.baseUrl,
			APP_KEY: THINGSPACE_APP.key,
			APP_SECRET: THINGSPACE_APP.secret,
			USERNAME: THINGSPACE_DEMO.username,
			PASSWORD: THINGSPACE_DEMO.password,
			ACCOUNT_NAME: THINGSPACE_DEMO.account,
		},
		devices,
	);
	const result = await bench.engine.n8n().run(workflow);
	const items = outputOf(result, 'Stopped');
	expectCount('devices stopped', items.filter((item) => item.json.status === 'COMPLETED').length, devices.length);
	return { ...itemsOutcome(items, devices.length), retain: result };
}

export const thingspacePeriodic: Scenario = {
	id: 'thingspace-periodic',
	title: '5. ThingSpace: periodic location started for 25,000 devices, then stopped',
	async run(bench, latencies) {
		const sim = await bench.host.start('thingspace-periodic', 'thingspace', { fleetSize: DEVICES });
		const devices = (await sim.call<FleetDevice[]>('fleetHead', DEVICES)).map(({ imei, mdn }) => ({ imei, mdn }));
		const sessions = Math.ceil(devices.length / PER_START);
		const stops = Array.from({ length: sessions }, (_, i) => Math.ceil(Math.min(PER_START, devices.length - i * PER_START) / PER_STOP));
		const minimum = sessions + stops.reduce((sum, count) => sum + count, 0);
		// Each run starts once the API's one-second rate window of the previous run is empty.
		const context = { sim, loginPaths: THINGSPACE_LOGIN_PATHS, runnerPid: bench.engine.runnerPid(), pauseMs: 1500 };
		const rows: Row[] = [];
		for (const [pass, latencyMs] of latencies.entries()) {
			await sim.setLatency(latencyMs);
			rows.push(
				...(await measureFlows(
					context,
					latencyMs,
					[
						{ flow: 'package', minimumRequests: minimum, minimumLogins: 2, run: async () => await packageFlow(bench, sim, devices) },
						{ flow: 'baseline', minimumRequests: minimum, minimumLogins: 2, run: async () => await baselineFlow(bench, sim, devices) },
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
					"package: 25,000 items (IMEI and MDN) → ThingSpace › Periodic Location › Start → ThingSpace › Periodic Location › Stop (its input: Start's item per device, with the session's transaction ID).",
					"baseline (`baseline/thingspace-periodic.json`): Code → HTTP Request OAuth token (Basic auth, form body) → HTTP Request M2M session login → Code cuts the devices into lists of 10,000 → HTTP Request start per list → Code makes stop lists of 100 MDNs per session → HTTP Request DELETE per list (the node's batching: 25 a second; at 40 a second, sends that fell behind bunched up past the API's 50 a second and were refused) → Code, one item per device.",
					`Per item: per device. Minimum: ${sessions} starts + ${stops.join(' + ')} stops = ${minimum} requests; 2 logins (bearer token and M2M session).`,
				],
				rows,
				apiBatches: true,
				notes: [
					`Wall time with ${slow.latencyMs} ms of latency: the package takes ${slow.ratio} the baseline's. Its CPU time is mostly n8n evaluating each item's IMEI, MDN and transaction ID expressions (see the CPU goal), and Stop sends its 250 requests one after another (nodes/ThingSpace/actions/periodicLocation/stop.operation.ts); the baseline sends 25 at a time.`,
				],
			},
		];
	},
};
