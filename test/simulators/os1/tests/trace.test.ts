/** Trace data: GeoJSON points every 30 s along a plausible route, pages without gaps or repeats, limits. */
import { distanceMeters } from '../../common/geo';
import { Os1Code } from '../index';
import { DAY_MS, harness, type Os1Env } from './harness';

interface Feature {
	type: string;
	geometry: { type: string; coordinates: number[] };
	properties: { timestamp: number; sequence: number; accuracy: number };
}

/** Every page of a track's trace, following nextPageToken. */
async function allPages(env: Os1Env, idOrName: string, pageSize?: number) {
	const pages = [];
	let pageToken: string | undefined;
	do {
		const query: Record<string, string | number> = {};
		if (pageSize !== undefined) query.pageSize = pageSize;
		if (pageToken !== undefined) query.pageToken = pageToken;
		const answer = await env.mts(`/tracks/${encodeURIComponent(idOrName)}/trace`, { query });
		expect(answer.status).toBe(200);
		pages.push(answer.body.data);
		pageToken = answer.body.data.nextPageToken ?? undefined;
	} while (pageToken !== undefined);
	return pages;
}

describe('OS1 trace data', () => {
	const env = harness();
	let trackId: string;
	let startedAt: number;

	beforeAll(async () => {
		trackId = (await env.mts('/smartphone-tracks', { method: 'POST', body: { contextId: 'ref-trace', defaultStart: true, expiry: '2d' } })).body.data.trackId;
		startedAt = env.sim.getTrack(trackId)!.startedAt;
		env.sim.advance(6 * 3_600_000 + 15_000);
		env.forgetToken();
	});

	it('is a FeatureCollection of Points, one every 30 s from the start, sequence from 1', async () => {
		const [page] = await allPages(env, trackId, 1000);
		expect(page).toMatchObject({ type: 'FeatureCollection', trackId, trackName: 'phone-ref-trace' });
		expect(page.features).toHaveLength(6 * 120 + 1);
		page.features.forEach((feature: Feature, index: number) => {
			expect(feature.type).toBe('Feature');
			expect(feature.geometry.type).toBe('Point');
			expect(feature.properties.sequence).toBe(index + 1);
			expect(feature.properties.timestamp).toBe(startedAt + index * 30_000);
			expect(feature.properties.accuracy).toBeGreaterThanOrEqual(3);
		});
		const truth = env.sim.points(trackId);
		expect(page.features.map((feature: Feature) => feature.geometry.coordinates)).toEqual(truth.map((point) => [point.lon, point.lat]));
	});

	it('follows a road-like route: moves, stops, and never jumps more than a fast car does in 30 s', () => {
		const points = env.sim.points(trackId);
		const legs = points.slice(1).map((point, index) => distanceMeters({ latitude: points[index].lat, longitude: points[index].lon }, { latitude: point.lat, longitude: point.lon }));
		expect(Math.max(...legs)).toBeLessThanOrEqual(1100);
		expect(legs.filter((leg) => leg > 50).length).toBeGreaterThan(100);
		expect(legs.filter((leg) => leg === 0).length).toBeGreaterThan(10);
		// Somewhere in India (OS1's home market).
		expect(points[0].lat).toBeGreaterThan(8);
		expect(points[0].lat).toBeLessThan(35);
	});

	it('pages without gaps or repeats, the default page being 500 points', async () => {
		const defaultPages = await allPages(env, trackId);
		expect(defaultPages.map((page) => page.features.length)).toEqual([500, 221]);
		const pages = await allPages(env, 'phone-ref-trace', 97);
		const sequences = pages.flatMap((page) => page.features.map((feature: Feature) => feature.properties.sequence));
		expect(sequences).toEqual(Array.from({ length: 721 }, (_, index) => index + 1));
		expect(pages.slice(0, -1).every((page) => page.features.length === 97)).toBe(true);
		expect(pages[pages.length - 1].nextPageToken).toBeNull();
	});

	it('refuses page sizes outside 1 to 1000 and tokens of another track or made up', async () => {
		for (const pageSize of ['0', '1001', '-5', '2.5', 'all']) {
			const answer = await env.mts(`/tracks/${encodeURIComponent(trackId)}/trace`, { query: { pageSize } });
			expect([pageSize, answer.status, answer.body.error.code]).toEqual([pageSize, 400, Os1Code.invalidPageSize]);
		}
		const other = (await env.mts('/smartphone-tracks', { method: 'POST', body: { contextId: 'ref-other', defaultStart: true } })).body.data.trackId;
		env.sim.advance(120_000);
		env.forgetToken();
		const first = await env.mts(`/tracks/${encodeURIComponent(other)}/trace`, { query: { pageSize: 2 } });
		expect(first.body.data.nextPageToken).toEqual(expect.any(String));
		for (const pageToken of [first.body.data.nextPageToken, 'bm90LWEtdG9rZW4']) {
			const answer = await env.mts(`/tracks/${encodeURIComponent(trackId)}/trace`, { query: { pageToken } });
			expect([answer.status, answer.body.error.code]).toEqual([400, Os1Code.invalidPageToken]);
		}
	});

	it('has no points before the start and none after the stop', async () => {
		const { trackId: later, trackName } = (await env.mts('/smartphone-tracks', { method: 'POST', body: { contextId: 'ref-stopping' } })).body.data;
		const empty = await env.mts(`/tracks/${trackName}/trace`);
		expect(empty.body.data).toMatchObject({ features: [], nextPageToken: null });
		await env.mts(`/smartphone-tracks/${trackName}`, { method: 'PUT', body: { operation: 'start' } });
		env.sim.advance(95_000);
		env.forgetToken();
		await env.mts(`/smartphone-tracks/${trackName}`, { method: 'PUT', body: { operation: 'stop' } });
		env.sim.advance(DAY_MS);
		env.forgetToken();
		const [page] = await allPages(env, later);
		expect(page.features.map((feature: Feature) => feature.properties.sequence)).toEqual([1, 2, 3, 4]);
		expect((await env.mts(`/tracks/${trackName}/status`)).body.data).toMatchObject({ status: 'stopped', totalTraces: 4 });
	});
});

describe('OS1 SIM trace and consent', () => {
	const env = harness();
	const msisdn = '919844445555';

	it('keeps a SIM track started but adds no points after the consent is revoked', async () => {
		await env.consent(msisdn);
		const { trackId, trackName } = (await env.mts('/sim-tracks', { method: 'POST', body: { msisdn, defaultStart: true } })).body.data;
		env.sim.advance(60_000);
		await env.sim.revokeConsent(msisdn);
		env.sim.advance(10 * 60_000);
		env.forgetToken();
		const status = (await env.mts(`/sim-tracks/name/${trackName}/status`)).body.data;
		expect(status).toMatchObject({ status: 'started', consentStatus: 'revoked', stoppedAt: 0 });
		expect(status.rsOutput).toMatchObject({ confidence: 'medium', errorReason: ['consentRevoked'] });
		expect(env.sim.points(trackId)).toHaveLength(3);
		// Consent given again does not bring the points back.
		await env.consent(msisdn);
		env.sim.advance(60_000);
		expect(env.sim.points(trackId)).toHaveLength(3);
	});

	it('stops adding points when the consent expires, 30 days after it was given', async () => {
		const other = '919844446666';
		await env.consent(other);
		const { trackId } = (await env.mts('/sim-tracks', { method: 'POST', body: { msisdn: other, defaultStart: true, expiry: '60d' } })).body.data;
		const consent = env.sim.consent(other)!;
		env.sim.advance(31 * DAY_MS);
		env.forgetToken();
		const points = env.sim.points(trackId);
		const track = env.sim.getTrack(trackId)!;
		expect([track.status, track.haltReason]).toEqual(['started', 'consentExpired']);
		expect(points[points.length - 1].timestamp).toBeLessThanOrEqual(consent.expiryAt);
		expect(points[points.length - 1].timestamp).toBeGreaterThan(consent.expiryAt - 30_000);
	});
});
