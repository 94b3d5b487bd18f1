/**
 * Prints request counts, wall time and memory for ProTrack at fleet scale, through the n8n engine
 * against the simulator on loopback:  npm run bench
 * Figures, not assertions: compare them between changes.
 */
import type { INodeCredentials, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType, TestN8n } from '../test/runner';
import { PROTRACK_DEMO, ProTrackSimulator } from '../test/simulators/protrack';

const PROTRACK = packageNodeType('proTrack');

async function measure(label: string, sim: ProTrackSimulator, run: () => Promise<number>) {
	sim.clearLog();
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const started = performance.now();
	const outputItems = await run();
	const ms = performance.now() - started;
	const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
	const byPath = new Map<string, number>();
	for (const request of sim.log) byPath.set(request.path, (byPath.get(request.path) ?? 0) + 1);
	const requests = [...byPath].map(([path, count]) => `${count} ${path}`).join(', ');
	console.log(
		`${label}: ${outputItems} items in ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(1)} MB; requests: ${requests}`,
	);
}

async function main() {
	const sim = new ProTrackSimulator({ deviceCount: 1000 });
	await sim.start();
	const n8n = new TestN8n();
	const credentials: INodeCredentials = {
		proTrackApi: n8n.credentials.add('proTrackApi', {
			baseUrl: sim.baseUrl,
			account: PROTRACK_DEMO.account,
			password: PROTRACK_DEMO.password,
			accessToken: '',
		}),
	};
	const protrack = (parameters: INodeParameters) => node('ProTrack', PROTRACK, parameters, credentials);

	const imeis = sim.imeis().slice(0, 1000);
	const latest = itemsInto(
		imeis.map((imei) => ({ imei })),
		protrack({ resource: 'device', operation: 'getLatestLocation', imeis: '={{ $json.imei }}' }),
	);
	await measure('Latest location, 1,000 IMEIs as 1,000 items (cold: logs in)', sim, async () =>
		(await n8n.run(latest)).output('ProTrack').length,
	);
	await measure('Latest location, 1,000 IMEIs as 1,000 items (token reused)', sim, async () =>
		(await n8n.run(latest)).output('ProTrack').length,
	);

	const imei = imeis[0];
	const begin = sim.anchor + 86400;
	sim.addRoutePoints(
		imei,
		Array.from({ length: 25000 }, (_, i) => ({
			longitude: 114 + i / 1e5,
			latitude: 22.5 + i / 1e5,
			gpstime: begin + Math.floor(i / 2) * 5, // two points share every gpstime
			speed: i % 90,
			course: i % 360,
		})),
	);
	for (const output of ['points', 'route']) {
		const route = itemsInto(
			[{}],
			protrack({
				resource: 'playback',
				operation: 'getRoute',
				imei: { __rl: true, mode: 'id', value: imei },
				startTime: new Date(begin * 1000).toISOString(),
				endTime: new Date((begin + 86400) * 1000).toISOString(),
				output,
				returnAll: true,
			}),
		);
		await measure(`Playback, 25,000 points, output ${output}`, sim, async () => {
			const result = await n8n.run(route);
			if (result.error) throw result.error;
			const items = result.output('ProTrack');
			return output === 'points' ? items.length : Number((items[0].json.summary as { points: number }).points);
		});
	}

	const [online] = sim.onlineImeis();
	sim.setCommandBehaviour(online, { replyAfterMs: 3000 });
	const sendAndWait = itemsInto(
		[{}],
		protrack({
			resource: 'command',
			operation: 'sendAndAwaitAnswer',
			imei: { __rl: true, mode: 'id', value: online },
			command: 'lockDoor',
		}),
	);
	await measure('Send and await answer, device answers after 3 s', sim, async () =>
		(await n8n.run(sendAndWait)).output('ProTrack').length,
	);
	await sim.stop();
}

void main();
