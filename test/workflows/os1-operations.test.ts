/**
 * Every OS1 operation through the n8n engine against the OS1 simulator: consent, SIM and smartphone
 * tracks (201/202, start, stop, status by each key), tracking status and trace data in its three shapes
 * with paging; checks that refuse bad input before any request; consent errors that say what to do.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { OS1_DEMO_PHONES, Os1Simulator } from '../simulators/os1';
import { sandbox as os1 } from '../simulators/os1/sandbox';
import { useProvider } from './provider-fixture';

const OS1 = packageNodeType('os1Mts');
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DEMO_SECRET_BASE64 = Buffer.from(String(os1.credential.data('http://x').callbackSecret), 'utf8').toString('base64');

describe('OS1 operations, through the n8n engine', () => {
	const fx = useProvider(os1, { simulator: () => new Os1Simulator({ consentReplyMs: 0, rateLimitPerSecond: false }), perTest: true });
	const run = async (parameters: INodeParameters, items: object[] = [{}], extra = {}) =>
		await fx.n8n.run(itemsInto(items, node('OS1', OS1, parameters, fx.credentials, extra)));
	const allowed = async (msisdn: string) => {
		fx.sim.requestConsent(msisdn);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(fx.sim.consent(msisdn)?.effectiveStatus).toBe('allowed');
	};

	it('Consent › Request sends the SMS request with the callback (secret base64 from the credential, meta) and returns the status', async () => {
		const url = 'http://127.0.0.1:9/os1-callbacks';
		const result = await run({
			resource: 'consent',
			operation: 'request',
			msisdn: OS1_DEMO_PHONES.allows,
			callbackUrl: url,
			callbackOptions: { meta: '{"driver":"D-7"}' },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('OS1').map((item) => item.json)).toEqual([{ msisdn: OS1_DEMO_PHONES.allows, status: 'initiated', callbackUrl: url }]);
		const [call] = fx.sim.requests(/\/consents\//);
		expect([call.method, call.path]).toEqual(['POST', `/core/api/v1/mts/consents/${OS1_DEMO_PHONES.allows}`]);
		expect(call.body).toEqual({ callback: { url, meta: { driver: 'D-7' }, secret: DEMO_SECRET_BASE64 } });
	});

	it('Consent › Get and Get Status read the reply with ISO times; denied reads as not given', async () => {
		await allowed(OS1_DEMO_PHONES.allows);
		fx.sim.requestConsent(OS1_DEMO_PHONES.denies);
		await new Promise((resolve) => setTimeout(resolve, 20));
		const got = await run({ resource: 'consent', operation: 'get', msisdn: '={{ $json.m }}' }, [{ m: OS1_DEMO_PHONES.allows }, { m: OS1_DEMO_PHONES.denies }]);
		expect(got.error).toBeUndefined();
		const [yes, no] = got.output('OS1').map((item) => item.json);
		expect(yes).toMatchObject({ msisdn: OS1_DEMO_PHONES.allows, consentStatus: 'allowed', consentGiven: true });
		for (const field of ['expiryAt', 'consentRequestedAt', 'consentReceivedAt']) expect(String(yes[field])).toMatch(ISO);
		expect(no).toMatchObject({ consentStatus: 'denied', consentGiven: false });
		const status = await run({ resource: 'consent', operation: 'getStatus', msisdn: OS1_DEMO_PHONES.allows });
		expect(status.output('OS1')[0].json).toMatchObject({ msisdn: OS1_DEMO_PHONES.allows, consentStatus: 'allowed', consentGiven: true });
	});

	it('refuses a malformed MSISDN, expiry or callback before any request, naming field and value', async () => {
		const bad = await run({ resource: 'consent', operation: 'request', msisdn: '+91 98765' });
		expect(bad.error?.message).toBe('Invalid value for "MSISDN": "+91 98765" (expected 1 to 12 digits with the country code, such as 919876543210)');
		const expiry = await run({ resource: 'simTrack', operation: 'create', msisdn: OS1_DEMO_PHONES.allows, expiryMode: 'text', expiry: '61d' });
		expect(expiry.error?.message).toMatch(/^Invalid value for "Duration": "61d" \(expected days, hours/);
		const callback = await run({ resource: 'simTrack', operation: 'create', msisdn: OS1_DEMO_PHONES.allows, callbackUrl: 'ftp://files.example.com/x' });
		expect(callback.error?.message).toMatch(/^Invalid value for "Callback URL": "ftp:/);
		expect(fx.sim.requests(/\/mts\//)).toHaveLength(0);
	});

	it('SIM Track › Create without consent fails with the consent error and where to look', async () => {
		const result = await run({ resource: 'simTrack', operation: 'create', msisdn: '919800000001' });
		expect(result.error?.message).toMatch(/^OS1 error \d{12}: .*consent/i);
		expect((result.error as { description?: string }).description).toMatch(/Consent › Get Status/);
	});

	it('SIM Track › Create started at once (202) or not (201), then Start, Get Status by MSISDN, name and ID, and Stop', async () => {
		await allowed(OS1_DEMO_PHONES.allows);
		const create = (defaultStart: boolean) =>
			run({ resource: 'simTrack', operation: 'create', msisdn: OS1_DEMO_PHONES.allows, defaultStart, expiryMode: 'amount', expiryAmount: 3, expiryUnit: 'h' });
		const now = (await create(true)).output('OS1')[0].json;
		const later = (await create(false)).output('OS1')[0].json;
		expect(now).toMatchObject({ kind: 'sim', started: true, msisdn: OS1_DEMO_PHONES.allows, expiry: '3h' });
		expect(later).toMatchObject({ kind: 'sim', started: false });
		expect(fx.sim.requests('/core/api/v1/mts/sim-tracks').map((call) => [call.status, (call.body as IDataObject).defaultStart])).toEqual([
			[202, true],
			[201, false],
		]);
		expect(fx.sim.getTrack(String(later.trackId))?.status).toBe('initiated');

		const start = await run({ resource: 'simTrack', operation: 'start', trackBy: 'name', track: String(later.trackName) });
		expect(start.output('OS1')[0].json).toMatchObject({ trackId: later.trackId, operation: 'start', accepted: true });
		expect(fx.sim.getTrack(String(later.trackId))?.status).toBe('started');

		const byMsisdn = await run({ resource: 'simTrack', operation: 'getStatus', statusBy: 'msisdn', statusMsisdn: OS1_DEMO_PHONES.allows });
		const byName = await run({ resource: 'simTrack', operation: 'getStatus', statusBy: 'name', statusTrackName: String(now.trackName) });
		const byId = await run({ resource: 'simTrack', operation: 'getStatus', statusBy: 'id', statusTrackId: String(now.trackId) });
		expect(byMsisdn.output('OS1')[0].json).toMatchObject({ kind: 'sim', trackId: later.trackId, status: 'started', consentGiven: true });
		expect(String(byMsisdn.output('OS1')[0].json.startedAt)).toMatch(ISO);
		expect(byName.output('OS1')[0].json).toMatchObject({ trackId: now.trackId, stoppedAt: null });
		expect(byId.output('OS1')[0].json).toMatchObject({ trackId: now.trackId, trackName: now.trackName });
		// Seconds in the SIM status answer, read as such: the ISO time is the track's start, not 1970.
		const startedMs = Date.parse(String(byId.output('OS1')[0].json.startedAt));
		expect(Math.abs(startedMs - Number(fx.sim.getTrack(String(now.trackId))?.startedAt))).toBeLessThan(1000);

		const stop = await run({ resource: 'simTrack', operation: 'stop', trackBy: 'id', track: String(now.trackId) });
		expect(stop.error).toBeUndefined();
		expect(fx.sim.getTrack(String(now.trackId))?.status).toBe('stopped');
		const calls = fx.sim.requests(/\/sim-tracks\/[^/]+$/).map((call) => [call.method, call.body]);
		expect(calls).toEqual([
			['PUT', { operation: 'start' }],
			['PUT', { operation: 'stop' }],
		]);
	});

	it('Smartphone Track › Create, Start, Get Status by context, name and ID (milliseconds read as such), Stop', async () => {
		const created = await run({ resource: 'smartphoneTrack', operation: 'create', contextId: 'trip-4711', externalRefId: 'order-9', defaultStart: false });
		const track = created.output('OS1')[0].json;
		expect(track).toMatchObject({ kind: 'smartphone', started: false, contextId: 'trip-4711', externalRefId: 'order-9', expiry: '1d' });
		expect((await run({ resource: 'smartphoneTrack', operation: 'start', track: String(track.trackId) })).error).toBeUndefined();
		const lookups: Array<[string, string, string]> = [
			['context', 'statusContextId', 'trip-4711'],
			['name', 'statusTrackName', String(track.trackName)],
			['id', 'statusTrackId', String(track.trackId)],
		];
		for (const [statusBy, key, value] of lookups) {
			const status = await run({ resource: 'smartphoneTrack', operation: 'getStatus', statusBy, [key]: value });
			expect(status.error).toBeUndefined();
			const json = status.output('OS1')[0].json;
			expect(json).toMatchObject({ kind: 'smartphone', trackId: track.trackId, status: 'started', contextId: 'trip-4711' });
			expect(Math.abs(Date.parse(String(json.startedAt)) - Number(fx.sim.getTrack(String(track.trackId))?.startedAt))).toBeLessThan(1000);
		}
		expect((await run({ resource: 'smartphoneTrack', operation: 'stop', track: String(track.trackId) })).error).toBeUndefined();
		expect(fx.sim.getTrack(String(track.trackId))?.status).toBe('stopped');
	});

	it('Tracking › Get Trace Data follows every page: points, one route, or the GeoJSON; Get Status of any track', async () => {
		const created = await run({ resource: 'smartphoneTrack', operation: 'create', contextId: 'long-trip', defaultStart: true, expiryMode: 'text', expiry: '2d' });
		const trackId = String(created.output('OS1')[0].json.trackId);
		fx.sim.advance(10 * 3600_000);
		const truth = fx.sim.points(trackId);
		expect(truth.length).toBeGreaterThan(1000);
		fx.sim.clearLog();

		const points = await run({ resource: 'tracking', operation: 'getTraceData', track: trackId, output: 'points', returnAll: true });
		expect(points.error).toBeUndefined();
		const pages = fx.sim.requests(/\/trace$/);
		// Ten simulated hours outlived the stored token (its expiry is in n8n's clock): one 401, one new token.
		expect(pages.map((page) => [page.status, page.query.pageSize])).toEqual([
			[401, '1000'],
			[200, '1000'],
			[200, '1000'],
		]);
		expect(fx.sim.requests(/client-credentials$/)).toHaveLength(1);
		const items = points.output('OS1').map((item) => item.json);
		expect(items.map((item) => item.sequence)).toEqual(truth.map((_point, index) => index + 1));
		expect(items[0]).toMatchObject({ trackId, timestamp: expect.stringMatching(ISO) });
		expect(items[0].location).toMatchObject({ provider: 'os1', deviceId: trackId, time: items[0].timestamp });
		expect(points.output('OS1').every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);

		const limited = await run({ resource: 'tracking', operation: 'getTraceData', track: trackId, output: 'points', returnAll: false, limit: 5 });
		expect(limited.output('OS1')).toHaveLength(5);

		const route = await run({ resource: 'tracking', operation: 'getTraceData', track: trackId, output: 'route' });
		const summary = route.output('OS1')[0].json;
		expect(summary).toMatchObject({ trackId, points: truth.length });
		expect((summary.route as { geometry: { coordinates: unknown[] } }).geometry.coordinates).toHaveLength(truth.length);
		expect(Number(summary.distanceM)).toBeGreaterThan(0);

		const geojson = await run({ resource: 'tracking', operation: 'getTraceData', track: trackId, output: 'geojson' });
		const collection = geojson.output('OS1')[0].json;
		expect(collection.type).toBe('FeatureCollection');
		expect((collection.features as unknown[]).length).toBe(truth.length);
		expect(collection).not.toHaveProperty('nextPageToken');

		const status = await run({ resource: 'tracking', operation: 'getStatus', track: trackId });
		expect(status.output('OS1')[0].json).toMatchObject({ trackId, status: 'started', kind: 'smartphone', totalTraces: truth.length });
	});

	it('pairs each output with its input item and keeps failing items as errors under Continue On Fail', async () => {
		await allowed(OS1_DEMO_PHONES.allows);
		const result = await run(
			{ resource: 'consent', operation: 'get', msisdn: '={{ $json.m }}' },
			[{ m: OS1_DEMO_PHONES.allows }, { m: '919811111111' }, { m: 'abc' }],
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const output = result.output('OS1');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.consentStatus).toBe('allowed');
		expect(String(output[1].json.error)).toMatch(/^OS1 error \d{12}/);
		expect(String(output[2].json.error)).toMatch(/MSISDN/);
	});
});
