/**
 * Location Tools geometry against independent oracles on seeded random shapes (see cases.ts for how
 * each oracle is built). A disagreement counts against the code only when the point is more than 1 cm
 * from the nearest edge (reference distance from turf's haversine, shapes.ts). Figures are printed and
 * written to test-artifacts/unit/location-tools-oracle.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { distance, lineString, pointToLineDistance } from '@turf/turf';

import {
	preparePolygon,
	polygonContains,
	prepareZone,
	zoneContains,
} from '../../../nodes/LocationTools/geometry/contains';
import {
	nearestPlace,
	polygonEdgeDistanceM,
	zoneDistance,
} from '../../../nodes/LocationTools/geometry/distance';
import { simplifyIndices } from '../../../nodes/LocationTools/geometry/simplify';
import { circleZone, parsePolygonGeometry } from '../../../nodes/LocationTools/geometry/zones';
import { SeededRandom } from '../../simulators/common/random';
import { antimeridianCase, ordinaryCase, polarCase, type ContainmentCase } from './cases';
import { referenceDistanceM, wrapLon, type Pos } from './shapes';

const BAND_M = 0.01;
const figures: Record<string, unknown> = {};
const latLon = (point: Pos) => ({ longitude: wrapLon(point[0]), latitude: point[1] });

afterAll(() => {
	const directory = join(__dirname, '..', '..', '..', 'test-artifacts', 'unit');
	mkdirSync(directory, { recursive: true });
	const report = { generatedAt: new Date().toISOString(), bandM: BAND_M, ...figures };
	writeFileSync(join(directory, 'location-tools-oracle.json'), JSON.stringify(report, null, 2));
	console.log(`Location Tools oracle agreement:\n${JSON.stringify(figures, null, 2)}`);
});

function containment(name: string, cases: ContainmentCase[]) {
	let points = 0;
	let inBand = 0;
	const outside: Array<{ point: Pos; ours: boolean; referenceDistanceM: number }> = [];
	for (const testCase of cases) {
		const prepared = preparePolygon(parsePolygonGeometry(testCase.geometry));
		for (const point of testCase.points) {
			points++;
			const ours = polygonContains(prepared, latLon(point));
			if (ours === testCase.oracle(point)) continue;
			const reference = referenceDistanceM(point, testCase.rings);
			if (reference <= BAND_M) inBand++;
			else outside.push({ point, ours, referenceDistanceM: reference });
		}
	}
	figures[`contains: ${name}`] = {
		polygons: cases.length,
		points,
		disagreements: inBand + outside.length,
		withinBand: inBand,
		outsideBand: outside.length,
		examples: outside.slice(0, 5),
	};
	return outside;
}

/** Every `step`-th point of each case (uniform, beside edges, corners); the claim holds to 100 km. */
function distances(name: string, cases: ContainmentCase[], step: number) {
	let points = 0;
	let maxErrorM = 0;
	let farPoints = 0;
	let farMaxRelativeError = 0;
	const over: Array<{ point: Pos; ours: number; reference: number }> = [];
	for (const testCase of cases) {
		const prepared = preparePolygon(parsePolygonGeometry(testCase.geometry));
		for (const point of testCase.points.filter((_, index) => index % step === 0)) {
			const reference = referenceDistanceM(point, testCase.rings);
			const ours = polygonEdgeDistanceM(prepared, latLon(point));
			if (reference > 100000) {
				farPoints++;
				farMaxRelativeError = Math.max(farMaxRelativeError, Math.abs(ours - reference) / reference);
				continue;
			}
			points++;
			maxErrorM = Math.max(maxErrorM, Math.abs(ours - reference));
			if (Math.abs(ours - reference) > BAND_M) over.push({ point, ours, reference });
		}
	}
	figures[`distance to edge: ${name}`] = {
		points,
		maxErrorM,
		over1cm: over.length,
		examples: over.slice(0, 5),
		beyond100km: { points: farPoints, maxRelativeError: farMaxRelativeError },
	};
	return over;
}

const random = new SeededRandom(20240613);
const ordinary = Array.from({ length: 300 }, () => ordinaryCase(random));
const antimeridian = Array.from({ length: 120 }, () => antimeridianCase(random));
const polar = Array.from({ length: 100 }, () => polarCase(random, false));
const polarRfc = Array.from({ length: 40 }, () => polarCase(random, true));

describe('point in polygon against turf', () => {
	it('agrees on ordinary polygons with holes and MultiPolygons, from 50 m to 150 km', () => {
		expect(containment('ordinary polygons (turf booleanPointInPolygon)', ordinary)).toEqual([]);
	});

	it('agrees across the antimeridian (turf after turning the sphere 180° about the axis)', () => {
		expect(containment('antimeridian (turf on the polygon turned 180°)', antimeridian)).toEqual([]);
	});

	it('agrees around the poles, given the bare ring (turf on the cap rebuilt the RFC 7946 way)', () => {
		expect(
			containment('poles, bare ring around the pole (turf on the rebuilt cap)', polar),
		).toEqual([]);
	});

	it('agrees around the poles, given the cap the RFC 7946 way', () => {
		expect(containment('poles, RFC 7946 cap form (turf on the same cap)', polarRfc)).toEqual([]);
	});
});

describe('distance to the edge against the dense haversine reference', () => {
	it('is within 1 cm for points up to 100 km away, everywhere', () => {
		expect(distances('ordinary polygons', ordinary.slice(0, 60), 5)).toEqual([]);
		expect(distances('antimeridian', antimeridian.slice(0, 30), 5)).toEqual([]);
		expect(distances('poles, bare ring', polar.slice(0, 30), 5)).toEqual([]);
		expect(
			distances('poles, RFC 7946 cap form (seams excluded)', polarRfc.slice(0, 15), 5),
		).toEqual([]);
	});

	it('matches turf pointToLineDistance where edges are short (< 300 m: straight and great-circle edges agree)', () => {
		let points = 0;
		let maxErrorM = 0;
		for (const testCase of ordinary.filter((candidate) => candidate.scale <= 300).slice(0, 60)) {
			const prepared = preparePolygon(parsePolygonGeometry(testCase.geometry));
			for (const point of testCase.points) {
				points++;
				const turf = Math.min(
					...testCase.rings.map((ring) => pointToLineDistance(point, lineString(ring), { units: 'meters' })),
				);
				maxErrorM = Math.max(
					maxErrorM,
					Math.abs(polygonEdgeDistanceM(prepared, latLon(point)) - turf),
				);
			}
		}
		figures['distance to edge: turf pointToLineDistance, edges < 300 m'] = { points, maxErrorM };
		expect(points).toBeGreaterThan(1000);
		expect(maxErrorM).toBeLessThan(BAND_M);
	});
});

describe('circles and nearest place against turf distance', () => {
	it('puts points in circles by haversine distance, anywhere on the globe', () => {
		const circleRandom = new SeededRandom(7);
		let points = 0;
		let outsideBand = 0;
		let maxErrorM = 0;
		for (let index = 0; index < 300; index++) {
			const center: Pos = [circleRandom.float(-180, 180), circleRandom.float(-89.9, 89.9)];
			const radiusM = circleRandom.pick([10, 500, 20000, 100000]);
			const zone = prepareZone(circleZone({ id: `c${index}`, center, radiusM }));
			for (let k = 0; k < 30; k++) {
				const point: Pos = [
					wrapLon(center[0] + circleRandom.float(-3, 3) * (radiusM / 100000)),
					Math.max(-90, Math.min(90, center[1] + circleRandom.float(-2, 2) * (radiusM / 100000))),
				];
				points++;
				const truth = distance(center, point, { units: 'meters' });
				const ours = zoneDistance(zone, latLon(point));
				maxErrorM = Math.max(maxErrorM, Math.abs(ours.signedDistanceM - (truth - radiusM)));
				if (
					zoneContains(zone, latLon(point)) !== truth <= radiusM &&
					Math.abs(truth - radiusM) > BAND_M
				)
					outsideBand++;
			}
		}
		figures['circles (turf distance)'] = {
			circles: 300,
			points,
			outsideBand,
			maxSignedDistanceErrorM: maxErrorM,
		};
		expect(outsideBand).toBe(0);
		expect(maxErrorM).toBeLessThan(BAND_M);
	});

	it('finds the same nearest place as a brute-force turf search', () => {
		const placeRandom = new SeededRandom(11);
		let mismatches = 0;
		for (let index = 0; index < 500; index++) {
			const places = Array.from({ length: placeRandom.int(1, 40) }, () => ({
				longitude: placeRandom.float(-180, 180),
				latitude: placeRandom.float(-90, 90),
			}));
			const point = {
				longitude: placeRandom.float(-180, 180),
				latitude: placeRandom.float(-90, 90),
			};
			const byTurf = places
				.map((place, at) => ({
					at,
					metres: distance([point.longitude, point.latitude], [place.longitude, place.latitude], {
						units: 'meters',
					}),
				}))
				.reduce((best, candidate) => (candidate.metres < best.metres ? candidate : best));
			if (nearestPlace(point, places)?.index !== byTurf.at) mismatches++;
		}
		figures['nearest place (turf distance, brute force)'] = { searches: 500, mismatches };
		expect(mismatches).toBe(0);
	});
});

describe('Ramer–Douglas–Peucker: every dropped point within tolerance of the simplified line', () => {
	/** A random drive: headings drift, speeds vary, 1–10 s between fixes. */
	function drive(seed: number, count: number, start: Pos): Pos[] {
		const driveRandom = new SeededRandom(seed);
		const points: Pos[] = [start];
		let heading = driveRandom.float(0, 2 * Math.PI);
		for (let index = 1; index < count; index++) {
			heading += driveRandom.float(-0.3, 0.3);
			const metres = driveRandom.float(0, 250);
			const [lon, lat] = points[index - 1];
			const cosLat = Math.cos((lat * Math.PI) / 180);
			points.push([
				wrapLon(lon + (metres * Math.sin(heading)) / (111195 * cosLat)),
				Math.max(-89.99, Math.min(89.99, lat + (metres * Math.cos(heading)) / 111195)),
			]);
		}
		return points;
	}

	it.each([
		['central Europe, 5 m', 1, [10, 48] as Pos, 5],
		['central Europe, 50 m', 2, [10, 48] as Pos, 50],
		['across the antimeridian, 10 m', 3, [179.9, -17] as Pos, 10],
		['near the north pole, 10 m', 4, [30, 89] as Pos, 10],
	])('50,000 points: %s', (name, seed, start, toleranceM) => {
		const route = drive(seed, 50000, start);
		const kept = simplifyIndices(route.map(latLon), toleranceM);
		let worstM = 0;
		let violations = 0;
		for (let k = 1; k < kept.length; k++) {
			const [from, to] = [route[kept[k - 1]], route[kept[k]]];
			for (let index = kept[k - 1] + 1; index < kept[k]; index++) {
				const metres = pointToLineDistance(route[index], lineString([from, to]), {
					units: 'meters',
					method: 'geodesic',
				});
				worstM = Math.max(worstM, metres);
				if (metres > toleranceM + 0.001) violations++;
			}
		}
		figures[`simplify: ${name}`] = {
			points: route.length,
			toleranceM,
			kept: kept.length,
			dropped: route.length - kept.length,
			worstDroppedM: worstM,
			violations,
		};
		expect(kept[0]).toBe(0);
		expect(kept[kept.length - 1]).toBe(route.length - 1);
		expect(kept.length).toBeLessThan(route.length);
		expect(violations).toBe(0);
	});
});

describe('the figures', () => {
	it('cover thousands of points in every containment family', () => {
		for (const key of Object.keys(figures).filter((name) => name.startsWith('contains'))) {
			expect((figures[key] as { points: number }).points).toBeGreaterThan(1500);
		}
	});
});
