/** SIM and smartphone tracks: create (201/202), consent, start and stop, statuses, 24 h deletion, expiry, limits. */
import { Os1Code } from '../index';
import { DAY_MS, harness, type Os1Env } from './harness';

const simTrack = (env: Os1Env, body: Record<string, unknown>) => env.mts('/sim-tracks', { method: 'POST', body });
const phoneTrack = (env: Os1Env, body: Record<string, unknown>) => env.mts('/smartphone-tracks', { method: 'POST', body });
const update = (env: Os1Env, kind: 'sim' | 'smartphone', idOrName: string, operation: string) =>
	env.mts(`/${kind}-tracks/${encodeURIComponent(idOrName)}`, { method: 'PUT', body: { operation } });
/** Moves simulated time; the harness token would expire with it, so a new one is fetched. */
const advance = (env: Os1Env, ms: number) => {
	env.sim.advance(ms);
	env.forgetToken();
};

describe('OS1 SIM tracks', () => {
	const env = harness();
	const msisdn = '919812345678';

	it('needs an allowed consent: 403 naming the consent status otherwise', async () => {
		const none = await simTrack(env, { msisdn });
		expect([none.status, none.body.error.code, none.body.error.description]).toEqual([
			403,
			Os1Code.noValidConsent,
			`No valid consent for MSISDN ${msisdn}: consent is not requested`,
		]);
		expect(await env.consent('919812340000')).toBe('denied');
		const denied = await simTrack(env, { msisdn: '919812340000' });
		expect(denied.body.error.description).toBe('No valid consent for MSISDN 919812340000: consent is denied');
	});

	it('answers 201 unstarted and 202 started, with ids and names as decided', async () => {
		expect(await env.consent(msisdn)).toBe('allowed');
		const unstarted = await simTrack(env, { msisdn, expiry: '2h' });
		expect(unstarted.status).toBe(201);
		expect(unstarted.body).toEqual({
			data: { trackId: expect.stringMatching(/^mts:track:[0-9a-f-]{36}$/), trackName: `sim-${msisdn}-1` },
			error: {},
		});
		const started = await simTrack(env, { msisdn, defaultStart: true, externalRefId: 'ref-42' });
		expect(started.status).toBe(202);
		expect(started.body.data.trackName).toBe(`sim-${msisdn}-2`);
		expect(env.sim.getTrack(started.body.data.trackId)).toMatchObject({ status: 'started', kind: 'sim', msisdn, externalRefId: 'ref-42' });
		expect(env.sim.getTrack(unstarted.body.data.trackId)?.status).toBe('initiated');
	});

	it('gives the SIM status by MSISDN (the newest track), by name and by id, times in epoch seconds', async () => {
		const { trackId, trackName } = (await simTrack(env, { msisdn, defaultStart: true })).body.data;
		const startedAt = env.sim.getTrack(trackId)!.startedAt;
		const byId = await env.mts(`/sim-tracks/${encodeURIComponent(trackId)}/status`);
		expect(byId.body.data).toEqual({
			status: 'started',
			trackId,
			trackName,
			msisdn,
			deviceId: `device-${msisdn}`,
			consentStatus: 'granted',
			startedAt: Math.floor(startedAt / 1000),
			stoppedAt: 0,
			rsOutput: { confidence: 'low', distance: 0, errorReason: [] },
		});
		expect((await env.mts(`/sim-tracks/name/${trackName}/status`)).body.data).toEqual(byId.body.data);
		expect((await env.mts(`/sim-tracks/msisdn/${msisdn}/status`)).body.data.trackId).toBe(trackId);
		const general = await env.mts(`/tracks/${trackName}/status`);
		expect(general.body.data).toEqual({ status: 'started', trackId, trackName, kind: 'sim', startedAt, stoppedAt: 0, totalTraces: 1 });
	});

	it('starts and stops by id or name; 409 when the state does not allow it', async () => {
		const { trackId, trackName } = (await simTrack(env, { msisdn })).body.data;
		expect((await update(env, 'sim', trackId, 'stop')).body.error.code).toBe(Os1Code.trackWrongState);
		const start = await update(env, 'sim', trackName, 'start');
		expect(start.status).toBe(202);
		expect(start.body).toEqual({ data: { id: trackId }, error: {} });
		const again = await update(env, 'sim', trackId, 'start');
		expect([again.status, again.body.error.code]).toEqual([409, Os1Code.trackWrongState]);
		advance(env, 90_000);
		expect((await update(env, 'sim', trackId, 'stop')).status).toBe(202);
		const stopped = env.sim.getTrack(trackId)!;
		expect(stopped.status).toBe('stopped');
		expect(stopped.stoppedAt - stopped.startedAt).toBeGreaterThanOrEqual(90_000);
		expect((await update(env, 'sim', trackId, 'stop')).status).toBe(409);
		expect((await update(env, 'sim', trackId, 'pause')).body.error.code).toBe(Os1Code.invalidBody);
	});

	it('cannot start without consent once it was revoked', async () => {
		const other = '919812349999';
		await env.consent(other);
		const { trackId } = (await simTrack(env, { msisdn: other })).body.data;
		await env.sim.revokeConsent(other);
		const refused = await update(env, 'sim', trackId, 'start');
		expect([refused.status, refused.body.error.description]).toEqual([403, `No valid consent for MSISDN ${other}: consent is revoked`]);
	});

	it('answers 404 for unknown tracks and for a track of the other kind', async () => {
		const unknown = await env.mts('/sim-tracks/mts%3Atrack%3A00000000-0000-0000-0000-000000000000/status');
		expect([unknown.status, unknown.body.error.code]).toEqual([404, Os1Code.trackNotFound]);
		const { trackId } = (await phoneTrack(env, { contextId: 'ref-other-kind' })).body.data;
		expect((await env.mts(`/sim-tracks/${encodeURIComponent(trackId)}/status`)).status).toBe(404);
		expect((await env.mts('/sim-tracks/msisdn/111/status')).body.error.code).toBe(Os1Code.trackNotFound);
		expect((await env.mts('/sim-tracks/msisdn/abc/status')).body.error.code).toBe(Os1Code.invalidMsisdn);
	});

	it('validates the body: MSISDN, expiry (at most 60 days), defaultStart, callback', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ msisdn: 919812345678 }, Os1Code.invalidMsisdn],
			[{ msisdn: '9198123456789' }, Os1Code.invalidMsisdn],
			[{ msisdn, expiry: '61d' }, Os1Code.invalidExpiry],
			[{ msisdn, expiry: '60d1s' }, Os1Code.invalidExpiry],
			[{ msisdn, expiry: '0s' }, Os1Code.invalidExpiry],
			[{ msisdn, expiry: '' }, Os1Code.invalidExpiry],
			[{ msisdn, expiry: '3m4h' }, Os1Code.invalidExpiry],
			[{ msisdn, expiry: 3600 }, Os1Code.invalidExpiry],
			[{ msisdn, defaultStart: 'yes' }, Os1Code.invalidBody],
			[{ msisdn, callback: { url: 'http://localhost/x' } }, Os1Code.invalidCallback],
		];
		for (const [body, code] of cases) {
			const answer = await simTrack(env, body);
			expect([JSON.stringify(body), answer.status, answer.body.error.code]).toEqual([JSON.stringify(body), 400, code]);
		}
		for (const expiry of ['60d', '1440h', '3h4m7s', '50s', '2h']) expect((await simTrack(env, { msisdn, expiry })).status).toBe(201);
	});
});

describe('OS1 track lifetimes', () => {
	const env = harness();
	const msisdn = '919822223333';

	it('deletes tracks not started within 24 hours: 410 by id and name, gone from the MSISDN status', async () => {
		await env.consent(msisdn);
		const kept = (await simTrack(env, { msisdn, defaultStart: true, expiry: '60d' })).body.data;
		const { trackId, trackName } = (await simTrack(env, { msisdn })).body.data;
		const phone = (await phoneTrack(env, { contextId: 'ref-unstarted' })).body.data;
		advance(env, DAY_MS - 1000);
		expect((await env.mts(`/tracks/${trackName}/status`)).body.data.status).toBe('initiated');
		advance(env, 1000);
		for (const path of [`/sim-tracks/${encodeURIComponent(trackId)}/status`, `/sim-tracks/name/${trackName}/status`, `/tracks/${trackName}/trace`]) {
			const gone = await env.mts(path);
			expect([path, gone.status, gone.body.error.code]).toEqual([path, 410, Os1Code.trackDeleted]);
		}
		expect((await update(env, 'sim', trackId, 'start')).status).toBe(410);
		expect((await update(env, 'smartphone', phone.trackId, 'start')).status).toBe(410);
		expect(env.sim.getTrack(trackId)?.status).toBe('deleted');
		expect((await env.mts(`/sim-tracks/msisdn/${msisdn}/status`)).body.data.trackId).toBe(kept.trackId);
		// The context id is free again once its track is deleted.
		expect((await phoneTrack(env, { contextId: 'ref-unstarted' })).status).toBe(201);
	});

	it('expires a started track at its expiry, counted from the start', async () => {
		const { trackId } = (await phoneTrack(env, { contextId: 'ref-expiring', expiry: '1h30m' })).body.data;
		advance(env, 10 * 60_000);
		await update(env, 'smartphone', trackId, 'start');
		const startedAt = env.sim.getTrack(trackId)!.startedAt;
		advance(env, 90 * 60_000 - 1000);
		expect((await env.mts(`/smartphone-tracks/${encodeURIComponent(trackId)}/status`)).body.data.status).toBe('started');
		advance(env, 1000);
		const status = (await env.mts(`/smartphone-tracks/${encodeURIComponent(trackId)}/status`)).body.data;
		expect([status.status, status.stoppedAt]).toEqual(['expired', startedAt + 90 * 60_000]);
		expect((await update(env, 'smartphone', trackId, 'stop')).status).toBe(409);
	});

	it('defaults the expiry to one day', async () => {
		const { trackId } = (await phoneTrack(env, { contextId: 'ref-default-expiry', defaultStart: true })).body.data;
		const track = env.sim.getTrack(trackId)!;
		expect(track.expiresAt - track.startedAt).toBe(DAY_MS);
	});
});

describe('OS1 smartphone tracks', () => {
	const env = harness();

	it('needs a contextId and no consent; names the track after it, which must be unique', async () => {
		const missing = await phoneTrack(env, { defaultStart: true });
		expect([missing.status, missing.body.error.code]).toEqual([400, Os1Code.invalidContextId]);
		const created = await phoneTrack(env, { contextId: 'ref-0f197669', externalRefId: 'order-7', defaultStart: true });
		expect(created.status).toBe(202);
		expect(created.body.data.trackName).toBe('phone-ref-0f197669');
		const duplicate = await phoneTrack(env, { contextId: 'ref-0f197669' });
		expect([duplicate.status, duplicate.body.error.code]).toEqual([409, Os1Code.contextInUse]);
		expect((await phoneTrack(env, { contextId: 'ref-later' })).status).toBe(201);
	});

	it('gives the smartphone status by context id, name and id, times in epoch ms', async () => {
		const trackId = (await env.mts('/smartphone-tracks/context/ref-0f197669/status')).body.data.trackId as string;
		const startedAt = env.sim.getTrack(trackId)!.startedAt;
		advance(env, 10 * 60_000);
		const byId = (await env.mts(`/smartphone-tracks/${encodeURIComponent(trackId)}/status`)).body.data;
		expect(byId).toEqual({
			status: 'started',
			trackId,
			trackName: 'phone-ref-0f197669',
			startedAt,
			stoppedAt: 0,
			contextId: 'ref-0f197669',
			externalRefId: 'order-7',
			app: 'com.example.driver',
			totalTraces: 21,
			routeStats: { confidence: 'high', distance: expect.any(Number), errorReason: null },
		});
		expect(byId.routeStats.distance).toBeGreaterThanOrEqual(0);
		expect((await env.mts('/smartphone-tracks/name/phone-ref-0f197669/status')).body.data).toEqual(byId);
		expect((await env.mts('/smartphone-tracks/context/ref-0f197669/status')).body.data).toEqual(byId);
		expect((await env.mts('/smartphone-tracks/context/ref-nothing/status')).status).toBe(404);
	});

	it('takes context ids with slashes and spaces in URL-encoded paths', async () => {
		const contextId = 'depot 4/route 9';
		const { trackName } = (await phoneTrack(env, { contextId })).body.data;
		expect(trackName).toBe(`phone-${contextId}`);
		const status = await env.mts(`/smartphone-tracks/context/${encodeURIComponent(contextId)}/status`);
		expect(status.body.data).toMatchObject({ contextId, status: 'initiated' });
		expect((await update(env, 'smartphone', trackName, 'start')).status).toBe(202);
	});
});
