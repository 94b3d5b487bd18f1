/** tracker/read, list, corrupt, delete, change_phone, list_models and tags/set. */
import { NAVIXY_MODELS, NAVIXY_TAG_IDS } from '../index';
import { harness } from './harness';

describe('Navixy trackers', () => {
	const env = harness();
	const ids = (kind: 'all' | 'regular' | 'clones' | 'blocked' = 'regular'): number[] =>
		env.simulator.trackerIds(kind);
	const modelOf = (id: number): string =>
		(env.simulator.tracker(id)?.source as { model: string }).model;

	it('has 60 trackers with clones, blocked ones, tags and several models', async () => {
		const answer = await env.call('/tracker/list');
		expect(answer.body.list).toHaveLength(60);
		expect(ids('clones').length).toBeGreaterThanOrEqual(2);
		expect(ids('blocked').length).toBeGreaterThanOrEqual(2);
		expect(
			answer.body.list.some(
				(tracker: { tag_bindings: unknown[] }) => tracker.tag_bindings.length > 0,
			),
		).toBe(true);
		expect(
			new Set(
				answer.body.list.map((tracker: { source: { model: string } }) => tracker.source.model),
			).size,
		).toBeGreaterThan(5);
		const clone = answer.body.list.find((tracker: { clone: boolean }) => tracker.clone);
		const original = answer.body.list.find(
			(tracker: { clone: boolean; source: { id: number } }) =>
				!tracker.clone && tracker.source.id === clone.source.id,
		);
		expect(original).toBeDefined();
	});

	it('reads one tracker (201 when unknown)', async () => {
		const [id] = ids();
		const answer = await env.call('/tracker/read', { tracker_id: id });
		expect(answer.body.value).toMatchObject({
			id,
			label: 'Truck 01',
			clone: false,
			source: { blocked: false },
		});
		expect(env.failure(await env.call('/tracker/read', { tracker_id: 42 }))).toBe(201);
	});

	it('filters by labels and enforces the labels rules with 7', async () => {
		const answer = await env.call('/tracker/list', {
			labels: ['Truck', 'Bus 0'],
		});
		const labels: string[] = answer.body.list.map((tracker: { label: string }) => tracker.label);
		expect(labels.length).toBeGreaterThan(0);
		expect(labels.every((label) => label.includes('Truck') || label.includes('Bus 0'))).toBe(true);
		for (const labelsParam of [[], ['a', 'a'], [null], ['x'.repeat(61)], ['']]) {
			const broken = await env.call('/tracker/list', { labels: labelsParam });
			expect(env.failure(broken)).toBe(7);
			expect(broken.body.errors[0].parameter).toBe('labels');
		}
	});

	it('deletes clones only: 249 for an original, 203 with rules for a bound clone', async () => {
		const [deletable, , bound] = ids('clones');
		expect(env.failure(await env.call('/tracker/delete', { tracker_id: ids()[0] }), 403)).toBe(249);
		const refused = await env.call('/tracker/delete', { tracker_id: bound });
		expect(env.failure(refused)).toBe(203);
		expect(refused.body.rules).toEqual([10]);
		expect((await env.call('/tracker/delete', { tracker_id: deletable })).body).toEqual({
			success: true,
		});
		expect(env.failure(await env.call('/tracker/read', { tracker_id: deletable }))).toBe(201);
		expect(ids('all')).toHaveLength(59);
	});

	it('corrupts a disconnected tracker only: 243 connected, 219 clone, 208 blocked, 252 again', async () => {
		const [active] = ids();
		expect(env.failure(await env.call('/tracker/corrupt', { tracker_id: active }))).toBe(243);
		expect(
			env.failure(await env.call('/tracker/corrupt', { tracker_id: ids('clones')[1] }), 403),
		).toBe(219);
		expect(
			env.failure(await env.call('/tracker/corrupt', { tracker_id: ids('blocked')[0] }), 403),
		).toBe(208);
		const offline =
			ids().find((id) => env.simulator.state(id).connection_status === 'offline') ?? 0;
		expect((await env.call('/tracker/corrupt', { tracker_id: offline })).body.success).toBe(true);
		expect(env.failure(await env.call('/tracker/corrupt', { tracker_id: offline }))).toBe(252);
		expect(env.failure(await env.call('/tracker/get_states', { trackers: [offline] }))).toBe(201);
		const tolerant = await env.call('/tracker/get_states', {
			trackers: [offline],
			allow_not_exist: true,
		});
		expect(tolerant.body.not_exist).toEqual([offline]);
	});

	it('changes the phone: digits only, APN up to 40, 223 in use, 214 without GSM, 219 clone', async () => {
		const [first, second] = ids();
		const change = (id: number, params: Record<string, unknown>) =>
			env.call('/tracker/change_phone', {
				tracker_id: id,
				phone: '6156680000',
				apn_name: 'internet',
				apn_user: '',
				apn_password: '',
				...params,
			});
		expect((await change(first, {})).body.success).toBe(true);
		expect((env.simulator.tracker(first)?.source as { phone: string }).phone).toBe('6156680000');
		expect(env.failure(await change(second, {}))).toBe(223);
		expect((await change(second, { phone: '+4915100000' })).body.errors[0].parameter).toBe('phone');
		expect(
			(await change(second, { phone: '4915100000', apn_name: 'a'.repeat(41) })).body.errors[0]
				.parameter,
		).toBe('apn_name');
		const mobile = ids().find((id) => modelOf(id) === 'navixymobile') ?? 0;
		expect(env.failure(await change(mobile, { phone: '4915100001' }))).toBe(214);
		expect(env.failure(await change(ids('clones')[1], { phone: '4915100002' }), 403)).toBe(219);
	});

	it('lists models, filtered by code and compact', async () => {
		const all = await env.call('/tracker/list_models');
		expect(all.body.list).toHaveLength(NAVIXY_MODELS.length);
		expect(
			all.body.list.some((model: { additional_fields?: unknown[] }) => model.additional_fields),
		).toBe(true);
		const one = await env.call('/tracker/list_models', {
			codes: ['telfmb920'],
			compact_view: true,
		});
		expect(one.body.list).toEqual([
			{
				id: 160,
				code: 'telfmb920',
				name: 'FMB920',
				vendor: 'Teltonika',
				type: 'vehicle',
				id_type: 'imei',
			},
		]);
	});

	it('sets tags: known tags, distinct IDs and ordinals 1 to 5', async () => {
		const [id] = ids();
		const bindings = [
			{ tag_id: NAVIXY_TAG_IDS[1], ordinal: 1 },
			{ tag_id: NAVIXY_TAG_IDS[2], ordinal: 5 },
		];
		expect(
			(
				await env.call('/tracker/tags/set', {
					tracker_id: id,
					tag_bindings: bindings,
				})
			).body.success,
		).toBe(true);
		expect(env.simulator.tracker(id)?.tag_bindings).toEqual(bindings);
		for (const broken of [
			[{ tag_id: 1, ordinal: 1 }],
			[{ tag_id: NAVIXY_TAG_IDS[0], ordinal: 6 }],
			[...bindings, { tag_id: NAVIXY_TAG_IDS[3], ordinal: 1 }],
		]) {
			expect(
				env.failure(
					await env.call('/tracker/tags/set', {
						tracker_id: id,
						tag_bindings: broken,
					}),
				),
			).toBe(7);
		}
	});
});
