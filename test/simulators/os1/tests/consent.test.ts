/** Consent by SMS: request, the phone's answer after a delay, deny, revoke, 30-day expiry, re-request, errors. */
import { OS1_DEMO_PHONES, Os1Code } from '../index';
import { DAY_MS, harness } from './harness';

const SILENT = '447700900123';

describe('OS1 consent lifecycle', () => {
	const env = harness({ phones: { [SILENT]: 'silent' } });

	it('is allowed when the phone says so, with requested, received and expiry times in epoch ms', async () => {
		const before = env.sim.now();
		const requested = await env.mts(`/consents/${OS1_DEMO_PHONES.allows}`, { method: 'POST', body: {} });
		expect(requested.status).toBe(200);
		expect(requested.body).toEqual({ data: { status: 'initiated' }, error: {} });
		const retrieved = await env.mts(`/consents/${OS1_DEMO_PHONES.allows}`);
		const { consentRequestedAt, consentReceivedAt, expiryAt } = retrieved.body.data;
		expect(retrieved.body.data.consentStatus).toBe('allowed');
		expect(consentRequestedAt).toBeGreaterThanOrEqual(before);
		expect(consentReceivedAt).toBeGreaterThanOrEqual(consentRequestedAt);
		expect(expiryAt).toBe(consentReceivedAt + 30 * DAY_MS);
		const status = await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`);
		expect(status.body).toEqual({ data: { msisdn: OS1_DEMO_PHONES.allows, consentStatus: 'allowed' }, error: {} });
	});

	it('is denied by phones ending in 0000, with no expiry', async () => {
		expect(await env.consent(OS1_DEMO_PHONES.denies)).toBe('denied');
		const retrieved = await env.mts(`/consents/${OS1_DEMO_PHONES.denies}`);
		expect(retrieved.body.data).toMatchObject({ consentStatus: 'denied', expiryAt: 0 });
		expect(retrieved.body.data.consentReceivedAt).toBeGreaterThan(0);
	});

	it('stays initiated for a silent phone until it answers, with 0 for the times not yet reached', async () => {
		expect(await env.consent(SILENT)).toBe('initiated');
		expect((await env.mts(`/consents/${SILENT}`)).body.data).toMatchObject({ consentStatus: 'initiated', consentReceivedAt: 0, expiryAt: 0 });
		await env.sim.replyConsent(SILENT, 'deny');
		expect((await env.mts(`/consents/${SILENT}/status`)).body.data.consentStatus).toBe('denied');
		await expect(env.sim.replyConsent(SILENT, 'allow')).rejects.toThrow(/no SMS to answer/);
	});

	it('is revoked by the driver; only an allowed consent can be revoked', async () => {
		const msisdn = '919811112222';
		expect(await env.consent(msisdn)).toBe('allowed');
		await env.sim.revokeConsent(msisdn);
		expect((await env.mts(`/consents/${msisdn}/status`)).body.data.consentStatus).toBe('revoked');
		await expect(env.sim.revokeConsent(msisdn)).rejects.toThrow(/only an allowed consent/);
		await expect(env.sim.revokeConsent(OS1_DEMO_PHONES.denies)).rejects.toThrow(/denied/);
	});

	it('resets to initiated on a new request and is allowed again by the answer', async () => {
		env.sim.requestConsent(SILENT);
		await env.sim.replyConsent(SILENT, 'allow');
		const allowed = (await env.mts(`/consents/${SILENT}`)).body.data;
		expect(allowed.consentStatus).toBe('allowed');
		env.sim.advance(60_000);
		expect(await env.consent(SILENT)).toBe('initiated');
		const again = (await env.mts(`/consents/${SILENT}`)).body.data;
		expect(again).toEqual({ consentStatus: 'initiated', consentRequestedAt: expect.any(Number), consentReceivedAt: 0, expiryAt: 0 });
		expect(again.consentRequestedAt).toBeGreaterThanOrEqual(allowed.consentRequestedAt + 60_000);
		await env.sim.replyConsent(SILENT, 'allow');
		expect((await env.mts(`/consents/${SILENT}/status`)).body.data.consentStatus).toBe('allowed');
	});

	it('expires 30 days after it was received', async () => {
		const msisdn = '919833334444';
		expect(await env.consent(msisdn)).toBe('allowed');
		env.sim.advance(30 * DAY_MS - 60_000);
		env.forgetToken();
		expect((await env.mts(`/consents/${msisdn}/status`)).body.data.consentStatus).toBe('allowed');
		env.sim.advance(60_000);
		expect((await env.mts(`/consents/${msisdn}/status`)).body.data.consentStatus).toBe('expired');
	});

	it('refuses malformed MSISDNs with 400; retrieve of an unknown one is 404, its status not_requested', async () => {
		for (const bad of ['1234567890123', '+919876543210', 'abc']) {
			const answer = await env.mts(`/consents/${encodeURIComponent(bad)}`, { method: 'POST', body: {} });
			expect([answer.status, answer.body.error.code]).toEqual([400, Os1Code.invalidMsisdn]);
		}
		const unknown = await env.mts('/consents/111222333');
		expect([unknown.status, unknown.body.error.code]).toEqual([404, Os1Code.consentNotFound]);
		const status = await env.mts('/consents/111222333/status');
		expect([status.status, status.body.data]).toEqual([200, { msisdn: '111222333', consentStatus: 'not_requested' }]);
		const notJson = await env.mts(`/consents/${OS1_DEMO_PHONES.allows}`, { method: 'POST', body: ['callback'] });
		expect([notJson.status, notJson.body.error.code]).toEqual([400, Os1Code.invalidBody]);
	});

	it('checks the callback: the documented url pattern (or 127.0.0.1), a meta object, a base64 secret', async () => {
		const post = (callback: unknown) => env.mts(`/consents/${OS1_DEMO_PHONES.allows}`, { method: 'POST', body: { callback } });
		const accepted = [
			{ url: 'https://myserver.com/callbacks', meta: { fleet: 7 }, secret: 'MWYyZDFlMmU2N2Rm' },
			{ url: 'https://www.example.com/sim-tracking-callbacks?x=1', secret: 'string' },
			{ url: 'http://127.0.0.1:5678/webhook/abc/webhook' },
		];
		for (const callback of accepted) expect((await post(callback)).status).toBe(200);
		const refused = [
			{ url: 'http://localhost:5678/webhook' },
			{ url: 'http://10.0.0.4/webhook' },
			{ url: 'ftp://example.com/x' },
			{ url: 'https://example.com/x', secret: 'not base64!' },
			{ url: 'https://example.com/x', secret: 'abcde' },
			{ url: 'https://example.com/x', meta: 'text' },
			{ meta: {} },
			'https://example.com/x',
		];
		for (const callback of refused) {
			const answer = await post(callback);
			expect([answer.status, answer.body.error.code]).toEqual([400, Os1Code.invalidCallback]);
		}
	});
});

describe('OS1 consent reply delay', () => {
	const env = harness({ consentReplyMs: 150 });

	it('answers after the configured real time, not before', async () => {
		expect(await env.consent(OS1_DEMO_PHONES.allows)).toBe('initiated');
		await new Promise((resolve) => setTimeout(resolve, 250));
		expect((await env.mts(`/consents/${OS1_DEMO_PHONES.allows}/status`)).body.data.consentStatus).toBe('allowed');
	});

	it('ignores the scripted answer of an earlier request once a newer one was made', async () => {
		const msisdn = '919855556666';
		env.sim.requestConsent(msisdn);
		await env.sim.replyConsent(msisdn, 'deny');
		env.sim.requestConsent(msisdn);
		await new Promise((resolve) => setTimeout(resolve, 60));
		await env.sim.replyConsent(msisdn, 'deny');
		await new Promise((resolve) => setTimeout(resolve, 200));
		// The first request's timer found a newer request; the second's found it already answered.
		expect(env.sim.consent(msisdn)?.effectiveStatus).toBe('denied');
	});
});
