import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { PROTRACK_DEMO, protrackSignature } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';
import { isoOf } from './time-cursor-oracle';

const PROTRACK = packageNodeType('proTrack');
const DAY = 86400;
const HALF_HOUR = 1800;
const DEVICE_TIME_FIELDS = ['onlinetime', 'platformduetime', 'activatedtime', 'userduetime'] as const;

const round2 = (value: number) => Math.round(value * 100) / 100;

describe('ProTrack › Device › Get Many, Get Details, Get Mileage, through the n8n engine', () => {
	const fx = useProvider(protrack);

	const deviceNode = (operation: string, parameters: INodeParameters = {}, extra = {}) =>
		node('ProTrack', PROTRACK, { resource: 'device', operation, ...parameters }, fx.credentials, extra);

	/** What /api/device/list and /api/device/detail answer for a device, plus the ISO twins. */
	const expectedDevice = (imei: string): IDataObject => {
		const device = fx.sim.device(imei)!;
		const json: IDataObject = {
			imei,
			devicename: device.devicename,
			devicetype: device.devicetype,
			platenumber: device.platenumber,
			simcard: device.simcard,
		};
		for (const field of DEVICE_TIME_FIELDS) {
			json[field] = device[field];
			json[`${field}Iso`] = device[field] === 0 ? null : isoOf(device[field]);
		}
		return json;
	};

	const neverOnline = () => fx.sim.imeis().find((imei) => fx.sim.device(imei)?.datastatus === 1)!;

	describe('Get Many', () => {
		it('lists every device of the account with ISO twins (0 → null) when Return All is on', async () => {
			const result = await fx.n8n.run(itemsInto([{}], deviceNode('getMany', { account: '', returnAll: true })));
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/api/device/list');
			expect(calls).toHaveLength(1);
			expect(calls[0].query).not.toHaveProperty('account');

			const output = result.output('ProTrack');
			const imeis = fx.sim.imeis();
			expect(imeis).toHaveLength(300);
			expect(output.map((item) => item.json.imei)).toEqual(imeis);
			expect(output.every((item) => (item.pairedItem as unknown as IDataObject).item === 0)).toBe(true);
			const online = imeis.find((imei) => fx.sim.device(imei)?.datastatus === 2)!;
			expect(output[imeis.indexOf(online)].json).toEqual(expectedDevice(online));
			expect(output[imeis.indexOf(online)].json.onlinetimeIso).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
			const never = neverOnline();
			expect(output[imeis.indexOf(never)].json).toEqual(
				expect.objectContaining({ onlinetime: 0, onlinetimeIso: null, activatedtimeIso: null }),
			);
		});

		it('stops at Limit (default 50) and lists the devices of a chosen sub-account', async () => {
			const limited = await fx.n8n.run(itemsInto([{}], deviceNode('getMany', {})));
			expect(limited.output('ProTrack').map((item) => item.json.imei)).toEqual(fx.sim.imeis().slice(0, 50));

			fx.sim.clearLog();
			const east = await fx.n8n.run(itemsInto([{}], deviceNode('getMany', { account: 'fleet-east', returnAll: true })));
			expect(fx.sim.requests('/api/device/list')[0].query.account).toBe('fleet-east');
			const eastImeis = fx.sim.imeis('fleet-east');
			expect(eastImeis.length).toBeGreaterThan(0);
			expect(eastImeis.length).toBeLessThan(300);
			expect(east.output('ProTrack').map((item) => item.json.imei)).toEqual(eastImeis);
		});

		it('rejects a Limit of 0 before any request', async () => {
			const result = await fx.n8n.run(itemsInto([{}], deviceNode('getMany', { returnAll: false, limit: 0 })));
			expect(result.error?.message).toMatch(/"Limit": 0 \(expected a whole number from 1/);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('reports an account outside the credential with the documented code', async () => {
			const result = await fx.n8n.run(itemsInto([{}], deviceNode('getMany', { account: 'nobody' })));
			expect(result.error?.message).toBe("ProTrack error 20005: Target doesn't exist");
		});
	});

	describe('Get Details', () => {
		const oneItemPerImei = (imeis: string[], extra = {}) =>
			itemsInto(
				imeis.map((imei) => ({ imei })),
				deviceNode('getDetails', { imeis: '={{ $json.imei }}' }, extra),
			);

		it('sends 150 IMEIs as 2 detail requests (100 + 50) and pairs each answer with its item', async () => {
			const imeis = fx.sim.imeis().slice(0, 150);
			const result = await fx.n8n.run(oneItemPerImei(imeis));
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/api/device/detail');
			expect(calls.map((call) => call.query.imeis.split(','))).toEqual([imeis.slice(0, 100), imeis.slice(100)]);

			const output = result.output('ProTrack');
			expect(output).toHaveLength(150);
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json).toEqual({ ...expectedDevice(imeis[index]), found: true });
			});
		});

		it('reports an unknown IMEI as not found, and gives null ISO times for never-online devices', async () => {
			const never = neverOnline();
			const result = await fx.n8n.run(itemsInto([{}], deviceNode('getDetails', { imeis: `${never}, 999999999999999` })));
			const output = result.output('ProTrack');
			expect(output.map((item) => [item.json.imei, item.json.found])).toEqual([
				[never, true],
				['999999999999999', false],
			]);
			expect(output[0].json.userduetimeIso).toBeNull();
			expect(fx.sim.requests('/api/device/detail')).toHaveLength(1);
		});

		it('rejects a malformed IMEI before any request, naming the parameter and the value', async () => {
			const result = await fx.n8n.run(oneItemPerImei([fx.sim.imeis()[0], '12AB']));
			expect(result.error?.message).toMatch(/"IMEIs": "12AB"/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Get Mileage', () => {
		const mileageNode = (parameters: INodeParameters, extra = {}) => deviceNode('getMileage', parameters, extra);

		/** Calls the simulator directly with a fresh login (after the workflow ran). */
		const askSimulator = async (imeis: string[], begintime: number, endtime: number) => {
			const time = Math.floor(Date.now() / 1000);
			const login = new URLSearchParams({
				time: String(time),
				account: PROTRACK_DEMO.account,
				signature: protrackSignature(PROTRACK_DEMO.password, time),
			});
			const token = (
				(await (await fetch(`${fx.sim.baseUrl}/api/authorization?${login.toString()}`)).json()) as {
					record: { access_token: string };
				}
			).record.access_token;
			const query = new URLSearchParams({
				access_token: token,
				imeis: imeis.join(','),
				begintime: String(begintime),
				endtime: String(endtime),
			});
			const answer = (await (await fetch(`${fx.sim.baseUrl}/api/device/mileage?${query.toString()}`)).json()) as {
				code: number;
				record: Array<{ imei: string; mileage: number }>;
			};
			expect(answer.code).toBe(0);
			return new Map(answer.record.map((entry) => [entry.imei, entry.mileage]));
		};

		/** A half-hour boundary two days before the simulator's clock. */
		const lastHalfHour = () => Math.floor(fx.sim.anchor / HALF_HOUR) * HALF_HOUR - 2 * DAY;

		it('splits 20 days × 150 IMEIs into 3 contiguous windows × 2 batches and adds up each IMEI', async () => {
			const imeis = fx.sim.imeis().slice(0, 150);
			const end = lastHalfHour();
			const begin = end - 20 * DAY;
			const result = await fx.n8n.run(
				itemsInto(
					imeis.map((imei) => ({ imei })),
					mileageNode({ imeis: '={{ $json.imei }}', startTime: isoOf(begin), endTime: isoOf(end) }),
				),
			);
			expect(result.error).toBeUndefined();

			const calls = fx.sim.requests('/api/device/mileage');
			expect(calls).toHaveLength(6);
			const windows = calls.map((call) => [Number(call.query.begintime), Number(call.query.endtime)]);
			expect(calls.map((call) => call.query.imeis.split(',').length)).toEqual([100, 50, 100, 50, 100, 50]);
			const distinctWindows = windows.filter((_window, index) => index % 2 === 0);
			expect(windows.filter((_window, index) => index % 2 === 1)).toEqual(distinctWindows);
			expect(distinctWindows[0][0]).toBe(begin);
			expect(distinctWindows[distinctWindows.length - 1][1]).toBe(end);
			distinctWindows.forEach(([windowBegin, windowEnd], index) => {
				expect(windowEnd - windowBegin).toBeGreaterThan(0);
				expect(windowEnd - windowBegin).toBeLessThanOrEqual(7 * DAY);
				if (index > 0) expect(windowBegin).toBe(distinctWindows[index - 1][1]);
			});
			for (const [windowBegin, windowEnd] of windows) {
				for (const time of [windowBegin, windowEnd]) {
					expect(new Date(time * 1000).getUTCMinutes() % 30).toBe(0);
					expect(new Date(time * 1000).getUTCSeconds()).toBe(0);
				}
			}

			const output = result.output('ProTrack');
			expect(output).toHaveLength(150);
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json).toEqual({
					imei: imeis[index],
					found: true,
					mileageKm: expect.any(Number),
					windows: 3,
					startTime: isoOf(begin),
					endTime: isoOf(end),
					rangeWidened: false,
				});
			});

			// The simulator generates about 1200 route points per device and day, so asking it again for
			// all 150 IMEIs would double the run time: every 10th IMEI (both batches) is checked exactly.
			fx.sim.clearLog();
			const sample = imeis.filter((_imei, index) => index % 10 === 0 || index === 149);
			const expected = new Map<string, number>();
			for (const [windowBegin, windowEnd] of distinctWindows) {
				const answer = await askSimulator(sample, windowBegin, windowEnd);
				for (const imei of sample) expected.set(imei, (expected.get(imei) ?? 0) + answer.get(imei)!);
			}
			for (const imei of sample) {
				expect(output[imeis.indexOf(imei)].json.mileageKm).toBe(round2(expected.get(imei)!));
			}
			expect(sample.filter((imei) => expected.get(imei)! > 100).length).toBeGreaterThan(5);
		});

		it('asks one window for exactly 7 days and two for 7 days and half an hour', async () => {
			const imei = fx.sim.imeis()[0];
			const end = lastHalfHour();
			const run = async (begin: number) => {
				fx.sim.clearLog();
				const result = await fx.n8n.run(
					itemsInto([{}], mileageNode({ imeis: imei, startTime: isoOf(begin), endTime: isoOf(end) })),
				);
				expect(result.error).toBeUndefined();
				return fx.sim.requests('/api/device/mileage').map((call) => [Number(call.query.begintime), Number(call.query.endtime)]);
			};
			expect(await run(end - 7 * DAY)).toEqual([[end - 7 * DAY, end]]);
			expect(await run(end - 7 * DAY - HALF_HOUR)).toEqual([
				[end - 7 * DAY - HALF_HOUR, end - HALF_HOUR],
				[end - HALF_HOUR, end],
			]);
		});

		it('rounds 10:15 down to 10:00 and 12:40:20 up to 13:00 by default, and reports the range used', async () => {
			const day = Math.floor(fx.sim.anchor / DAY) * DAY - 3 * DAY;
			const imei = fx.sim.imeis()[0];
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					mileageNode({
						imeis: imei,
						startTime: isoOf(day + 10 * 3600 + 15 * 60),
						endTime: isoOf(day + 12 * 3600 + 40 * 60 + 20),
					}),
				),
			);
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/api/device/mileage');
			expect(calls).toHaveLength(1);
			expect(Number(calls[0].query.begintime)).toBe(day + 10 * 3600);
			expect(Number(calls[0].query.endtime)).toBe(day + 13 * 3600);
			expect(result.output('ProTrack')[0].json).toEqual(
				expect.objectContaining({
					startTime: isoOf(day + 10 * 3600),
					endTime: isoOf(day + 13 * 3600),
					windows: 1,
					rangeWidened: true,
					requestedStartTime: isoOf(day + 10 * 3600 + 15 * 60),
					requestedEndTime: isoOf(day + 12 * 3600 + 40 * 60 + 20),
				}),
			);
			// The user is told above the output that the mileage covers more than was asked.
			const hints = result.run.data.resultData.runData.ProTrack[0].hints ?? [];
			expect(hints.map((hint) => hint.message).join(' ')).toContain(
				`${isoOf(day + 10 * 3600 + 15 * 60)} – ${isoOf(day + 12 * 3600 + 40 * 60 + 20)} became ${isoOf(day + 10 * 3600)} – ${isoOf(day + 13 * 3600)}`,
			);
		});

		describe('with Minute Handling set to Reject, fails before any request', () => {
			const day = () => Math.floor(fx.sim.anchor / DAY) * DAY - 3 * DAY;
			it.each([
				['Start Time at 10:15', 10 * 3600 + 15 * 60, 12 * 3600, /"Start Time".*minute 0 or 30 with no seconds/],
				['End Time with seconds (12:00:30)', 10 * 3600, 12 * 3600 + 30, /"End Time".*minute 0 or 30 with no seconds/],
			])('%s', async (_label, startOffset, endOffset, message) => {
				const result = await fx.n8n.run(
					itemsInto(
						[{}],
						mileageNode({
							imeis: fx.sim.imeis()[0],
							startTime: isoOf(day() + startOffset),
							endTime: isoOf(day() + endOffset),
							options: { minuteHandling: 'reject' },
						}),
					),
				);
				expect(result.error?.message).toMatch(message);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('but accepts 10:00 to 10:30', async () => {
				const result = await fx.n8n.run(
					itemsInto(
						[{}],
						mileageNode({
							imeis: fx.sim.imeis()[0],
							startTime: isoOf(day() + 10 * 3600),
							endTime: isoOf(day() + 10 * 3600 + HALF_HOUR),
							options: { minuteHandling: 'reject' },
						}),
					),
				);
				expect(result.error).toBeUndefined();
				const calls = fx.sim.requests('/api/device/mileage');
				expect(calls.map((call) => [Number(call.query.begintime), Number(call.query.endtime)])).toEqual([
					[day() + 10 * 3600, day() + 10 * 3600 + HALF_HOUR],
				]);
			});
		});

		it.each([
			['an End Time before the Start Time', { startTime: '2025-03-02T10:00:00Z', endTime: '2025-03-01T10:00:00Z' }, /"End Time"/],
			['a Start Time that is not a date', { startTime: 'yesterday-ish', endTime: '2025-03-01T10:00:00Z' }, /"Start Time": "yesterday-ish"/],
			['a malformed IMEI', { imeis: '1234x', startTime: '2025-03-01T10:00:00Z', endTime: '2025-03-02T10:00:00Z' }, /"IMEIs": "1234x"/],
			[
				'an unknown Minute Handling given by an expression',
				{ startTime: '2025-03-01T10:00:00Z', endTime: '2025-03-02T10:00:00Z', options: { minuteHandling: '={{ "nearest" }}' } },
				/"Minute Handling": "nearest"/,
			],
		])('rejects %s before any request', async (_label, parameters, message) => {
			const result = await fx.n8n.run(itemsInto([{}], mileageNode({ imeis: fx.sim.imeis()[0], ...parameters })));
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
		});

		it('batches items per range: two ranges give separate requests, and an unknown IMEI is not found', async () => {
			const [first, second] = fx.sim.imeis();
			const end = lastHalfHour();
			const items = [
				{ imei: first, start: isoOf(end - DAY) },
				{ imei: `${second}, 999999999999999`, start: isoOf(end - DAY) },
				{ imei: first, start: isoOf(end - 2 * DAY) },
			];
			const result = await fx.n8n.run(
				itemsInto(items, mileageNode({ imeis: '={{ $json.imei }}', startTime: '={{ $json.start }}', endTime: isoOf(end) })),
			);
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/api/device/mileage');
			expect(calls.map((call) => [call.query.imeis, Number(call.query.begintime)])).toEqual([
				[`${first},${second},999999999999999`, end - DAY],
				[first, end - 2 * DAY],
			]);
			const output = result.output('ProTrack');
			expect(output.map((item) => [item.json.imei, item.json.found, item.pairedItem])).toEqual([
				[first, true, { item: 0 }],
				[second, true, { item: 1 }],
				['999999999999999', false, { item: 1 }],
				[first, true, { item: 2 }],
			]);
			expect(output[2].json.mileageKm).toBeNull();
			expect(output[3].json.mileageKm as number).toBeGreaterThanOrEqual(output[0].json.mileageKm as number);
		});

		it('retries a rate-limited window and still adds up every window', async () => {
			const imei = fx.sim.imeis()[0];
			const end = lastHalfHour();
			fx.sim.inject({ path: '/api/device/mileage', fault: { kind: 'body', body: { code: 10009, message: 'too frequent' } } });
			const result = await fx.n8n.run(
				itemsInto([{}], mileageNode({ imeis: imei, startTime: isoOf(end - 10 * DAY), endTime: isoOf(end) })),
			);
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/device/mileage')).toHaveLength(3);
			fx.sim.clearLog();
			const first = (await askSimulator([imei], end - 10 * DAY, end - 3 * DAY)).get(imei)!;
			const second = (await askSimulator([imei], end - 3 * DAY, end)).get(imei)!;
			expect(result.output('ProTrack')[0].json.mileageKm).toBe(round2(first + second));
		});

		it('stops after a failed window and reports the documented error', async () => {
			const end = lastHalfHour();
			fx.sim.inject({ path: '/api/device/mileage', fault: { kind: 'body', body: { code: 10013, message: '' } } });
			const result = await fx.n8n.run(
				itemsInto([{}], mileageNode({ imeis: fx.sim.imeis()[0], startTime: isoOf(end - 20 * DAY), endTime: isoOf(end) })),
			);
			expect(result.error?.message).toBe('ProTrack error 10013: IMEI is not authorized');
			expect(fx.sim.requests('/api/device/mileage')).toHaveLength(1);
		});
	});
});
