/**
 * Location Tools (issue 13): points per second through Geofence › Check against 100 polygons of 50
 * vertices, and Route › Simplify on 50,000 points, both through the n8n engine with the package's node.
 * No provider and no baseline: the figures stand alone. Goals: 1 million point-in-polygon tests per
 * second; 50,000 points simplified in under 100 ms.
 */
import { performance } from 'node:perf_hooks';

import { itemsInto, node, packageNodeType, TestN8n } from '../../test/runner';
import { SeededRandom } from '../../test/simulators/common/random';

const TOOLS = packageNodeType('locationTools');

/** A 50-corner star polygon about 2 km across around a centre, as [longitude, latitude] pairs (closed). */
function star(random: SeededRandom, lon: number, lat: number): number[][] {
	const ring: number[][] = [];
	for (let corner = 0; corner < 50; corner++) {
		const angle = (corner / 50) * 2 * Math.PI;
		const metres = corner % 2 === 0 ? 2000 : random.float(800, 1500);
		ring.push([lon + (metres * Math.cos(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + (metres * Math.sin(angle)) / 110_540]);
	}
	return [...ring, ring[0]];
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const value = await work();
	const used = process.cpuUsage(cpu);
	return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

export async function locationToolsMarkdown(): Promise<string> {
	const random = new SeededRandom(13);
	const n8n = new TestN8n();
	const zones = Array.from({ length: 100 }, (_, index) => {
		const lon = random.float(8, 12);
		const lat = random.float(47, 51);
		return { name: `zone-${index + 1}`, shape: 'polygon', polygon: JSON.stringify(star(random, lon, lat)) };
	});
	const points = Array.from({ length: 10_000 }, (_, index) => ({
		location: { deviceId: `d${index % 50}`, latitude: random.float(47, 51), longitude: random.float(8, 12), time: new Date(1_796_000_000_000 + index * 1000).toISOString() },
	}));
	const check = (includeDistances: boolean) =>
		itemsInto(points, node('Tools', TOOLS, { resource: 'geofence', operation: 'check', zones: { zone: zones }, includeDistances }));
	await n8n.run(check(false));
	const containment = await timed(async () => await n8n.run(check(false)));
	const distances = await timed(async () => await n8n.run(check(true)));

	const route = Array.from({ length: 50_000 }, (_, index) => ({
		location: { deviceId: 'truck-7', latitude: 52 + index * 0.00002 + random.float(-0.00005, 0.00005), longitude: 13 + Math.sin(index / 500) * 0.05, time: new Date(1_796_000_000_000 + index * 5000).toISOString() },
	}));
	const simplifyFlow = itemsInto(route, node('Tools', TOOLS, { resource: 'route', operation: 'simplify', groupBy: 'none', toleranceM: 10 }));
	const simplified = await timed(async () => await n8n.run(simplifyFlow));
	const kept = simplified.value.output('Tools').length;

	const tests = points.length * zones.length;
	const rows = [
		['Geofence › Check, 10,000 points × 100 polygons of 50 vertices, containment only', containment],
		['the same with the distance to every edge', distances],
		[`Route › Simplify, 50,000 points (10 m tolerance; ${kept.toLocaleString('en-US')} kept)`, simplified],
	] as const;
	const line = ([label, figure]: (typeof rows)[number]) =>
		`| ${label} | ${figure.ms.toFixed(0)} ms | ${figure.cpuMs.toFixed(0)} ms | ${label.startsWith('Route') ? '–' : `${Math.round(points.length / (figure.ms / 1000)).toLocaleString('en-US')} points/s, ${(tests / (figure.ms / 1000) / 1e6).toFixed(1)} million zone tests/s`} |`;
	return [
		'## Location Tools (issue 13)',
		'',
		'Through the n8n engine with the package\'s node (so n8n\'s own per-item work is in the figures); no provider, no baseline.',
		'Goals: 1 million point-in-polygon tests per second; 50,000 points simplified in under 100 ms (the geometry alone: see',
		'`test-artifacts/unit/location-tools-speed.json`, written by the unit tests).',
		'',
		'| run | wall | CPU | throughput |',
		'| --- | --- | --- | --- |',
		...rows.map(line),
	].join('\n');
}
