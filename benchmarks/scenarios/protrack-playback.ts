/**
 * Scenario 2: the route of one ProTrack IMEI with 50,000 GPS points. /api/playback returns at most 1000
 * points per request and the next page starts at the last point's GPS time (that point comes back), so
 * the minimum is the number of pages that rule needs for these points (computed from the simulator's
 * ground truth), plus one login. Also: the CPU time of parsing the 50,000 points alone, and how memory
 * grows with the output (12,500, 25,000 and 50,000 points).
 */
import { itemsInto, node, packageNodeType } from '../../test/runner';
import type { RoutePoint } from '../../test/simulators/protrack';
import { playbackRecord } from '../../test/simulators/protrack/records';
import { sandbox as protrack } from '../../test/simulators/protrack/sandbox';
import { parsePlayback } from '../../nodes/ProTrack/helpers/historyRecords';
import { baselineWorkflow } from '../lib/baseline';
import { measureMedian } from '../lib/measure';
import type { Row } from '../lib/report';
import { expectCount, itemsOutcome, measureFlows, outputOf, withCredential, type Bench, type Scenario } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';

const POINTS = 50_000;
const PAGE = 1000;
const STEP_SECONDS = 5;
const LOGIN_PATHS = ['/api/authorization'];

interface Range {
	imei: string;
	begin: number;
	end: number;
	points: number;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Requests the document's paging rule needs for points with these (ascending) GPS times. */
export function pagesNeeded(times: number[], pageSize: number): number {
	let pages = 0;
	let first = 0;
	for (;;) {
		pages++;
		if (times.length - first < pageSize) return pages;
		const last = times[first + pageSize - 1];
		const next = times.findIndex((time) => time >= last);
		if (next <= first) throw new Error(`More than ${pageSize} points at GPS time ${last}: the API cannot page past them`);
		first = next;
	}
}

async function packageFlow(bench: Bench, sim: RemoteSimulator, range: Range) {
	const { n8n, credentials } = withCredential(bench, protrack, sim.baseUrl);
	const parameters = {
		resource: 'playback',
		operation: 'getRoute',
		imei: { __rl: true, mode: 'id', value: range.imei },
		startTime: iso(range.begin),
		endTime: iso(range.end),
		output: 'points',
		returnAll: true,
	};
	const result = await n8n.run(itemsInto([{}], node('ProTrack', packageNodeType('proTrack'), parameters, credentials)));
	const items = outputOf(result, 'ProTrack');
	expectCount('ProTrack points', items.length, range.points);
	return { ...itemsOutcome(items, range.points), retain: result };
}

async function baselineFlow(bench: Bench, sim: RemoteSimulator, range: Range) {
	const settings = protrack.credential.data(sim.baseUrl);
	const workflow = baselineWorkflow(
		'protrack-playback',
		{
			BASE_URL: sim.baseUrl,
			ACCOUNT: String(settings.account),
			PASSWORD: String(settings.password),
		},
		[
			{
				imei: range.imei,
				startTime: iso(range.begin),
				endTime: iso(range.end),
			},
		],
	);
	const result = await bench.engine.n8n().run(workflow);
	const items = outputOf(result, 'Parse points');
	expectCount('baseline points', items.length, range.points);
	return { ...itemsOutcome(items, range.points), retain: result };
}

/** CPU time of the package's parser over the 50,000 points as the API sends them (pages of 1000), median of 5. */
function parseCpuMs(points: RoutePoint[]): number {
	const pages: string[] = [];
	for (let start = 0; start < points.length; start += PAGE) pages.push(playbackRecord(points.slice(start, start + PAGE)));
	const runs: number[] = [];
	for (let run = 0; run < 5; run++) {
		const before = process.cpuUsage();
		let parsed = 0;
		for (const page of pages) parsed += parsePlayback(page).length;
		const used = process.cpuUsage(before);
		expectCount('parsed points', parsed, points.length);
		runs.push((used.user + used.system) / 1000);
	}
	return runs.sort((a, b) => a - b)[2];
}

export const protrackPlayback: Scenario = {
	id: 'protrack-playback',
	title: '2. ProTrack: playback of 50,000 points for one IMEI',
	async run(bench, latencies) {
		const sim = await bench.host.start('protrack-playback', 'protrack', {
			deviceCount: 10,
		});
		const [imei] = await sim.call<string[]>('imeis');
		const begin = (await sim.call<number>('anchor')) + 86_400;
		const added: RoutePoint[] = Array.from({ length: POINTS }, (_, i) => ({
			longitude: 114 + i / 1e5,
			latitude: 22.5 + i / 1e5,
			gpstime: begin + i * STEP_SECONDS,
			speed: i % 90,
			course: i % 360,
		}));
		await sim.call('addRoutePoints', imei, added);
		const rangeOf = (points: number): Range => ({
			imei,
			begin,
			end: begin + (points - 1) * STEP_SECONDS,
			points,
		});
		const full = rangeOf(POINTS);
		const truth = await sim.call<RoutePoint[]>('routePoints', imei, full.begin, full.end);
		expectCount('simulator points in the range', truth.length, POINTS);
		const minimum = pagesNeeded(
			truth.map((point) => point.gpstime),
			PAGE,
		);
		const context = {
			sim,
			loginPaths: LOGIN_PATHS,
			runnerPid: bench.engine.runnerPid(),
		};

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
							run: async () => await packageFlow(bench, sim, full),
						},
						{
							flow: 'baseline',
							minimumRequests: minimum,
							run: async () => await baselineFlow(bench, sim, full),
						},
					],
					{ warmUp: pass === 0 },
				)),
			);
		}

		await sim.setLatency(0);
		const growth: string[] = [];
		const metrics: Record<string, number> = {};
		for (const points of [POINTS / 4, POINTS / 2, POINTS]) {
			const range = rangeOf(points);
			const figures = await measureMedian(context, async () => await packageFlow(bench, sim, range), 1);
			const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
			const peakRatio = figures.peakHeapBytes / figures.outputBytes;
			const retainedRatio = figures.retainedHeapBytes / figures.outputBytes;
			metrics[`peakHeapPerOutput@${points}`] = peakRatio;
			metrics[`retainedHeapPerOutput@${points}`] = retainedRatio;
			growth.push(
				`${points.toLocaleString('en-US')} points: output ${mb(figures.outputBytes)} MB, peak heap +${mb(figures.peakHeapBytes)} MB (${peakRatio.toFixed(1)}×), retained +${mb(figures.retainedHeapBytes)} MB (${retainedRatio.toFixed(1)}×)`,
			);
		}
		const parseMs = parseCpuMs(truth);
		metrics.parsePlaybackCpuMs = parseMs;
		await sim.stop();
		return [
			{
				id: this.id,
				title: this.title,
				about: [
					'package: one item → ProTrack › Playback › Get Route (output Points, Return All): pages followed, boundary points kept once, one item per point with ISO time and normalized location.',
					"baseline (`baseline/protrack-playback.json`): Code signs in → HTTP Request token → Code builds the query → HTTP Request /api/playback with the node's own pagination (begintime = the last point's GPS time, until a page has fewer than 1000 points) → Code splits the record strings, drops the repeated boundary points, one item per point with ISO time.",
					`Per item: per point. Minimum: ${minimum} requests (pages of 1000 where each next page repeats the previous page's last point), 1 login.`,
				],
				rows,
				metrics,
				notes: [
					`Parsing alone: the package's \`parsePlayback\` turns the 50,000 points (50 record strings of 1000) into objects in ${parseMs.toFixed(1)} ms of CPU (median of 5).`,
					`Memory against output size (package, no latency): ${growth.join('; ')}.`,
				],
			},
		];
	},
};
