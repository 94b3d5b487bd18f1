/** Hand-made cases for the documented rules (the random comparison with turf is in oracle.test.ts). */
import {
	polygonContains,
	preparePolygon,
	prepareZone,
	zoneContains,
	zonesContaining,
} from '../../../nodes/LocationTools/geometry/contains';
import { polygonEdgeDistanceM, zoneDistance } from '../../../nodes/LocationTools/geometry/distance';
import {
	circleZone,
	parsePolygonGeometry,
	polygonZoneFromPoints,
} from '../../../nodes/LocationTools/geometry/zones';

type Ring = number[][];
const polygon = (...rings: Ring[]) =>
	preparePolygon(parsePolygonGeometry({ type: 'Polygon', coordinates: rings }));
const inside = (prepared: ReturnType<typeof polygon>, longitude: number, latitude: number) =>
	polygonContains(prepared, { latitude, longitude });
/** 1° of latitude (and of longitude at the equator) on the package's sphere. */
const DEGREE_M = 111195.08;

describe('ordinary polygons', () => {
	const outer = [
		[0, 0],
		[10, 0],
		[10, 10],
		[0, 10],
		[0, 0],
	];
	const hole = [
		[4, 4],
		[6, 4],
		[6, 6],
		[4, 6],
		[4, 4],
	];

	it('holes are outside, MultiPolygon parts are each inside', () => {
		const withHole = polygon(outer, hole);
		expect([inside(withHole, 2, 2), inside(withHole, 5, 5), inside(withHole, 11, 5)]).toEqual([
			true,
			false,
			false,
		]);
		const multi = preparePolygon(
			parsePolygonGeometry({
				type: 'MultiPolygon',
				coordinates: [
					[outer, hole],
					[
						[
							[20, 0],
							[21, 0],
							[21, 1],
							[20, 0],
						],
					],
				],
			}),
		);
		expect([
			inside(multi, 2, 2),
			inside(multi, 5, 5),
			inside(multi, 20.9, 0.5),
			inside(multi, 20.1, 0.9),
		]).toEqual([true, false, true, false]);
	});

	it('ignores ring orientation', () => {
		const reversed = polygon([...outer].reverse(), [...hole].reverse());
		expect([inside(reversed, 2, 2), inside(reversed, 5, 5)]).toEqual([true, false]);
	});
});

describe('the antimeridian', () => {
	it('takes an edge the short way across ±180°', () => {
		const box = polygon([
			[170, -10],
			[-170, -10],
			[-170, 10],
			[170, 10],
			[170, -10],
		]);
		expect([
			inside(box, 180, 0),
			inside(box, -180, 0),
			inside(box, 175, 5),
			inside(box, -175, -5),
		]).toEqual([true, true, true, true]);
		expect([inside(box, 0, 0), inside(box, 160, 0), inside(box, -160, 0)]).toEqual([
			false,
			false,
			false,
		]);
	});

	it('reads corners on the antimeridian the same whether written 180 or -180, and edges along it', () => {
		const written = [
			[
				[170, 0],
				[180, -5],
				[-170, 0],
				[-180, 5],
				[170, 0],
			],
			[
				[170, 0],
				[-180, -5],
				[-170, 0],
				[180, 5],
				[170, 0],
			],
		];
		for (const ring of written) {
			const diamond = polygon(ring);
			expect([inside(diamond, 179, 0), inside(diamond, -179, 0), inside(diamond, 0, 0)]).toEqual([
				true,
				true,
				false,
			]);
		}
		const alongMeridian = polygon([
			[170, 0],
			[180, 0],
			[-180, 5],
			[170, 5],
			[170, 0],
		]);
		expect([inside(alongMeridian, 175, 2), inside(alongMeridian, -175, 2)]).toEqual([true, false]);
	});

	it('a polygon cut at the antimeridian (RFC 7946) is whole, and the cut is not an edge', () => {
		const cut = preparePolygon(
			parsePolygonGeometry({
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[170, -10],
							[180, -10],
							[180, 10],
							[170, 10],
							[170, -10],
						],
					],
					[
						[
							[-180, -10],
							[-170, -10],
							[-170, 10],
							[-180, 10],
							[-180, -10],
						],
					],
				],
			}),
		);
		expect([
			inside(cut, 180, 0),
			inside(cut, -180, 0),
			inside(cut, 179.9, 0),
			inside(cut, -179.9, 0),
		]).toEqual([true, true, true, true]);
		expect(polygonEdgeDistanceM(cut, { latitude: 0, longitude: 180 })).toBeCloseTo(
			10 * DEGREE_M,
			-1,
		);
	});
});

describe('the poles', () => {
	const northRing = [
		[0, 80],
		[90, 80],
		[180, 80],
		[-90, 80],
		[0, 80],
	];

	it('a ring around a pole encloses the pole on its side of the equator, either orientation', () => {
		for (const ring of [northRing, [...northRing].reverse()]) {
			const cap = polygon(ring);
			expect([
				inside(cap, 0, 90),
				inside(cap, 45, 85),
				inside(cap, -135, 89.9),
				inside(cap, 45, 75),
			]).toEqual([true, true, true, false]);
		}
		const south = polygon(northRing.map(([lon, lat]) => [lon, -lat]));
		expect([
			inside(south, 10, -90),
			inside(south, 10, -85),
			inside(south, 10, 85),
			inside(south, 10, -70),
		]).toEqual([true, true, false, false]);
	});

	it('a hole near the pole is outside the cap', () => {
		const cap = polygon(northRing, [
			[0, 88],
			[120, 88],
			[-120, 88],
			[0, 88],
		]);
		expect([inside(cap, 0, 85), inside(cap, 0, 89), inside(cap, 0, 90)]).toEqual([
			true,
			false,
			false,
		]);
	});

	it('a cap drawn the RFC 7946 way holds its pole, and its seams are not edges', () => {
		const cap = polygon([
			[-180, 80],
			[180, 80],
			[180, 90],
			[-180, 90],
			[-180, 80],
		]);
		expect([
			inside(cap, 0, 85),
			inside(cap, 123, 90),
			inside(cap, 180, 89),
			inside(cap, 0, 79),
		]).toEqual([true, true, true, false]);
		for (const longitude of [0, 180, -180]) {
			expect(polygonEdgeDistanceM(cap, { latitude: 85, longitude })).toBeCloseTo(5 * DEGREE_M, -1);
		}
	});

	it('reads an Antarctica-like ring (around the globe, closed along the south pole)', () => {
		const coast = Array.from({ length: 37 }, (_, index) => [-180 + index * 10, -70 + (index % 2)]);
		const antarctica = polygon([...coast, [180, -90], [-180, -90], [-180, -70]]);
		expect([
			inside(antarctica, 0, -80),
			inside(antarctica, 33, -90),
			inside(antarctica, 0, -60),
		]).toEqual([true, true, false]);
	});
});

describe('circles and zones', () => {
	it('uses great-circle distance, also across the antimeridian and at a pole', () => {
		const dateline = prepareZone(circleZone({ id: 'd', center: [179.9999, 0], radiusM: 100 }));
		expect(zoneContains(dateline, { latitude: 0, longitude: -179.9999 })).toBe(true);
		expect(
			zoneDistance(dateline, { latitude: 0, longitude: -179.9999 }).signedDistanceM,
		).toBeCloseTo(22.239 - 100, 2);
		const pole = prepareZone(circleZone({ id: 'p', center: [0, 90], radiusM: 1000 }));
		expect(zoneContains(pole, { latitude: 89.995, longitude: 137 })).toBe(true);
		expect(zoneContains(pole, { latitude: 89.99, longitude: 137 })).toBe(false);
	});

	it('lists the ids of the zones holding a point, in the order given', () => {
		const zones = [
			prepareZone(
				polygonZoneFromPoints(
					[
						[0, 0],
						[2, 0],
						[2, 2],
						[0, 2],
					],
					{ id: 'square', closeRing: true },
				),
			),
			prepareZone(circleZone({ id: 'far', center: [50, 50], radiusM: 10 })),
			prepareZone(circleZone({ id: 'near', center: [1, 1], radiusM: 1000 })),
		];
		expect(zonesContaining(zones, { latitude: 1.001, longitude: 1 })).toEqual(['square', 'near']);
		expect(zonesContaining(zones, { latitude: -1, longitude: 1 })).toEqual([]);
	});

	it('gives the signed distance to a polygon edge (negative inside)', () => {
		const zone = prepareZone(
			polygonZoneFromPoints(
				[
					[0, 0],
					[2, 0],
					[2, 2],
					[0, 2],
				],
				{ id: 'square', closeRing: true },
			),
		);
		const within = zoneDistance(zone, { latitude: 1, longitude: 1.5 });
		expect(within.inside).toBe(true);
		expect(within.signedDistanceM).toBeCloseTo(-0.5 * DEGREE_M * Math.cos((1 * Math.PI) / 180), -1);
		const south = zoneDistance(zone, { latitude: -1, longitude: 1 });
		expect(south).toEqual({
			inside: false,
			distanceToEdgeM: expect.any(Number),
			signedDistanceM: south.distanceToEdgeM,
		});
		expect(south.distanceToEdgeM).toBeCloseTo(DEGREE_M, 0);
	});
});
