/**
 * Location Tools through the n8n engine: positions of any provider (the normalized location) or of plain
 * fields, zones from the panel or GeoJSON, enter/exit kept in the workflow's static data across runs, route
 * summaries, simplification, trips, files and distances; bad input named, or passed through flagged.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType, TestN8n, type WorkflowJson } from '../runner';

const TOOLS = packageNodeType('locationTools');
/** A square depot, about 1.1 km a side, in Berlin; a circle of 300 m around its middle. */
const DEPOT = [
	[13.4, 52.5],
	[13.416, 52.5],
	[13.416, 52.51],
	[13.4, 52.51],
	[13.4, 52.5],
];
const MIDDLE = { latitude: 52.505, longitude: 13.408 };
const FAR = { latitude: 52.53, longitude: 13.45 };

const fix = (deviceId: string, at: { latitude: number; longitude: number }, time: string, extra: IDataObject = {}) => ({
	name: `${deviceId} at ${time}`,
	location: { provider: 'protrack', deviceId, ...at, time, speedKmh: null },
	...extra,
});

const zonesList = {
	zone: [
		{ name: 'Depot', shape: 'polygon', polygon: JSON.stringify(DEPOT) },
		{ name: 'Gate', shape: 'circle', latitude: MIDDLE.latitude, longitude: MIDDLE.longitude, radiusM: 300 },
	],
};

let n8n: TestN8n;
beforeEach(() => (n8n = new TestN8n()));

const tools = (parameters: INodeParameters, items: object[], extra = {}) => itemsInto(items, node('Tools', TOOLS, parameters, undefined, extra));
const json = async (workflow: WorkflowJson) => {
	const result = await n8n.run(workflow);
	expect(result.error).toBeUndefined();
	return { items: result.output('Tools').map((item) => item.json), result };
};

describe('Location Tools › Geofence', () => {
	it('Check says which zones contain each position and how far each edge is', async () => {
		const { items } = await json(tools({ resource: 'geofence', operation: 'check', zones: zonesList }, [fix('t7', MIDDLE, '2026-11-30T08:00:00Z'), fix('t7', FAR, '2026-11-30T09:00:00Z')]));
		const [inside, outside] = items.map((item) => item.geofence as { insideZones: string[]; zones: Array<IDataObject> });
		expect(inside.insideZones).toEqual(['Depot', 'Gate']);
		expect(outside.insideZones).toEqual([]);
		expect(Number(inside.zones[1].signedDistanceM)).toBeCloseTo(-300, 0);
		expect(Number(outside.zones[0].distanceToEdgeM)).toBeGreaterThan(2000);
		expect(items[0].name).toBe('t7 at 2026-11-30T08:00:00Z');
	});

	it('Detect Enter and Exit emits only changes, remembering devices across runs in the static data', async () => {
		const workflow = (items: object[], staticData: IDataObject = {}) => ({
			...tools({ resource: 'geofence', operation: 'detectTransitions', zones: { zone: [zonesList.zone[0]] } }, items),
			staticData,
		});
		const first = await n8n.run(workflow([fix('t7', MIDDLE, '2026-11-30T08:00:00Z'), fix('t9', FAR, '2026-11-30T08:00:00Z')]));
		expect(first.output('Tools')).toEqual([]);
		const second = await n8n.run(workflow([fix('t7', FAR, '2026-11-30T08:05:00Z'), fix('t9', MIDDLE, '2026-11-30T08:05:00Z')], first.staticData));
		const events = second.output('Tools').map((item) => [item.json.deviceId, item.json.event, (item.json.zone as IDataObject).name, item.pairedItem]);
		expect(events).toEqual([
			['t7', 'exit', 'Depot', { item: 0 }],
			['t9', 'enter', 'Depot', { item: 1 }],
		]);
		expect(second.output('Tools')[0].json).toMatchObject({
			time: '2026-11-30T08:05:00.000Z',
			previousPosition: { ...MIDDLE, time: '2026-11-30T08:00:00.000Z' },
			currentPosition: { ...FAR, time: '2026-11-30T08:05:00.000Z' },
		});
		const third = await n8n.run(workflow([fix('t7', FAR, '2026-11-30T08:10:00Z'), fix('t9', MIDDLE, '2026-11-30T08:10:00Z')], second.staticData));
		expect(third.output('Tools')).toEqual([]);
	});

	it('a minimum dwell holds a change back until it lasted; first sightings can count as entering', async () => {
		const options = { minDwellMinutes: 10, emitOnFirstSighting: true };
		const run = async (items: object[], staticData: IDataObject = {}) =>
			await n8n.run({ ...tools({ resource: 'geofence', operation: 'detectTransitions', zones: { zone: [zonesList.zone[0]] }, options }, items), staticData });
		const first = await run([fix('t7', MIDDLE, '2026-11-30T08:00:00Z')]);
		expect(first.output('Tools').map((item) => [item.json.event, item.json.firstSighting])).toEqual([['enter', true]]);
		const out = await run([fix('t7', FAR, '2026-11-30T08:05:00Z')], first.staticData);
		expect(out.output('Tools')).toEqual([]);
		const stillOut = await run([fix('t7', FAR, '2026-11-30T08:16:00Z')], out.staticData);
		expect(stillOut.output('Tools').map((item) => [item.json.event, item.json.time])).toEqual([['exit', '2026-11-30T08:05:00.000Z']]);
	});

	it('refuses an open or too short polygon and a radius of 0, naming the zone', async () => {
		const bad = await n8n.run(tools({ resource: 'geofence', operation: 'check', zoneSource: 'geojson', zonesGeoJson: JSON.stringify({ type: 'Polygon', coordinates: [[[13.4, 52.5], [13.41, 52.5], [13.4, 52.5]]] }) }, [fix('t7', MIDDLE, '2026-11-30T08:00:00Z')]));
		expect(bad.error?.message).toMatch(/^Invalid zones: .*at least 4/);
		const circle = await n8n.run(tools({ resource: 'geofence', operation: 'check', zones: { zone: [{ name: 'Zero', shape: 'circle', latitude: 1, longitude: 1, radiusM: 0 }] } }, [fix('t7', MIDDLE, '2026-11-30T08:00:00Z')]));
		expect(circle.error?.message).toMatch(/^Invalid zones: .*Zero.*radius/);
	});

	it('an item without a usable location fails the node naming item and field, or passes through flagged', async () => {
		const items = [fix('t7', MIDDLE, '2026-11-30T08:00:00Z'), { name: 'no position', location: { latitude: 95, longitude: 13 } }];
		const failed = await n8n.run(tools({ resource: 'geofence', operation: 'check', zones: zonesList }, items));
		expect(failed.error?.message).toBe('Item 2: "location.latitude" is 95 (expected a latitude from -90 to 90)');
		const { items: flagged } = await json(tools({ resource: 'geofence', operation: 'check', zones: zonesList, onInvalidLocation: 'flag' }, items));
		expect(flagged).toHaveLength(2);
		expect(flagged[1]).toMatchObject({ name: 'no position', locationError: expect.stringContaining('Item 2') });
	});

	it('reads positions from plain fields of any node', async () => {
		const { items } = await json(
			tools(
				{ resource: 'geofence', operation: 'check', zones: zonesList, locationSource: 'fields', latitudeField: 'pos.lat', longitudeField: 'pos.lng' },
				[{ pos: { lat: String(MIDDLE.latitude), lng: MIDDLE.longitude } }],
			),
		);
		expect((items[0].geofence as { insideZones: string[] }).insideZones).toEqual(['Depot', 'Gate']);
	});
});

/** A drive north along a meridian (a great circle) with a 20-minute stop in the middle, one fix a minute. */
function drive(deviceId: string): object[] {
	const fixes: object[] = [];
	let latitude = 52.4;
	for (let minute = 0; minute < 60; minute++) {
		const stopped = minute >= 20 && minute < 40;
		if (!stopped) latitude += 0.01;
		const time = new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString();
		fixes.push(fix(deviceId, { latitude: Math.round(latitude * 1e6) / 1e6, longitude: 13.4 }, time));
	}
	return fixes;
}

describe('Location Tools › Route, Convert and Distance', () => {
	it('Summarize gives distance, durations, the stop and speeds per device', async () => {
		const { items } = await json(tools({ resource: 'route', operation: 'summarize' }, [...drive('t7'), ...drive('t9')]));
		expect(items.map((item) => item.deviceId)).toEqual(['t7', 't9']);
		const [summary] = items;
		expect(summary).toMatchObject({ pointCount: 60, durationS: 59 * 60, startTime: '2026-11-30T08:00:00.000Z' });
		expect((summary.stops as unknown[]).length).toBe(1);
		// 39 steps between fixes of 0.01° of latitude, about 1,112 m each.
		expect(Number(summary.distanceM)).toBeGreaterThan(39 * 1110);
		expect(Number(summary.distanceM)).toBeLessThan(39 * 1114);
	});

	it('Simplify keeps the first and last point of a straight drive and drops the rest', async () => {
		const { items, result } = await json(tools({ resource: 'route', operation: 'simplify', toleranceM: 5 }, drive('t7')));
		expect(items.map((item) => item.name)).toEqual(['t7 at 2026-11-30T08:00:00.000Z', 't7 at 2026-11-30T08:59:00.000Z']);
		expect(result.output('Tools').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 59 }]);
	});

	it('Split into Trips cuts at the stop', async () => {
		const { items } = await json(tools({ resource: 'route', operation: 'splitTrips' }, drive('t7')));
		expect(items.map((item) => item.tripNumber)).toEqual([1, 2]);
		expect((items[0].route as { geometry: { type: string } }).geometry.type).toBe('LineString');
	});

	it('To File writes a GPX 1.1 file with every point as binary data', async () => {
		const result = await n8n.run(tools({ resource: 'convert', operation: 'toFile', format: 'gpx' }, drive('t7')));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Tools');
		expect(item.json).toMatchObject({ format: 'gpx', fileName: 't7.gpx', points: 60 });
		const text = Buffer.from(item.binary!.data.data, 'base64').toString('utf8');
		expect(text).toContain('<gpx version="1.1"');
		expect(text.match(/<trkpt /g)).toHaveLength(60);
		expect(item.binary!.data.mimeType).toBe('application/gpx+xml');
	});

	it('To GeoJSON gives a FeatureCollection with the line and the points', async () => {
		const { items } = await json(tools({ resource: 'convert', operation: 'toGeoJson' }, drive('t7')));
		expect(items[0].type).toBe('FeatureCollection');
		expect((items[0].features as unknown[]).length).toBe(61);
	});

	it('Distance to a point and to the nearest place', async () => {
		const point = await json(tools({ resource: 'distance', operation: 'toPoint', pointLatitude: FAR.latitude, pointLongitude: FAR.longitude }, [fix('t7', FAR, '2026-11-30T08:00:00Z')]));
		expect(point.items[0].distanceM).toBe(0);
		const places = { place: [{ name: 'Far', ...FAR }, { name: 'Middle', ...MIDDLE }] };
		const nearest = await json(tools({ resource: 'distance', operation: 'toNearestPlace', places }, [fix('t7', { latitude: 52.506, longitude: 13.408 }, '2026-11-30T08:00:00Z')]));
		expect(nearest.items[0].nearestPlace).toMatchObject({ name: 'Middle' });
		expect(Number((nearest.items[0].nearestPlace as IDataObject).distanceM)).toBeCloseTo(111.2, 0);
	});
});
