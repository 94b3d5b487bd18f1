import { compactTimeToIso, currentLocationJson, positionToLocation } from '../../../nodes/ThingSpace/helpers/location';

describe('ThingSpace times and positions', () => {
	it('reads yyyyMMddHHmmss as UTC', () => {
		expect(compactTimeToIso('20200723030357')).toBe('2020-07-23T03:03:57.000Z');
		expect(compactTimeToIso(20201002010140)).toBe('2020-10-02T01:01:40.000Z');
	});

	it('applies a utcoffset: the time is local at that offset', () => {
		expect(compactTimeToIso('20200723030357', '+0000')).toBe('2020-07-23T03:03:57.000Z');
		expect(compactTimeToIso('20200723030357', '-0500')).toBe('2020-07-23T08:03:57.000Z');
		expect(compactTimeToIso('20200723030357', '+05:30')).toBe('2020-07-22T21:33:57.000Z');
	});

	it('gives null for missing or unreadable times', () => {
		expect(compactTimeToIso(undefined)).toBeNull();
		expect(compactTimeToIso('')).toBeNull();
		expect(compactTimeToIso('2020-07-23')).toBeNull();
		expect(compactTimeToIso('20201340250000')).toBeNull();
	});

	it('normalizes a position: x latitude, y longitude, radius metres', () => {
		expect(positionToLocation('354677790348290', { x: '37.65996174987342', y: '-122.46907314206896', radius: '1782', time: '20200723030357' })).toEqual({
			provider: 'thingspace',
			deviceId: '354677790348290',
			latitude: 37.65996174987342,
			longitude: -122.46907314206896,
			time: '2020-07-23T03:03:57.000Z',
			speedKmh: null,
			headingDeg: null,
			accuracyM: 1782,
			altitudeM: null,
		});
		expect(positionToLocation('1', { x: '95', y: '10' })).toMatchObject({ latitude: null, longitude: null, time: null });
	});

	it('turns a synchronous answer entry into an item, or the device error into words', () => {
		const pd = { time: '20260101120000', utcoffset: '+0000', x: '41.9', y: '-87.6', radius: '25', qos: true };
		expect(currentLocationJson({ msid: '1', pd, error: null }, { id: '1', mdn: '5557330000' }, '0000123456-00001')).toEqual({
			json: expect.objectContaining({ deviceId: '1', mdn: '5557330000', time: '2026-01-01T12:00:00.000Z', accuracyMeters: 25, qosMet: true, positionData: pd }),
		});
		expect(currentLocationJson({ msid: '2', pd: null, error: { type: 'TS CONSENT NOT FOUND', info: 'No consent' } }, { id: '2' }, 'a')).toEqual({
			error: 'ThingSpace could not locate device 2: TS CONSENT NOT FOUND: No consent',
		});
		expect(currentLocationJson({ msid: '3' }, { id: '3' }, 'a')).toEqual({ error: 'ThingSpace could not locate device 3: no position and no error in the answer' });
	});
});
