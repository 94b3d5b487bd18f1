import { XMLParser, XMLValidator } from 'fast-xml-parser';

import {
	escapeXml,
	formatNumber,
	toGeoJson,
	toGpx,
	toKml,
	type ExportPoint,
} from '../../../nodes/LocationTools/geometry/export';

const points: ExportPoint[] = [
	{
		latitude: 52.5,
		longitude: 13.4,
		time: '2024-06-01T08:00:00Z',
		altitudeM: 34.5,
		name: 'Start & <go>',
	},
	{
		latitude: 52.5001,
		longitude: 13.4000001,
		time: '2024-06-01T10:00:30+02:00',
		speedKmh: 12,
	} as ExportPoint,
	{
		latitude: -0.00000001,
		longitude: -179.9999999,
		time: null,
		name: `Quote " and ' and \u0001bell`,
	},
];
const awkwardName = 'Truck <7> & "Depot" \'A\'\u0000\u001f';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

describe('formatNumber and escapeXml', () => {
	it('writes plain decimals, never exponents, to 9 places', () => {
		expect([1e-7, -1e-7, 13.4, -0.0000000001, 180, 52.123456789123].map(formatNumber)).toEqual([
			'0.0000001',
			'-0.0000001',
			'13.4',
			'0',
			'180',
			'52.123456789',
		]);
	});

	it('escapes markup and drops characters XML 1.0 forbids', () => {
		expect(escapeXml(awkwardName)).toBe('Truck &lt;7&gt; &amp; &quot;Depot&quot; &apos;A&apos;');
		expect(escapeXml('tab\tline\nok \u{1F69A} \uD800lone')).toBe('tab\tline\nok \u{1F69A} lone');
	});
});

describe('toGpx', () => {
	it('writes a valid GPX 1.1 track with times and elevation', () => {
		const gpx = toGpx(points, { kind: 'route', name: awkwardName });
		expect(XMLValidator.validate(gpx)).toBe(true);
		const { gpx: root } = parser.parse(gpx);
		expect(root['@version']).toBe('1.1');
		expect(root['@xmlns']).toBe('http://www.topografix.com/GPX/1/1');
		expect(root.metadata.name).toBe('Truck <7> & "Depot" \'A\'');
		const trkpt = root.trk.trkseg.trkpt;
		expect(trkpt).toHaveLength(3);
		expect(trkpt[0]).toEqual({
			'@lat': '52.5',
			'@lon': '13.4',
			ele: 34.5,
			time: '2024-06-01T08:00:00.000Z',
		});
		expect(trkpt[1]).toEqual({
			'@lat': '52.5001',
			'@lon': '13.4000001',
			time: '2024-06-01T08:00:30.000Z',
		});
		expect(trkpt[2]).toEqual({ '@lat': '-0.00000001', '@lon': '-179.9999999' });
	});

	it('writes a set of points as named waypoints', () => {
		const gpx = toGpx(points, { kind: 'points' });
		expect(XMLValidator.validate(gpx)).toBe(true);
		const { gpx: root } = parser.parse(gpx);
		expect(root.trk).toBeUndefined();
		expect(root.wpt.map((wpt: { name?: string }) => wpt.name)).toEqual([
			'Start & <go>',
			undefined,
			'Quote " and \' and bell',
		]);
	});
});

describe('toKml', () => {
	it('writes a valid KML 2.2 LineString placemark and a placemark per point', () => {
		const kml = toKml(points, { kind: 'route', name: awkwardName });
		expect(XMLValidator.validate(kml)).toBe(true);
		const document = parser.parse(kml).kml.Document;
		expect(parser.parse(kml).kml['@xmlns']).toBe('http://www.opengis.net/kml/2.2');
		const [line, ...marks] = document.Placemark;
		expect(line.LineString.coordinates).toBe(
			'13.4,52.5,34.5 13.4000001,52.5001 -179.9999999,-0.00000001',
		);
		expect(line.LineString.tessellate).toBe(1);
		expect(marks.map((mark: { TimeStamp?: { when: string } }) => mark.TimeStamp?.when)).toEqual([
			'2024-06-01T08:00:00.000Z',
			'2024-06-01T08:00:30.000Z',
			undefined,
		]);
		const withoutPoints = parser.parse(toKml(points, { kind: 'route', includePoints: false })).kml
			.Document;
		expect(withoutPoints.Placemark.LineString).toBeDefined();
	});
});

describe('toGeoJson', () => {
	it('gives a FeatureCollection with the line (times alongside) and the points', () => {
		const collection = toGeoJson(points, { kind: 'route', name: 'Monday' });
		expect(collection.type).toBe('FeatureCollection');
		expect(collection.features[0]).toEqual({
			type: 'Feature',
			geometry: {
				type: 'LineString',
				coordinates: [
					[13.4, 52.5],
					[13.4000001, 52.5001],
					[-179.9999999, -0.00000001],
				],
			},
			properties: {
				name: 'Monday',
				coordTimes: ['2024-06-01T08:00:00.000Z', '2024-06-01T08:00:30.000Z', null],
			},
		});
		expect(collection.features[1]).toEqual({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [13.4, 52.5, 34.5] },
			properties: { name: 'Start & <go>', time: '2024-06-01T08:00:00.000Z' },
		});
		expect(
			toGeoJson(points, { kind: 'points' }).features.map((feature) => feature.geometry.type),
		).toEqual(['Point', 'Point', 'Point']);
		expect(toGeoJson(points, { kind: 'route', includePoints: false }).features).toHaveLength(1);
	});

	it('refuses a point out of range, naming it', () => {
		expect(() => toGpx([points[0], { latitude: 0, longitude: 200 }], { kind: 'route' })).toThrow(
			'Point 2: longitude 200 is not a number from -180 to 180',
		);
	});
});
