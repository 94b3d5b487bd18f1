/** Signed, forged, unsigned and repeated callbacks; many at once; the times they carry; the fleet behind them. */
import { createHmac } from 'node:crypto';

import { luhnCheckDigit } from '../../common/imei';
import { THINGSPACE_OTHER, ThingSpaceSimulator, isoOfTsTime, reportKey, tsTime, type ReportBody } from '../index';
import { DEMO, harness } from './harness';

const hmac = (key: string, body: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(body, 'utf8')).digest('hex');

describe('ThingSpace callbacks', () => {
	const env = harness();
	let key = '';

	beforeAll(async () => {
		await env.signIn();
		key = await env.listen();
	});
	beforeEach(() => env.receiver.clear());

	it('signs the exact body bytes with the shared key; forged signatures do not verify; unsigned ones have none', async () => {
		const signed = await env.sim.failureReport(3);
		const forged = await env.sim.failureReport(4, 'forged');
		const unsigned = await env.sim.failureReport(5, 'unsigned');
		expect([signed, forged, unsigned].map((delivery) => [delivery.kind, delivery.httpStatus])).toEqual([
			['signed', 200],
			['forged', 200],
			['unsigned', 200],
		]);
		const [first, second, third] = env.receiver.received;
		expect(first.body).toBe(signed.body);
		expect(first.headers['vz-signature']).toBe(hmac(key, first.body));
		expect(second.headers['vz-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(second.headers['vz-signature']).not.toBe(hmac(key, second.body));
		expect(third.headers['vz-signature']).toBeUndefined();
		expect(first.headers['content-type']).toBe('application/json');
	});

	it('failureReport() sends one FAILED LOCATION_REPORT with a new transaction id each call', async () => {
		const first = await env.sim.failureReport(7);
		const second = await env.sim.failureReport(7);
		expect(first.transactionID).not.toBe(second.transactionID);
		const body = JSON.parse(first.body) as ReportBody;
		const device = env.sim.device(7);
		expect(body).toEqual({
			accountName: DEMO,
			deviceList: [{ error: { info: 'No consent on file for this device', time: expect.stringMatching(/^\d{14}$/), type: 'TS CONSENT NOT FOUND' }, id: device.imei, kind: 'IMEI', mdn: device.mdn }],
			reportType: 'LOCATION_REPORT',
			status: 'FAILED',
			transactionID: first.transactionID,
		});
		expect(first.key).toBe(`${first.transactionID}/${device.imei}/${isoOfTsTime((body.deviceList[0] as { error: { time: string } }).error.time)}`);
	});

	it('redeliver() sends the same bytes and signature again, recorded as repeated', async () => {
		const original = await env.sim.failureReport(8);
		const again = await env.sim.redeliver(original.seq);
		expect(again).toMatchObject({ kind: 'repeated', body: original.body, signature: original.signature, key: original.key, httpStatus: 200 });
		expect(env.receiver.received.map((entry) => entry.body)).toEqual([original.body, original.body]);
		expect(env.receiver.received.map((entry) => entry.headers['vz-signature'])).toEqual([original.signature, original.signature]);
		expect(env.sim.callbacks('repeated').map((delivery) => delivery.seq)).toContain(again.seq);
	});

	it('records what the receiver answered', async () => {
		env.receiver.status = 401;
		try {
			expect((await env.sim.failureReport(9)).httpStatus).toBe(401);
		} finally {
			env.receiver.status = 200;
		}
	});

	it('sends N signed LOCATION_REPORTs at once, each with its own key, status and timing', async () => {
		const deliveries = await env.sim.sendLocationReports(200, { firstDevice: 1000 });
		expect(deliveries).toHaveLength(200);
		expect(deliveries.every((delivery) => delivery.httpStatus === 200 && delivery.status === 'SUCCESS')).toBe(true);
		expect(new Set(deliveries.map((delivery) => delivery.key)).size).toBe(200);
		expect(deliveries.every((delivery) => delivery.durationMs >= 0 && delivery.at > 0)).toBe(true);
		expect(env.receiver.received).toHaveLength(200);
		expect(env.receiver.received.every((entry) => entry.headers['vz-signature'] === hmac(key, entry.body))).toBe(true);
		const ids = env.receiver.bodies().map((body) => body.deviceList[0].id);
		expect(new Set(ids)).toEqual(new Set(env.sim.fleetHead(1200).slice(1000).map((device) => device.imei)));
		const slowest = Math.max(...deliveries.map((delivery) => delivery.durationMs));
		console.log(`thingspace: 200 concurrent callbacks, slowest answered after ${slowest} ms`);
	});
});

describe('ThingSpace times and fleet', () => {
	it('writes and reads the callback time format (the document’s example)', () => {
		expect(isoOfTsTime('20200723030357')).toBe('2020-07-23T03:03:57.000Z');
		expect(tsTime(Date.parse('2020-10-02T01:01:40Z'))).toBe('20201002010140');
		expect(() => isoOfTsTime('2020-07-23')).toThrow();
		const body: ReportBody = {
			accountName: DEMO,
			deviceList: [{ id: '354677790348290', kind: 'IMEI', mdn: '5557337468', positionData: { locationType: '1', radius: '1782', time: '20200723030357', x: '37.6', y: '-122.4' } }],
			reportType: 'LOCATION_REPORT',
			status: 'SUCCESS',
			transactionID: '9d98e12b-5287-4db2-8b1b-f295ced4527e',
		};
		expect(reportKey(body)).toBe('9d98e12b-5287-4db2-8b1b-f295ced4527e/354677790348290/2020-07-23T03:03:57.000Z');
	});

	it('generates the same first devices on every run, with valid IMEIs and 10-digit MDNs that map back', () => {
		const first = new ThingSpaceSimulator().fleetHead(25);
		const again = new ThingSpaceSimulator({ fleetSize: 30 }).fleetHead(25);
		expect(again.map(({ imei, mdn, name }) => ({ imei, mdn, name }))).toEqual(first.map(({ imei, mdn, name }) => ({ imei, mdn, name })));
		const sim = new ThingSpaceSimulator();
		for (const device of first) {
			expect(device.imei).toMatch(/^\d{15}$/);
			expect(Number(device.imei[14])).toBe(luhnCheckDigit(device.imei.slice(0, 14)));
			expect(device.mdn).toMatch(/^\d{10}$/);
			expect(sim.deviceByImei(device.imei)?.index).toBe(device.index);
		}
		expect(new Set(first.map((device) => device.imei)).size).toBe(25);
		expect(first[0].name).toBe('Unit 1');
		expect(sim.deviceByImei(sim.device(0, THINGSPACE_OTHER.account).imei)?.account).toBe(THINGSPACE_OTHER.account);
		expect(sim.deviceByImei('354677790348290')).toBeUndefined();
		expect(() => sim.device(25_000)).toThrow();
		expect(new ThingSpaceSimulator({ fleetSize: 40_000 }).device(39_999).mdn).toMatch(/^555\d{7}$/);
	});

	it('generates a 25,000-device fleet cheaply (cost printed)', () => {
		const sim = new ThingSpaceSimulator();
		const started = Date.now();
		const fleet = sim.fleetHead(25_000);
		const generatedMs = Date.now() - started;
		expect(fleet).toHaveLength(25_000);
		expect(new Set(fleet.map((device) => device.imei)).size).toBe(25_000);
		expect(new Set(fleet.map((device) => device.mdn)).size).toBe(25_000);
		expect(fleet.filter((device) => !sim.hasConsent(device.imei))).toHaveLength(500);
		console.log(`thingspace: generated 25,000 devices (IMEI, MDN, route) in ${generatedMs} ms`);
	});
});
