import {
	circleZone,
	parsePolygonGeometry,
	parseZone,
	polygonZoneFromPoints,
	zonesFromGeoJson,
} from '../../../nodes/LocationTools/geometry/zones';

const square = [
	[0, 0],
	[1, 0],
	[1, 1],
	[0, 1],
	[0, 0],
];

describe('circleZone', () => {
	it('takes a centre as {latitude, longitude} or [longitude, latitude]', () => {
		expect(
			circleZone({ id: 'depot', center: { latitude: 52.5, longitude: 13.4 }, radiusM: 150 }),
		).toEqual({
			shape: 'circle',
			id: 'depot',
			name: 'depot',
			center: { latitude: 52.5, longitude: 13.4 },
			radiusM: 150,
		});
		expect(circleZone({ name: 'Yard', center: [13.4, 52.5], radiusM: 1 }, 'zone-3')).toMatchObject({
			id: 'zone-3',
			name: 'Yard',
			center: { latitude: 52.5, longitude: 13.4 },
		});
	});

	it.each([0, -5, Number.NaN, '100', null])('refuses radius %p, naming the zone', (radiusM) => {
		expect(() => circleZone({ name: 'Depot', center: [0, 0], radiusM })).toThrow(
			/^Zone "Depot": radius must be a number of metres greater than 0/,
		);
	});

	it('refuses a centre out of range, naming the coordinate and the range', () => {
		expect(() =>
			circleZone({ name: 'Depot', center: { latitude: 95, longitude: 0 }, radiusM: 5 }),
		).toThrow('Zone "Depot", centre: latitude 95 is out of range (-90 to 90)');
		expect(() => circleZone({ center: [181, 0], radiusM: 5 })).toThrow(
			'Zone, centre: longitude 181 is out of range (-180 to 180)',
		);
		expect(() => circleZone({ center: ['13.4', 52], radiusM: 5 })).toThrow(
			'longitude must be a number (got "13.4")',
		);
	});
});

describe('polygonZoneFromPoints', () => {
	it('takes [lon, lat] pairs and {latitude, longitude} objects', () => {
		const zone = polygonZoneFromPoints(
			[[0, 0], { latitude: 0, longitude: 1 }, [1, 1], { latitude: 1, longitude: 0 }, [0, 0]],
			{ id: 7, name: 'Depot' },
		);
		expect(zone).toEqual({
			shape: 'polygon',
			id: '7',
			name: 'Depot',
			polygon: { type: 'Polygon', coordinates: [square] },
		});
	});

	it('closes an open ring only when asked', () => {
		const open = square.slice(0, 4);
		expect(() => polygonZoneFromPoints(open, { name: 'Depot' })).toThrow(
			'Zone "Depot", points is not closed: the first position [0,0] differs from the last [0,1]',
		);
		expect(polygonZoneFromPoints(open, { closeRing: true }).polygon.coordinates).toEqual([square]);
		expect(polygonZoneFromPoints(square, { closeRing: true }).polygon.coordinates).toEqual([
			square,
		]);
	});

	it('refuses rings with fewer than 4 positions, even when closing them', () => {
		expect(() =>
			polygonZoneFromPoints(
				[
					[0, 0],
					[1, 0],
					[0, 0],
				],
				{ name: 'Tiny' },
			),
		).toThrow(
			'Zone "Tiny", points has 3 position(s); a ring needs at least 4 (3 corners and the first repeated at the end)',
		);
		expect(() =>
			polygonZoneFromPoints(
				[
					[0, 0],
					[1, 0],
				],
				{ closeRing: true },
			),
		).toThrow('has 2 position(s)');
		expect(() => polygonZoneFromPoints([], { closeRing: true })).toThrow('has 0 position(s)');
	});

	it('names the position that is wrong', () => {
		expect(() =>
			polygonZoneFromPoints(
				[
					[0, 0],
					[1, 0],
					[1, -91],
					[0, 0],
				],
				{ name: 'Depot' },
			),
		).toThrow('Zone "Depot", points, position 3: latitude -91 is out of range (-90 to 90)');
		expect(() => polygonZoneFromPoints([[0, 0], [1], [1, 1], [0, 0]])).toThrow(
			'Zone, points, position 2: a position needs [longitude, latitude] (got [1])',
		);
		expect(() => polygonZoneFromPoints('0,0 1,1')).toThrow(
			'Zone, points must be a list of positions',
		);
	});
});

describe('parsePolygonGeometry', () => {
	const hole = [
		[0.2, 0.2],
		[0.4, 0.2],
		[0.4, 0.4],
		[0.2, 0.2],
	];

	it('keeps Polygon and MultiPolygon with holes', () => {
		expect(parsePolygonGeometry({ type: 'Polygon', coordinates: [square, hole] })).toEqual({
			type: 'Polygon',
			coordinates: [square, hole],
		});
		expect(
			parsePolygonGeometry({ type: 'MultiPolygon', coordinates: [[square, hole], [square]] }),
		).toMatchObject({
			type: 'MultiPolygon',
		});
	});

	it('names the polygon and ring at fault', () => {
		const openHole = hole.slice(0, 3).concat([[0.3, 0.3]]);
		expect(() =>
			parsePolygonGeometry({ type: 'MultiPolygon', coordinates: [[square], [square, openHole]] }),
		).toThrow('Polygon, polygon 2, hole 1 is not closed');
		expect(() => parsePolygonGeometry({ type: 'Polygon', coordinates: [] })).toThrow(
			'Polygon must be a list of rings (exterior first, then holes)',
		);
		expect(() => parsePolygonGeometry({ type: 'MultiPolygon', coordinates: [] })).toThrow(
			'a MultiPolygon needs at least one polygon',
		);
		expect(() => parsePolygonGeometry({ type: 'LineString', coordinates: square })).toThrow(
			'Polygon has type "LineString"; expected Polygon or MultiPolygon',
		);
	});
});

describe('zonesFromGeoJson and parseZone', () => {
	it('reads a FeatureCollection: ids, names, Point features with a radius as circles', () => {
		const zones = zonesFromGeoJson({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					id: 'depot',
					properties: { name: 'Depot' },
					geometry: { type: 'Polygon', coordinates: [square] },
				},
				{
					type: 'Feature',
					properties: { id: 9, radiusM: 250 },
					geometry: { type: 'Point', coordinates: [13.4, 52.5] },
				},
				{
					type: 'Feature',
					properties: null,
					geometry: { type: 'MultiPolygon', coordinates: [[square]] },
				},
			],
		});
		expect(zones.map((zone) => [zone.shape, zone.id, zone.name])).toEqual([
			['polygon', 'depot', 'Depot'],
			['circle', '9', '9'],
			['polygon', 'zone-3', 'zone-3'],
		]);
		expect(zones[1]).toMatchObject({ center: { latitude: 52.5, longitude: 13.4 }, radiusM: 250 });
	});

	it('refuses two zones with one id, and features that are not areas', () => {
		const feature = {
			type: 'Feature',
			id: 'a',
			properties: {},
			geometry: { type: 'Polygon', coordinates: [square] },
		};
		expect(() =>
			zonesFromGeoJson({ type: 'FeatureCollection', features: [feature, feature] }),
		).toThrow('Two zones share the id "a"; zone ids must be unique');
		expect(() =>
			zonesFromGeoJson({
				type: 'Feature',
				properties: { name: 'Pin' },
				geometry: { type: 'Point', coordinates: [0, 0] },
			}),
		).toThrow('Zone "Pin" has type "Point"; expected Polygon or MultiPolygon');
		expect(() => zonesFromGeoJson('{"type":"Polygon"}')).toThrow('Zones must be a GeoJSON object');
	});

	it('parseZone accepts GeoJSON, a circle object or a list of points', () => {
		expect(parseZone({ type: 'Polygon', coordinates: [square] }, { id: 'p' })).toMatchObject({
			shape: 'polygon',
			id: 'p',
		});
		expect(parseZone({ center: [1, 2], radius: 30 }, { name: 'C' })).toMatchObject({
			shape: 'circle',
			name: 'C',
			radiusM: 30,
		});
		expect(parseZone(square.slice(0, 4), { closeRing: true })).toMatchObject({
			shape: 'polygon',
			id: 'polygon',
		});
		expect(() => parseZone({ type: 'FeatureCollection', features: [] })).toThrow(
			'Expected one zone, got 0',
		);
	});
});
