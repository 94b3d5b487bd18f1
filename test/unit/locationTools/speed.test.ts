/**
 * Throughput of the geometry core, printed and written to test-artifacts/unit/location-tools-speed.json.
 * No timed assertion (machines differ); goals from issue 13: 1 million point-in-polygon tests per second
 * on 50-corner polygons, 50,000 points simplified in under 100 ms.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import {
	polygonContains,
	preparePolygon,
	type PreparedPolygon,
} from '../../../nodes/LocationTools/geometry/contains';
import { polygonEdgeDistanceM } from '../../../nodes/LocationTools/geometry/distance';
import { summarizeRoute } from '../../../nodes/LocationTools/geometry/route';
import { simplifyIndices } from '../../../nodes/LocationTools/geometry/simplify';
import { SeededRandom } from '../../simulators/common/random';
import { starRing, type Pos } from './shapes';

const figures: Record<string, unknown> = {};
const random = new SeededRandom(99);

afterAll(() => {
	const directory = join(__dirname, '..', '..', '..', 'test-artifacts', 'unit');
	mkdirSync(directory, { recursive: true });
	writeFileSync(
		join(directory, 'location-tools-speed.json'),
		JSON.stringify({ generatedAt: new Date().toISOString(), ...figures }, null, 2),
	);
	console.log(`Location Tools speed:\n${JSON.stringify(figures, null, 2)}`);
});

/** Best of `runs` timings of `work`, in milliseconds, after one warm-up run. */
function bestOf(runs: number, work: () => void): number {
	work();
	let best = Infinity;
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		work();
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

/** 100 polygons of 50 corners, about 2 km across, scattered over central Europe. */
const rings: Pos[][] = Array.from({ length: 100 }, () =>
	starRing(random, [random.float(5, 15), random.float(45, 52)], 50, 1000, 2000),
);
const polygons: PreparedPolygon[] = rings.map((ring) =>
	preparePolygon({ type: 'Polygon', coordinates: [ring] }),
);
const inBox = (ring: Pos[]) => {
	const lons = ring.map((position) => position[0]);
	const lats = ring.map((position) => position[1]);
	return {
		latitude: random.float(Math.min(...lats), Math.max(...lats)),
		longitude: random.float(Math.min(...lons), Math.max(...lons)),
	};
};

it('point in polygon: 50-corner polygons, points inside each bounding box (no early rejection)', () => {
	const points = rings.map((ring) => Array.from({ length: 2000 }, () => inBox(ring)));
	let inside = 0;
	const ms = bestOf(5, () => {
		inside = 0;
		for (let p = 0; p < polygons.length; p++)
			for (const point of points[p]) if (polygonContains(polygons[p], point)) inside++;
	});
	const tests = polygons.length * 2000;
	figures['point in polygon, 50 corners, in the bounding box'] = {
		tests,
		ms: +ms.toFixed(1),
		testsPerSecond: Math.round((tests / ms) * 1000),
	};
	expect(inside / tests).toBeGreaterThan(0.3);
	expect(inside / tests).toBeLessThan(0.95);
});

it('Check-like load: each point against all 100 polygons', () => {
	const points = Array.from({ length: 10000 }, () => ({
		latitude: random.float(45, 52),
		longitude: random.float(5, 15),
	}));
	let hits = 0;
	const ms = bestOf(5, () => {
		hits = 0;
		for (const point of points)
			for (const polygon of polygons) if (polygonContains(polygon, point)) hits++;
	});
	const tests = points.length * polygons.length;
	figures['Check-like: 10,000 points × 100 polygons'] = {
		tests,
		ms: +ms.toFixed(1),
		testsPerSecond: Math.round((tests / ms) * 1000),
		pointsPerSecond: Math.round((points.length / ms) * 1000),
	};
	expect(hits).toBeGreaterThan(0);
});

it('distance to edge: 50-corner polygons, points within a few km', () => {
	const points = rings.map((ring) => Array.from({ length: 200 }, () => inBox(ring)));
	let total = 0;
	const ms = bestOf(3, () => {
		total = 0;
		for (let p = 0; p < polygons.length; p++)
			for (const point of points[p]) total += polygonEdgeDistanceM(polygons[p], point);
	});
	const tests = polygons.length * 200;
	figures['distance to edge, 50 corners'] = {
		tests,
		ms: +ms.toFixed(1),
		perSecond: Math.round((tests / ms) * 1000),
	};
	expect(total / tests).toBeGreaterThan(0);
	expect(total / tests).toBeLessThan(2000);
});

describe('50,000-point route', () => {
	const route = Array.from({ length: 50000 }, (_, index) => ({
		latitude: 48 + 0.3 * Math.sin(index / 900) + random.float(-0.00005, 0.00005),
		longitude: 11 + index * 0.00002 + random.float(-0.00005, 0.00005),
		time: new Date(Date.parse('2024-06-01T00:00:00Z') + index * 5000).toISOString(),
	}));

	it('simplify (Ramer–Douglas–Peucker, 5 m)', () => {
		let kept: number[] = [];
		const ms = bestOf(5, () => {
			kept = simplifyIndices(route, 5);
		});
		figures['simplify 50,000 points, 5 m'] = { ms: +ms.toFixed(1), kept: kept.length };
		expect(kept[0]).toBe(0);
		expect(kept[kept.length - 1]).toBe(route.length - 1);
		expect(kept.length).toBeLessThan(route.length);
	});

	it('summarize (stops within 30 m for 5 min)', () => {
		let distanceM = 0;
		const ms = bestOf(3, () => {
			distanceM = summarizeRoute(route, { stopRadiusM: 30, stopMinDurationMs: 300_000 }).distanceM;
		});
		figures['summarize 50,000 points'] = { ms: +ms.toFixed(1), distanceM };
		expect(distanceM).toBeGreaterThan(
			50000 * 0.00002 * 111195 * Math.cos((48 * Math.PI) / 180) * 0.9,
		);
	});
});
