/**
 * Callbacks: each event POSTed to its callback url, signed (checked here with node:crypto, independently of
 * the simulator's signing), unsigned without a secret, forged and repeated on demand, skipped for urls
 * off this machine; which events go where.
 */
import { createHmac } from 'node:crypto';

import { OS1_TENANT_ID, type Os1Delivery } from '../index';
import { DAY_MS, harness, startReceiver, type Os1Env, type Receiver } from './harness';

/** The plain secret `os1-test-secret`, base64 as the API takes it. */
const SECRET_B64 = Buffer.from('os1-test-secret', 'utf8').toString('base64');
const hmacHex = (raw: Buffer, key = Buffer.from('os1-test-secret', 'utf8')) => createHmac('sha256', key).update(raw).digest('hex');

describe('OS1 callbacks', () => {
	const env = harness();
	let receiver: Receiver;
	const callback = (meta: Record<string, unknown> = {}) => ({ url: receiver.url, meta, secret: SECRET_B64 });

	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(async () => await receiver.close());
	beforeEach(() => {
		receiver.received.length = 0;
		receiver.status = 200;
	});

	const wait = async (sim: Os1Env['sim']) => await sim.idle();

	it('signs a consent callback with HMAC-SHA256 of the exact bytes, keyed with the decoded secret', async () => {
		const msisdn = '919866660001';
		await env.consent(msisdn, callback({ driver: 'Asha', shift: 2 }));
		await wait(env.sim);
		expect(receiver.received).toHaveLength(1);
		const [got] = receiver.received;
		expect(got.headers['x-coreos-hmac-signature']).toBe(hmacHex(got.raw));
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.json).toEqual({
			eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			eventType: 'CONSENT_GRANTED',
			occurredAt: env.sim.consent(msisdn)!.receivedAt,
			tenantId: OS1_TENANT_ID,
			data: { msisdn, consentStatus: 'allowed' },
			meta: { driver: 'Asha', shift: 2 },
		});
		// The bytes are not what re-serializing gives, so only the raw body verifies.
		expect(JSON.stringify(got.json)).not.toBe(got.raw.toString('utf8'));
		expect(env.sim.deliveries().slice(-1)[0]).toMatchObject({ kind: 'signed', status: 200, eventType: 'CONSENT_GRANTED', skipped: false });
	});

	it('sends consent denied to the consent callback and unsigned without a secret', async () => {
		await env.consent('919866660000', { url: receiver.url });
		await wait(env.sim);
		const [got] = receiver.received;
		expect(got.json).toMatchObject({ eventType: 'CONSENT_DENIED', data: { msisdn: '919866660000', consentStatus: 'denied' }, meta: {} });
		expect(got.headers['x-coreos-hmac-signature']).toBeUndefined();
		expect(env.sim.deliveries().slice(-1)[0].kind).toBe('unsigned');
	});

	it('sends track started, stopped and expired to the track callback; a callback given with stop replaces it', async () => {
		const msisdn = '919866660002';
		await env.consent(msisdn);
		const { trackId, trackName } = (await env.mts('/sim-tracks', { method: 'POST', body: { msisdn, defaultStart: true, callback: callback({ n: 1 }) } })).body.data;
		await env.mts(`/sim-tracks/${trackName}`, { method: 'PUT', body: { operation: 'stop', callback: callback({ n: 2 }) } });
		const phone = (await env.mts('/smartphone-tracks', { method: 'POST', body: { contextId: 'ref-cb', defaultStart: true, expiry: '5m', callback: callback() } })).body.data;
		env.sim.advance(5 * 60_000);
		await wait(env.sim);
		const events = receiver.received.map((got) => [got.json.eventType, got.json.data.trackId, got.json.data.status, got.json.meta]);
		expect(events).toEqual([
			['TRACK_STARTED', trackId, 'started', { n: 1 }],
			['TRACK_STOPPED', trackId, 'stopped', { n: 2 }],
			['TRACK_STARTED', phone.trackId, 'started', {}],
			['TRACK_EXPIRED', phone.trackId, 'expired', {}],
		]);
		expect(receiver.received[0].json.data).toEqual({ trackId, trackName, kind: 'sim', msisdn, status: 'started' });
		expect(receiver.received[3].json.data).toMatchObject({ kind: 'smartphone', contextId: 'ref-cb' });
		expect(receiver.received[3].json.occurredAt).toBe(env.sim.getTrack(phone.trackId)!.stoppedAt);
		for (const got of receiver.received) expect(got.headers['x-coreos-hmac-signature']).toBe(hmacHex(got.raw));
		env.forgetToken();
	});

	it("sends a revocation to the consent's callback and to its started SIM tracks', once per url", async () => {
		const msisdn = '919866660003';
		const other = await startReceiver();
		try {
			await env.consent(msisdn, callback({ from: 'consent' }));
			await env.mts('/sim-tracks', { method: 'POST', body: { msisdn, defaultStart: true, callback: { url: other.url, secret: SECRET_B64 } } });
			await env.mts('/sim-tracks', { method: 'POST', body: { msisdn, defaultStart: true, callback: callback({ from: 'track' }) } });
			await wait(env.sim);
			receiver.received.length = 0;
			other.received.length = 0;
			const deliveries = await env.sim.revokeConsent(msisdn);
			expect(deliveries.map((delivery) => delivery.url).sort()).toEqual([receiver.url, other.url].sort());
			expect(new Set(deliveries.map((delivery) => delivery.eventId)).size).toBe(1);
			expect(receiver.received.map((got) => got.json.meta)).toEqual([{ from: 'consent' }]);
			expect(other.received.map((got) => got.json)).toEqual([expect.objectContaining({ eventType: 'CONSENT_REVOKED', data: { msisdn, consentStatus: 'revoked' } })]);
		} finally {
			await other.close();
		}
	});

	it('sends TRACE_UPDATE with the new points on tick(), each point once', async () => {
		const { trackId, trackName } = (await env.mts('/smartphone-tracks', { method: 'POST', body: { contextId: 'ref-trace-cb', defaultStart: true, callback: callback() } })).body.data;
		env.sim.advance(65_000);
		await wait(env.sim);
		receiver.received.length = 0;
		const ofTrack = (deliveries: Os1Delivery[]) => deliveries.filter((delivery) => JSON.parse(delivery.body).data.trackId === trackId);
		const first = ofTrack(await env.sim.tick());
		env.sim.advance(30_000);
		const second = ofTrack(await env.sim.tick());
		const updates = receiver.received.filter((got) => got.json.data.trackId === trackId);
		expect([...first, ...second].map((delivery) => [delivery.eventType, delivery.status])).toEqual([
			['TRACE_UPDATE', 200],
			['TRACE_UPDATE', 200],
		]);
		expect(updates.map((got) => got.json.eventType)).toEqual(['TRACE_UPDATE', 'TRACE_UPDATE']);
		expect(updates[0].json.data).toEqual({ trackId, trackName, points: env.sim.points(trackId).slice(0, 3).map(({ lat, lon, timestamp, sequence }) => ({ lat, lon, timestamp, sequence })) });
		expect(updates[1].json.data.points.map((point: { sequence: number }) => point.sequence)).toEqual([4]);
		expect(ofTrack(await env.sim.tick())).toEqual([]);
	});

	it('redelivers byte for byte with the same signature, and sends forged and unsigned ones on demand', async () => {
		const msisdn = '919866660004';
		await env.consent(msisdn, callback());
		await wait(env.sim);
		const original = env.sim.deliveries().slice(-1)[0];
		const repeated = await env.sim.redeliver(original.seq);
		expect(repeated).toMatchObject({ kind: 'repeated', repeatOf: original.seq, body: original.body, signature: original.signature, status: 200 });
		const [first, again] = receiver.received.slice(-2);
		expect(again.raw.equals(first.raw)).toBe(true);
		expect(again.headers['x-coreos-hmac-signature']).toBe(first.headers['x-coreos-hmac-signature']);

		const event = env.sim.event('CONSENT_REVOKED', { msisdn, consentStatus: 'revoked' });
		receiver.status = 401;
		const forged: Os1Delivery = await env.sim.sendForged(event, callback());
		const unsigned = await env.sim.sendUnsigned(event, callback());
		const [forgedGot, unsignedGot] = receiver.received.slice(-2);
		expect(forgedGot.headers['x-coreos-hmac-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(forgedGot.headers['x-coreos-hmac-signature']).not.toBe(hmacHex(forgedGot.raw));
		expect(unsignedGot.headers['x-coreos-hmac-signature']).toBeUndefined();
		expect([forged.kind, forged.status, unsigned.kind, unsigned.status]).toEqual(['forged', 401, 'unsigned', 401]);
	});

	it('records callbacks to urls off this machine as skipped and never calls them', async () => {
		await env.consent('919866660005', { url: 'https://hooks.example.com/os1', secret: SECRET_B64 });
		await wait(env.sim);
		const delivery = env.sim.deliveries().slice(-1)[0];
		expect(delivery).toMatchObject({ url: 'https://hooks.example.com/os1', skipped: true, status: 0, kind: 'signed' });
		await expect(env.sim.redeliver(delivery.seq)).rejects.toThrow(/never called/);
		expect(env.sim.callbackUrls('919866660005')).toEqual(['https://hooks.example.com/os1']);
	});

	it('records what the receiver answered, including errors and no answer', async () => {
		receiver.status = 500;
		await env.consent('919866660006', callback());
		await wait(env.sim);
		expect(env.sim.deliveries().slice(-1)[0].status).toBe(500);
		await env.consent('919866660007', { url: 'http://127.0.0.1:9/closed', secret: SECRET_B64 });
		await wait(env.sim);
		const refused = env.sim.deliveries().slice(-1)[0];
		expect([refused.status, refused.error]).toEqual([0, expect.stringMatching(/ECONNREFUSED/)]);
	});

	it('lets time-driven events wait until someone looks: an expiry after advance() is sent at once', async () => {
		await env.mts('/smartphone-tracks', { method: 'POST', body: { contextId: 'ref-expiry-cb', defaultStart: true, expiry: '1d', callback: callback() } });
		await wait(env.sim);
		receiver.received.length = 0;
		env.sim.advance(DAY_MS);
		await wait(env.sim);
		expect(receiver.received.map((got) => got.json.eventType)).toContain('TRACK_EXPIRED');
		env.forgetToken();
	});
});
