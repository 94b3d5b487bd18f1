/** history/tracker/list and history/type/list. */
import { NAVIXY_EVENT_TYPES } from '../index';
import { DAY, harness } from './harness';

describe('Navixy history', () => {
	const env = harness();
	const regular = (): number[] => env.simulator.trackerIds('regular');
	const list = (params: Record<string, unknown>, iso = false) =>
		env.call(
			'/history/tracker/list',
			{ from: '2025-06-14 00:00:00', to: '2025-06-15 14:00:00', ...params },
			{ iso },
		);

	it('lists the events of a window in the user time zone, ascending, matching the ground truth', async () => {
		const [id] = regular();
		const answer = await list({ trackers: [id] });
		const from = Date.UTC(2025, 5, 13, 22) / 1000;
		const truth = env.simulator.events(id, from, env.nowSec());
		expect(answer.body.total).toBe(truth.length);
		expect(answer.body.list.map((entry: { id: number }) => entry.id)).toEqual(
			truth.map((event) => event.id),
		);
		expect(answer.body.list[0]).toMatchObject({
			type: 'tracker',
			tracker_id: id,
			address: '',
		});
		expect(answer.body.list[0].message.startsWith('Truck 01: ')).toBe(true);
		const iso = await list({ trackers: [id], add_tracker_label: false }, true);
		expect(iso.body.list[0].time).toMatch(/^2025-06-1\dT\d\d:\d\d:\d\d\+02:00$/);
		expect(iso.body.list[0].message.startsWith('Truck 01')).toBe(false);
	});

	it('has many events sharing one timestamp, filters by type, limits and sorts descending', async () => {
		const trackers = regular().slice(0, 20);
		const all = await list({ trackers });
		const times: string[] = all.body.list.map((entry: { time: string }) => entry.time);
		expect(new Set(times).size).toBeLessThan(times.length);
		const offs = await list({ trackers, events: ['inzone'] });
		expect(offs.body.list.every((entry: { event: string }) => entry.event === 'inzone')).toBe(true);
		const limited = await list({ trackers, limit: 5, ascending: false });
		expect(limited.body).toMatchObject({
			limit_exceeded: true,
			total: all.body.total,
		});
		expect(limited.body.list.map((entry: { id: number }) => entry.id)).toEqual(
			all.body.list
				.slice(-5)
				.reverse()
				.map((entry: { id: number }) => entry.id),
		);
	});

	it('returns events added by tests, once they are not in the future', async () => {
		const [, id] = regular();
		const now = env.nowSec();
		const [added] = env.simulator.addEvents(id, [
			{ event: 'sos', time: now - 60, emergency: true },
		]);
		env.simulator.addEvents(id, [{ event: 'sos', time: now + 600 }]);
		const answer = await list({
			trackers: [id],
			only_emergency: true,
			to: '2025-06-15 15:00:00',
		});
		expect(answer.body.list.map((entry: { id: number }) => entry.id)).toContain(added.id);
		expect(
			answer.body.list.every((entry: { extra: { emergency: boolean } }) => entry.extra.emergency),
		).toBe(true);
		expect(answer.body.total).toBe(1);
	});

	it('answers 211, 212, 217 and 7 as documented', async () => {
		const [id] = regular();
		const blocked = env.simulator.trackerIds('blocked')[0];
		expect(env.failure(await list({ trackers: [id], from: '2025-03-01 00:00:00' }))).toBe(211);
		expect(env.failure(await list({ trackers: [id], limit: 1001 }))).toBe(212);
		expect(env.failure(await list({ trackers: [id, blocked] }))).toBe(217);
		expect(env.failure(await list({ trackers: [id], to: '2025-06-13 00:00:00' }))).toBe(7);
		const badDate = await list({ trackers: [id], from: '15.06.2025' });
		expect(badDate.body.errors).toEqual([{ parameter: 'from', error: expect.any(String) }]);
		expect(env.nowSec() - env.simulator.anchor).toBeLessThan(DAY);
	});

	it('lists the event types', async () => {
		const answer = await env.call('/history/type/list', { locale: 'en_US' });
		expect(answer.body.list).toEqual(NAVIXY_EVENT_TYPES);
	});
});
