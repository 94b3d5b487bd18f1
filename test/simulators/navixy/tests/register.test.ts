/** register, register_quick, register_retry, replace, replace_quick and replace_retry. */
import { NAVIXY_ACTIVATION_CODES, NAVIXY_BUNDLE_IMEIS, NAVIXY_ICCIDS } from '../index';
import { harness } from './harness';

describe('Navixy registration', () => {
	const env = harness({ deviceLimit: 64 });
	const regular = (): number[] => env.simulator.trackerIds('regular');
	const qlgv55 = {
		label: 'Courier',
		group_id: 0,
		plugin_id: 37,
		model: 'qlgv55lite',
		apn_name: '',
		apn_user: 'tmobile',
		apn_password: 'tmobile',
	};

	it('registers with plugin 37: the new tracker is just_registered and listed', async () => {
		const params = {
			...qlgv55,
			phone: '79123122312',
			activation_code: NAVIXY_ACTIVATION_CODES[0],
			device_id: '123451234512346',
		};
		const answer = await env.call('/tracker/register', params);
		expect(answer.body.value).toMatchObject({
			label: 'Courier',
			clone: false,
			source: {
				device_id: '123451234512346',
				model: 'qlgv55lite',
				phone: '79123122312',
			},
		});
		const id = answer.body.value.id as number;
		expect(env.simulator.registeredTrackerIds()).toEqual([id]);
		expect(env.simulator.state(id).connection_status).toBe('just_registered');
		expect(env.simulator.trackerIds('all')).toContain(id);
		expect(
			env.failure(
				await env.call('/tracker/register', {
					...params,
					activation_code: NAVIXY_ACTIVATION_CODES[1],
				}),
			),
		).toBe(224);
		const reused = {
			...params,
			device_id: '123451234512347',
			phone: '79123122313',
		};
		expect(env.failure(await env.call('/tracker/register', reused))).toBe(227);
	});

	it('answers the documented registration errors', async () => {
		const base = {
			...qlgv55,
			phone: '79123122399',
			activation_code: NAVIXY_ACTIVATION_CODES[2],
			device_id: '123451234512399',
		};
		expect(env.failure(await env.call('/tracker/register', { ...base, model: 'nope' }))).toBe(220);
		expect(env.failure(await env.call('/tracker/register', { ...base, group_id: 5 }), 404)).toBe(
			204,
		);
		expect(env.failure(await env.call('/tracker/register', { ...base, plugin_id: 44 }))).toBe(222);
		expect(
			env.failure(await env.call('/tracker/register', { ...base, phone: '79123122312' })),
		).toBe(223);
		expect(env.failure(await env.call('/tracker/register', { ...base, device_id: '12' }))).toBe(7);
		expect(env.failure(await env.call('/tracker/register', { ...base, label: '' }))).toBe(7);
		const bundle = {
			label: 'B',
			group_id: 0,
			model: 'telfmc130',
			plugin_id: 44,
		};
		expect(
			env.failure(
				await env.call('/tracker/register', {
					...bundle,
					device_id: '356307042441999',
					iccid: NAVIXY_ICCIDS[0],
				}),
				404,
			),
		).toBe(258);
		expect(
			env.failure(
				await env.call('/tracker/register', {
					...bundle,
					device_id: NAVIXY_BUNDLE_IMEIS[3],
					iccid: '1',
				}),
			),
		).toBe(226);
	});

	it('registers bundles by IMEI and refuses beyond the device limit (221)', async () => {
		const quick = (imei: string) =>
			env.call('/tracker/register_quick', {
				label: 'Bundle',
				group_id: 167,
				imei,
			});
		expect((await quick(NAVIXY_BUNDLE_IMEIS[0])).body.value.source.model).toBe('telfmc130');
		expect(env.failure(await quick(NAVIXY_BUNDLE_IMEIS[0]))).toBe(224);
		expect(env.failure(await quick('356307042441999'))).toBe(201);
		await quick(NAVIXY_BUNDLE_IMEIS[1]);
		await quick(NAVIXY_BUNDLE_IMEIS[2]);
		expect(env.failure(await quick(NAVIXY_BUNDLE_IMEIS[3]), 403)).toBe(221);
	});

	it('resends registration commands only to devices not connected yet', async () => {
		const [registered] = env.simulator.registeredTrackerIds();
		const retry = (id: number) =>
			env.call('/tracker/register_retry', {
				tracker_id: id,
				apn_name: '',
				apn_user: '',
				apn_password: '',
			});
		expect((await retry(registered)).body.value.id).toBe(registered);
		expect(env.failure(await retry(regular()[0]))).toBe(242);
		expect(env.failure(await retry(env.simulator.trackerIds('clones')[0]), 403)).toBe(219);
		expect(env.failure(await retry(env.simulator.trackerIds('blocked')[0]), 403)).toBe(208);
		expect(env.failure(await retry(77))).toBe(201);
	});

	it('replaces a device keeping its history; 266 before activation, 7 for mobile apps', async () => {
		const [id] = regular();
		const historyBefore = env.simulator.events(
			id,
			env.simulator.anchor - 86400,
			env.nowSec(),
		).length;
		const params = {
			tracker_id: id,
			plugin_id: 1,
			model: 'telfmb920',
			device_id: '356307049999992',
		};
		const answer = await env.call('/tracker/replace', params);
		expect(answer.body.value).toMatchObject({
			id,
			source: { device_id: '356307049999992' },
		});
		expect(env.simulator.state(id).connection_status).toBe('just_replaced');
		expect(env.simulator.events(id, env.simulator.anchor - 86400, env.nowSec())).toHaveLength(
			historyBefore,
		);
		const [registered] = env.simulator.registeredTrackerIds();
		expect(
			env.failure(
				await env.call('/tracker/replace', {
					...params,
					tracker_id: registered,
				}),
				403,
			),
		).toBe(266);
		expect(
			env.failure(
				await env.call('/tracker/replace', {
					...params,
					model: 'navixymobile',
				}),
			),
		).toBe(7);
		expect(
			env.failure(
				await env.call('/tracker/replace', {
					...params,
					device_id: '356307049999992',
				}),
			),
		).toBe(224);
	});

	it('replaces with a bundle by IMEI and resends to the replacement', async () => {
		const [, id] = regular();
		expect(
			env.failure(await env.call('/tracker/replace_quick', { tracker_id: id, imei: '1' })),
		).toBe(201);
		const answer = await env.call('/tracker/replace_quick', {
			tracker_id: id,
			imei: NAVIXY_BUNDLE_IMEIS[3],
		});
		expect(answer.body.value.source.device_id).toBe(NAVIXY_BUNDLE_IMEIS[3]);
		const [first] = regular();
		const retry = await env.call('/tracker/replace_retry', {
			tracker_id: first,
			apn_name: 'internet',
			apn_user: '',
			apn_password: '',
		});
		expect(retry.body.value.id).toBe(first);
		expect(env.failure(await env.call('/tracker/replace_retry', { tracker_id: 77 }), 404)).toBe(
			204,
		);
		expect(env.simulator.registrations.map((entry) => entry.action)).toContain('replace_retry');
	});
});
