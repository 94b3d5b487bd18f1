import { DateTime } from 'luxon';

import {
	haversineMeters,
	normalizeLocation,
	summarizeTrack,
	toLineStringFeature,
} from '../../../nodes/shared/location';
import type { LocationInput, NormalizedLocation } from '../../../nodes/shared/location';

const base: LocationInput = {
	provider: 'protrack',
	deviceId: '358899051025339',
	latitude: 22.5,
	longitude: 113.9,
};

function point(
	latitude: number | null,
	longitude: number | null,
	extra: Partial<NormalizedLocation> = {},
): NormalizedLocation {
	return {
		provider: 'navixy',
		deviceId: '1',
		latitude,
		longitude,
		time: null,
		speedKmh: null,
		headingDeg: null,
		accuracyM: null,
		altitudeM: null,
		...extra,
	};
}

describe('normalizeLocation', () => {
	it('fills every field, reading numbers given as strings', () => {
		expect(
			normalizeLocation({
				provider: 'navixy',
				deviceId: 42,
				latitude: '52.52',
				longitude: '13.405',
				time: 1419906052,
				speedKmh: '61.5',
				headingDeg: '90',
				accuracyM: '8',
				altitudeM: '-12.5',
			}),
		).toEqual({
			provider: 'navixy',
			deviceId: '42',
			latitude: 52.52,
			longitude: 13.405,
			time: '2014-12-30T02:20:52.000Z',
			speedKmh: 61.5,
			headingDeg: 90,
			accuracyM: 8,
			altitudeM: -12.5,
		});
	});

	it('leaves missing values null', () => {
		expect(normalizeLocation(base)).toEqual({
			...base,
			time: null,
			speedKmh: null,
			headingDeg: null,
			accuracyM: null,
			altitudeM: null,
		});
	});

	it.each<[unknown, unknown]>([
		[90, 180],
		[-90, -180],
		['0', '0'],
	])('keeps in-range coordinates %p, %p', (latitude, longitude) => {
		const result = normalizeLocation({ ...base, latitude, longitude });
		expect(result.latitude).toBe(Number(latitude));
		expect(result.longitude).toBe(Number(longitude));
	});

	it.each<[unknown, unknown]>([
		[90.0001, 10],
		[-91, 10],
		[10, 180.5],
		[10, -181],
		['north', 10],
		[10, ''],
		[null, 10],
		[10, undefined],
		[Number.NaN, 10],
	])('nulls both coordinates for %p, %p', (latitude, longitude) => {
		const result = normalizeLocation({ ...base, latitude, longitude });
		expect(result.latitude).toBeNull();
		expect(result.longitude).toBeNull();
	});

	it.each<[unknown, number | null]>([
		[0, 0],
		[359.5, 359.5],
		[360, 0],
		[370, 10],
		[-90, 270],
		[-360, 0],
		[-0, 0],
		[720.25, 0.25],
		['x', null],
	])('normalizes heading %p to %p', (headingDeg, expected) => {
		const heading = normalizeLocation({ ...base, headingDeg }).headingDeg;
		expect(heading).toBe(expected);
		if (heading !== null) expect(Object.is(heading, -0)).toBe(false);
	});

	it('converts speed in m/s to km/h only when km/h is absent', () => {
		expect(normalizeLocation({ ...base, speedMps: 10 }).speedKmh).toBe(36);
		expect(normalizeLocation({ ...base, speedMps: '1.1' }).speedKmh).toBe(3.96);
		expect(normalizeLocation({ ...base, speedKmh: 50, speedMps: 10 }).speedKmh).toBe(50);
		expect(normalizeLocation({ ...base, speedKmh: 0, speedMps: 10 }).speedKmh).toBe(0);
	});

	it('drops negative speed and accuracy but keeps negative altitude', () => {
		const result = normalizeLocation({ ...base, speedKmh: -1, accuracyM: -5, altitudeM: -30 });
		expect(result.speedKmh).toBeNull();
		expect(result.accuracyM).toBeNull();
		expect(result.altitudeM).toBe(-30);
		expect(normalizeLocation({ ...base, speedMps: -2 }).speedKmh).toBeNull();
	});

	it.each<[LocationInput['time'], 's' | 'ms' | undefined, string | null]>([
		[1419906052, undefined, '2014-12-30T02:20:52.000Z'],
		['1419906052', 's', '2014-12-30T02:20:52.000Z'],
		[1419906052123, 'ms', '2014-12-30T02:20:52.123Z'],
		[0, undefined, null],
		[-1, undefined, null],
		['2014-12-30T03:20:52+01:00', undefined, '2014-12-30T02:20:52.000Z'],
		['2014-12-30T02:20:52', undefined, '2014-12-30T02:20:52.000Z'],
		['2014-12-30 02:20:52', undefined, '2014-12-30T02:20:52.000Z'],
		[
			DateTime.fromISO('2014-12-30T10:20:52', { zone: 'Asia/Shanghai' }),
			undefined,
			'2014-12-30T02:20:52.000Z',
		],
		['not a time', undefined, null],
		[null, undefined, null],
	])('normalizes time %p (unit %p) to %p', (time, timeUnit, expected) => {
		expect(normalizeLocation({ ...base, time, timeUnit }).time).toBe(expected);
	});
});

describe('haversineMeters', () => {
	it('is zero for the same point and symmetric', () => {
		const berlin = { latitude: 52.52, longitude: 13.405 };
		const paris = { latitude: 48.8566, longitude: 2.3522 };
		expect(haversineMeters(berlin, berlin)).toBe(0);
		expect(haversineMeters(berlin, paris)).toBeCloseTo(haversineMeters(paris, berlin), 6);
		expect(haversineMeters(berlin, paris)).toBeGreaterThan(876_000);
		expect(haversineMeters(berlin, paris)).toBeLessThan(880_000);
	});

	it('gives about 111.2 km per degree of latitude and half the circumference for antipodes', () => {
		expect(
			haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }),
		).toBeCloseTo(111_195.08, 1);
		expect(
			haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 }),
		).toBeCloseTo(Math.PI * 6_371_008.8, 3);
	});

	it('handles the antimeridian', () => {
		const west = { latitude: 0, longitude: 179.999 };
		const east = { latitude: 0, longitude: -179.999 };
		expect(haversineMeters(west, east)).toBeCloseTo(222.39, 1);
	});
});

describe('toLineStringFeature', () => {
	it('uses [longitude, latitude] order and skips points without a position', () => {
		const feature = toLineStringFeature([point(1, 2), point(null, null), point(3, 4)], {
			deviceId: '1',
		});
		expect(feature).toEqual({
			type: 'Feature',
			geometry: {
				type: 'LineString',
				coordinates: [
					[2, 1],
					[4, 3],
				],
			},
			properties: { deviceId: '1' },
		});
	});

	it('defaults to empty properties and copies the given ones', () => {
		expect(toLineStringFeature([]).properties).toEqual({});
		const properties = { a: 1 };
		expect(toLineStringFeature([], properties).properties).not.toBe(properties);
	});
});

describe('summarizeTrack', () => {
	it('sums distance over positioned points and finds max speed and time range', () => {
		const summary = summarizeTrack([
			point(0, 0, { speedKmh: 10, time: '2024-01-01T00:02:00.000Z' }),
			point(null, null, { speedKmh: 90, time: '2024-01-01T00:00:00.000Z' }),
			point(1, 0, { speedKmh: null, time: null }),
			point(2, 0, { speedKmh: 30, time: '2024-01-01T01:00:00.000+01:00' }),
		]);
		expect(summary.points).toBe(4);
		expect(summary.distanceM).toBeCloseTo(2 * 111_195.08, 0);
		expect(summary.maxSpeedKmh).toBe(90);
		expect(summary.firstTime).toBe('2024-01-01T00:00:00.000Z');
		expect(summary.lastTime).toBe('2024-01-01T00:02:00.000Z');
	});

	it('handles an empty track', () => {
		expect(summarizeTrack([])).toEqual({
			points: 0,
			distanceM: 0,
			maxSpeedKmh: null,
			firstTime: null,
			lastTime: null,
		});
	});
});
