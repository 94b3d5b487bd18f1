import { callbackItems, DEFAULT_FILTER } from '../../../nodes/ThingSpace/helpers/callback';

const position = { locationType: '1', radius: '1782', time: '20200723030357', x: '37.65996174987342', y: '-122.46907314206896' };
const success = {
	accountName: '2234434445-32333',
	deviceList: [
		{ id: '354677790348290', kind: 'IMEI', mdn: '5557337468', positionData: position },
		{ id: '354677790348308', kind: 'IMEI', mdn: '5557337469', positionData: { ...position, locationType: '0' } },
		{ id: '354677790348316', kind: 'IMEI', mdn: '5557337470', error: { info: 'No consent on file', time: '20201002010140', type: 'TS CONSENT NOT FOUND' } },
	],
	reportType: 'LOCATION_REPORT',
	status: 'SUCCESS',
	transactionID: '9d98e12b-5287-4db2-8b1b-f295ced4527e',
};
const stop = {
	accountName: '2234434445-32333',
	deviceList: [{ id: '354677790348290', mdn: '5557337468' }],
	reportType: 'STOP_PERIODIC_LOCATION_RESPONSE',
	status: 'SUCCESS',
	transactionID: '382fbeef-0000-4be4-a02b-e2faf5a41a35',
};

describe('ThingSpace callbacks split into items', () => {
	it('one item per device: ISO time, cached from locationType, accuracy, normalized location, the error when there is one', () => {
		const items = callbackItems(success, DEFAULT_FILTER);
		expect(items.map((item) => [item.deviceId, item.time, item.cached, item.accuracyMeters])).toEqual([
			['354677790348290', '2020-07-23T03:03:57.000Z', false, 1782],
			['354677790348308', '2020-07-23T03:03:57.000Z', true, 1782],
			['354677790348316', '2020-10-02T01:01:40.000Z', null, null],
		]);
		expect(items[0]).toMatchObject({ accountName: '2234434445-32333', reportType: 'LOCATION_REPORT', status: 'SUCCESS', transactionId: success.transactionID, kind: 'IMEI', mdn: '5557337468' });
		expect(items[0].location).toMatchObject({ latitude: 37.65996174987342, longitude: -122.46907314206896, accuracyM: 1782 });
		expect(items[0]).not.toHaveProperty('error');
		expect(items[2]).toMatchObject({ location: null, error: { type: 'TS CONSENT NOT FOUND', info: 'No consent on file', time: '2020-10-02T01:01:40.000Z' } });
	});

	it('reads locationType beside the device too (the table puts it there)', () => {
		const [item] = callbackItems({ ...success, deviceList: [{ id: '1', locationType: '0', positionData: { x: '1', y: '2', radius: '3', time: '20200101000000' } }] }, DEFAULT_FILTER);
		expect(item.cached).toBe(true);
	});

	it('a stop response gives the device without position or time', () => {
		expect(callbackItems(stop, DEFAULT_FILTER)).toEqual([
			{
				accountName: '2234434445-32333',
				reportType: 'STOP_PERIODIC_LOCATION_RESPONSE',
				status: 'SUCCESS',
				transactionId: '382fbeef-0000-4be4-a02b-e2faf5a41a35',
				deviceId: '354677790348290',
				kind: null,
				mdn: '5557337468',
				time: null,
				cached: null,
				accuracyMeters: null,
				location: null,
			},
		]);
	});

	it('filters by report type, status and failed devices; raw entries on request', () => {
		expect(callbackItems(stop, { ...DEFAULT_FILTER, reportTypes: ['LOCATION_REPORT'] })).toEqual([]);
		expect(callbackItems(success, { ...DEFAULT_FILTER, status: 'failed' })).toEqual([]);
		expect(callbackItems({ ...success, status: 'FAILED' }, { ...DEFAULT_FILTER, status: 'failed' })).toHaveLength(3);
		expect(callbackItems(success, { ...DEFAULT_FILTER, failedDevices: 'filter' }).map((item) => item.deviceId)).toEqual(['354677790348290', '354677790348308']);
		expect(callbackItems(success, { ...DEFAULT_FILTER, includeRaw: true })[2].raw).toEqual(success.deviceList[2]);
		expect(callbackItems({ reportType: 'LOCATION_REPORT', status: 'SUCCESS' }, DEFAULT_FILTER)).toEqual([]);
	});
});
