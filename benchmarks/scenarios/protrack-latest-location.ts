/**
 * Scenario 1: the latest location of 1,000 ProTrack IMEIs, one input item each. /api/track takes 100
 * IMEIs per request, so the minimum is 10 requests and one login.
 */
import { itemsInto, node, packageNodeType } from '../../test/runner';
import { sandbox as protrack } from '../../test/simulators/protrack/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import { measure } from '../lib/measure';
import { wallRatioAtMostLatency, type Row } from '../lib/report';
import { expectCount, itemsOutcome, measureFlows, outputOf, withCredential, type Bench, type Scenario } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';

const DEVICES = 1000;
const IMEIS_PER_REQUEST = 100;
const LOGIN_PATHS = ['/api/authorization'];

/** One item per IMEI (the parameter an expression per item), or one item listing every IMEI. */
/** `credentialChanges`: e.g. the credential's default Login Sharing Wait instead of the tests' 0 s. */
async function packageFlow(
	bench: Bench,
	sim: RemoteSimulator,
	imeis: string[],
	shape: 'itemPerImei' | 'oneItem',
	credentialChanges: Record<string, unknown> = {},
) {
	const { n8n, credentials } = withCredential(bench, protrack, sim.baseUrl, credentialChanges);
	const target = node(
		'ProTrack',
		packageNodeType('proTrack'),
		{
			resource: 'device',
			operation: 'getLatestLocation',
			imeis: shape === 'oneItem' ? imeis.join(',') : '={{ $json.imei }}',
		},
		credentials,
	);
	const result = await n8n.run(itemsInto(shape === 'oneItem' ? [{}] : imeis.map((imei) => ({ imei })), target));
	const items = outputOf(result, 'ProTrack');
	expectCount('ProTrack items', items.filter((item) => item.json.found === true).length, imeis.length);
	return { ...itemsOutcome(items, imeis.length), retain: result };
}

async function baselineFlow(bench: Bench, sim: RemoteSimulator, imeis: string[], batchSize: number) {
	const settings = protrack.credential.data(sim.baseUrl);
	const workflow = baselineWorkflow(
		'protrack-latest-location',
		{
			BASE_URL: sim.baseUrl,
			ACCOUNT: String(settings.account),
			PASSWORD: String(settings.password),
			BATCH_SIZE: batchSize,
		},
		imeis.map((imei) => ({ imei })),
	);
	const result = await bench.engine.n8n().run(workflow);
	const items = outputOf(result, 'Parse');
	expectCount('baseline items', items.length, imeis.length);
	return { ...itemsOutcome(items, imeis.length), retain: result };
}

export const protrackLatestLocation: Scenario = {
	id: 'protrack-latest-location',
	title: '1. ProTrack: latest location of 1,000 IMEIs',
	async run(bench, latencies) {
		const sim = await bench.host.start('protrack-latest', 'protrack', {
			deviceCount: DEVICES,
		});
		const imeis = (await sim.call<string[]>('imeis')).slice(0, DEVICES);
		const context = {
			sim,
			loginPaths: LOGIN_PATHS,
			runnerPid: bench.engine.runnerPid(),
		};
		const minimum = Math.ceil(imeis.length / IMEIS_PER_REQUEST);
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
							run: async () => await packageFlow(bench, sim, imeis, 'itemPerImei'),
						},
						{
							flow: 'baseline',
							minimumRequests: minimum,
							run: async () => await baselineFlow(bench, sim, imeis, IMEIS_PER_REQUEST),
						},
						{
							flow: 'package, one item listing the IMEIs',
							minimumRequests: minimum,
							run: async () => await packageFlow(bench, sim, imeis, 'oneItem'),
						},
						{
							flow: 'baseline, no batching',
							minimumRequests: minimum,
							run: async () => await baselineFlow(bench, sim, imeis, 1),
							times: 1,
						},
					],
					{ warmUp: pass === 0 },
				)),
			);
		}
		await sim.setLatency(0);
		// Undefined: n8n fills in the credential's default (3 s).
		const defaultWait = await measure(
			{ ...context, runnerPid: undefined },
			async () => await packageFlow(bench, sim, imeis, 'itemPerImei', { loginWaitSeconds: undefined }),
		);
		await sim.stop();
		const slow = wallRatioAtMostLatency(rows);
		return [
			{
				id: this.id,
				title: this.title,
				about: [
					'package: 1,000 items (one IMEI each, `{{ $json.imei }}`) → ProTrack › Device › Get Latest Location.',
					'baseline (`baseline/protrack-latest-location.json`): Code signs in (md5) → HTTP Request gets the token → Code cuts the IMEIs into batches of 100 → HTTP Request /api/track per batch → Code checks `code` and makes one item per IMEI with ISO times.',
					'package, one item listing the IMEIs: the same node given all 1,000 IMEIs in one item, so n8n evaluates its parameter once instead of 1,000 times (shows what the per-item expression costs).',
					'baseline, no batching: the baseline with batches of 1, i.e. one /api/track request per input item, as the HTTP Request node does by itself.',
					'Per item: per IMEI. Minimum: ⌈1,000 / 100⌉ = 10 requests, 1 login.',
				],
				rows,
				apiBatches: true,
				notes: [
					`Wall time with ${slow.latencyMs} ms of latency: the package takes ${slow.ratio} the baseline's. It sends its 10 batches one after another (nodes/shared/batching.ts, runBatched); the baseline's HTTP Request node sends its 10 at once.`,
					`The credential here has a Login Sharing Wait of 0 s, as in the package's tests. With its default (3 s) the same run from no stored token took ${defaultWait.wallMs.toFixed(0)} ms (${defaultWait.logins} login): before its one login a request without a token waits a random moment of up to 3 s for another execution's token (nodes/shared/sharedToken.ts). Once a token is stored, no run waits.`,
				],
			},
		];
	},
};
