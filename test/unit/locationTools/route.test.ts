import { length, lineString } from '@turf/turf';

import { findStops, splitTrips, summarizeRoute } from '../../../nodes/LocationTools/geometry/route';
import type { TimedPoint } from '../../../nodes/LocationTools/geometry/points';
import { SeededRandom } from '../../simulators/common/random';

const T0 = Date.parse('2024-06-01T08:00:00.000Z');
const COS_LAT = Math.cos((48 * Math.PI) / 180);
const options = { stopRadiusM: 30, stopMinDurationMs: 5 * 60_000, maxGapMs: 15 * 60_000 };

/**
 * 0–20: drive east, 300 m every 30 s (36 km/h). 20–40: parked 20 min, fixes every minute jittering
 * 3 m. 41–50: drive north 300 m every 30 s. 51: 2 h later, 5 km further (device was off). 52–56: drive.
 */
function dayRoute(): TimedPoint[] {
	const points: TimedPoint[] = [];
	let [lat, lon, t] = [48, 11, T0];
	const add = (speedKmh?: number) =>
		points.push({
			latitude: lat,
			longitude: lon,
			time: new Date(t).toISOString(),
			...(speedKmh === undefined ? {} : { speedKmh }),
		});
	add(0);
	for (let index = 1; index <= 20; index++) {
		lon += 300 / (111195 * COS_LAT);
		t += 30_000;
		add(index === 7 ? 41.5 : 36);
	}
	for (let index = 1; index <= 20; index++) {
		t += 60_000;
		points.push({
			latitude: lat + (index % 2 ? 3 : -3) / 111195,
			longitude: lon,
			time: new Date(t).toISOString(),
		});
	}
	const drive = (count: number) => {
		for (let index = 0; index < count; index++) {
			lat += 300 / 111195;
			t += 30_000;
			add(36);
		}
	};
	drive(10);
	lat += 5000 / 111195;
	t += 2 * 3600_000;
	add(0);
	drive(5);
	return points;
}

describe('summarizeRoute', () => {
	const route = dayRoute();
	const summary = summarizeRoute(route, options);

	it('measures distance like turf length (haversine per segment), to the centimetre', () => {
		const metres = length(lineString(route.map((point) => [point.longitude, point.latitude])), {
			units: 'meters',
		});
		expect(Math.abs(summary.distanceM - metres)).toBeLessThan(0.01);
		expect(summary.distanceM).toBeGreaterThan(6000 + 3000 + 5000 + 1500);
	});

	it('finds the stop with its place and times, and splits the duration into moving, stopped and gap', () => {
		expect(summary.stops).toEqual([
			{
				startIndex: 20,
				endIndex: 40,
				pointCount: 21,
				startTime: route[20].time,
				endTime: route[40].time,
				durationS: 1200,
				latitude: expect.closeTo(48, 6),
				longitude: expect.closeTo(route[20].longitude, 9),
			},
		]);
		expect(summary.pointCount).toBe(57);
		expect(summary.startTime).toBe('2024-06-01T08:00:00.000Z');
		expect(summary.endTime).toBe(route[56].time);
		expect(summary.durationS).toBe(600 + 1200 + 300 + 7200 + 150);
		expect(summary.stoppedTimeS).toBe(1200);
		expect(summary.movingTimeS).toBe(600 + 300 + 150);
	});

	it('reports speeds: the maximum reported, the average over the duration and over moving time', () => {
		expect(summary.maxSpeedKmh).toBe(41.5);
		expect(summary.maxSpeedSource).toBe('reported');
		expect(summary.averageSpeedKmh).toBeCloseTo((summary.distanceM / summary.durationS) * 3.6, 1);
		expect(summary.averageMovingSpeedKmh).toBeCloseTo(36, 1);
		const unreported = summarizeRoute(
			route.map((point) => ({ ...point, speedKmh: undefined })),
			options,
		);
		expect(unreported.maxSpeedSource).toBe('computed');
		// The fastest segment leaves the stop from a fix 3 m behind: 303 m in 30 s.
		expect(unreported.maxSpeedKmh).toBeCloseTo(36.36, 1);
	});

	it('gives the same answer for the points in any order, with indices into the input', () => {
		const random = new SeededRandom(5);
		const order = route.map((_, index) => index).sort(() => random.next() - 0.5);
		const shuffled = order.map((index) => route[index]);
		const again = summarizeRoute(shuffled, options);
		expect({ ...again, stops: [] }).toEqual({ ...summary, stops: [] });
		expect(
			again.stops.map((stop) => [shuffled[stop.startIndex].time, shuffled[stop.endIndex].time]),
		).toEqual([[route[20].time, route[40].time]]);
	});

	it('handles no points and one point', () => {
		expect(summarizeRoute([], options)).toMatchObject({
			pointCount: 0,
			startTime: null,
			distanceM: 0,
			maxSpeedKmh: null,
			averageSpeedKmh: null,
		});
		expect(summarizeRoute([route[0]], options)).toMatchObject({
			pointCount: 1,
			durationS: 0,
			maxSpeedKmh: 0,
			stops: [],
		});
	});
});

describe('splitTrips', () => {
	it('cuts at stops (sharing the departure and arrival points) and at gaps', () => {
		const route = dayRoute();
		const trips = splitTrips(route, options);
		const range = (from: number, to: number) =>
			Array.from({ length: to - from + 1 }, (_, k) => from + k);
		expect(trips.map((trip) => trip.indices)).toEqual([range(0, 20), range(40, 50), range(51, 56)]);
		expect(trips.map((trip) => trip.tripNumber)).toEqual([1, 2, 3]);
		expect(trips.map((trip) => trip.durationS)).toEqual([600, 300, 150]);
		expect(trips[0].distanceM).toBeCloseTo(6000, 0);
		expect(trips[0]).toMatchObject({
			startTime: route[0].time,
			endTime: route[20].time,
			averageSpeedKmh: expect.closeTo(36, 0),
		});
		expect(trips[2].start).toEqual({
			latitude: route[51].latitude,
			longitude: route[51].longitude,
		});
	});

	it('without a gap rule, the gap stays inside a trip', () => {
		const trips = splitTrips(dayRoute(), { ...options, maxGapMs: 0 });
		expect(trips.map((trip) => [trip.indices[0], trip.indices[trip.indices.length - 1]])).toEqual([
			[0, 20],
			[40, 56],
		]);
	});

	it('a parked device with a long silence is one stop, not a trip', () => {
		const parked: TimedPoint[] = [
			{ latitude: 10, longitude: 10, time: '2024-06-01T18:00:00Z' },
			{ latitude: 10.00001, longitude: 10, time: '2024-06-02T07:00:00+00:00' },
		];
		expect(splitTrips(parked, options)).toEqual([]);
		expect(findStops(parked, options)).toMatchObject([
			{ startIndex: 0, endIndex: 1, durationS: 13 * 3600 },
		]);
	});
});

describe('findStops', () => {
	it('places a stop on the antimeridian there, not at longitude 0', () => {
		const stops = findStops(
			[
				{ latitude: 0, longitude: 179.99995, time: '2024-06-01T00:00:00Z' },
				{ latitude: 0, longitude: -179.99995, time: '2024-06-01T00:10:00Z' },
			],
			options,
		);
		expect(Math.abs(stops[0].longitude)).toBeCloseTo(180, 6);
	});

	it('refuses bad points and options, naming them', () => {
		const good = { latitude: 1, longitude: 1, time: '2024-06-01T00:00:00Z' };
		expect(() => findStops([good, { ...good, time: 'yesterday' }], options)).toThrow(
			'Point 2: time "yesterday" is not an ISO 8601 date-time',
		);
		expect(() => findStops([{ ...good, latitude: 91 }], options)).toThrow(
			'Point 1: latitude 91 is not a number from -90 to 90',
		);
		expect(() => summarizeRoute([good], { ...options, stopRadiusM: -1 })).toThrow(
			'stopRadiusM must be a number of at least 0 (got -1)',
		);
	});
});
