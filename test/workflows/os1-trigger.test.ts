/**
 * The OS1 Movement Tracking Trigger, active in the in-process n8n and called over real HTTP by the OS1
 * simulator: OS1 has no registration API, so the tests put the trigger's URL into consents and tracks as a
 * user would. Signed callbacks start one execution each; forged and unsigned ones get 401; a repeated
 * delivery gets 200 and starts nothing; the event filter, trace points and the unverified mode.
 */
import type { INodeParameters } from 'n8n-workflow';

import { chain, node, packageNodeType, type ActiveWorkflow } from '../runner';
import { OS1_DEMO_PHONES, Os1Simulator, type Callback } from '../simulators/os1';
import { OS1_DEMO_CALLBACK_SECRET, sandbox as os1 } from '../simulators/os1/sandbox';
import { useProvider } from './provider-fixture';

const TRIGGER = packageNodeType('os1MtsTrigger');
const SECRET_B64 = Buffer.from(OS1_DEMO_CALLBACK_SECRET, 'utf8').toString('base64');
const PHONE = OS1_DEMO_PHONES.allows;

describe('OS1 Movement Tracking Trigger', () => {
	// The driver's phone answers only when a test says so (replyConsent).
	const fx = useProvider(os1, {
		simulator: () => new Os1Simulator({ consentReplyMs: 0, rateLimitPerSecond: false, phones: { [PHONE]: 'silent' } }),
		perTest: true,
	});
	afterEach(async () => await fx.n8n.stop());

	const activate = async (parameters: INodeParameters = {}): Promise<ActiveWorkflow> =>
		await fx.n8n.activate(
			chain(
				node('On OS1 event', TRIGGER, parameters, fx.credentials, { webhookId: 'a1b2c3d4-0000-4000-8000-00000000e001' }),
				node('Next', 'n8n-nodes-base.noOp'),
			),
		);
	const callbackTo = (active: ActiveWorkflow, meta: Record<string, unknown> = { order: 'A-17' }): Callback => ({
		url: active.webhookUrl(),
		meta,
		secret: SECRET_B64,
	});

	it('a signed consent callback starts one execution: the body with ISO time and meta passed through', async () => {
		const active = await activate();
		fx.sim.requestConsent(PHONE, callbackTo(active));
		const [granted] = await fx.sim.replyConsent(PHONE, 'allow');
		expect([granted.kind, granted.eventType, granted.status]).toEqual(['signed', 'CONSENT_GRANTED', 200]);
		const executions = await active.executions();
		expect(executions).toHaveLength(1);
		const body = JSON.parse(granted.body) as { occurredAt: number; data: unknown };
		expect(executions[0].items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				eventId: granted.eventId,
				eventType: 'CONSENT_GRANTED',
				occurredAt: new Date(body.occurredAt).toISOString(),
				data: body.data,
				meta: { order: 'A-17' },
			}),
		]);
		expect(executions[0].result.output('Next')).toHaveLength(1);
	});

	it('forged and unsigned callbacks get 401 and start nothing; a repeated delivery gets 200 and starts nothing', async () => {
		const active = await activate();
		const callback = callbackTo(active);
		fx.sim.requestConsent(PHONE, callback);
		const [granted] = await fx.sim.replyConsent(PHONE, 'allow');
		const event = fx.sim.event('CONSENT_REVOKED', { msisdn: PHONE, consentStatus: 'revoked' });
		const forged = await fx.sim.sendForged(event, callback);
		const unsigned = await fx.sim.sendUnsigned(fx.sim.event('CONSENT_REVOKED', { msisdn: PHONE }), callback);
		const repeated = await fx.sim.redeliver(granted.seq);
		expect([forged.status, unsigned.status, repeated.status]).toEqual([401, 401, 200]);
		expect(JSON.parse(repeated.responseBody)).toEqual({ received: true, repeated: true });
		expect((await active.executions()).map((execution) => execution.items[0].json.eventId)).toEqual([granted.eventId]);
	});

	it('takes only the chosen events; others are answered 200 and start nothing', async () => {
		const active = await activate({ events: ['CONSENT_REVOKED'] });
		fx.sim.requestConsent(PHONE, callbackTo(active));
		const [granted] = await fx.sim.replyConsent(PHONE, 'allow');
		expect([granted.status, JSON.parse(granted.responseBody)]).toEqual([200, { received: true, started: false }]);
		const [revoked] = await fx.sim.revokeConsent(PHONE);
		expect(revoked.status).toBe(200);
		expect((await active.executions()).map((execution) => execution.items[0].json.eventType)).toEqual(['CONSENT_REVOKED']);
	});

	it('splits a trace update into one item per point with the normalized location, when asked', async () => {
		const active = await activate({ events: ['TRACE_UPDATE'], options: { traceOutput: 'points' } });
		const track = await fx.sim.createTrack({ kind: 'smartphone', contextId: 'trip-1', start: true, callback: callbackTo(active, { trip: 1 }) });
		fx.sim.advance(5 * 60_000);
		const updates = (await fx.sim.tick()).filter((delivery) => delivery.eventType === 'TRACE_UPDATE');
		expect(updates.map((delivery) => delivery.status)).toEqual([200]);
		const points = fx.sim.points(track.trackId);
		const [execution] = await active.executions();
		const items = execution.items.map((item) => item.json);
		expect(items.map((item) => item.sequence)).toEqual(points.map((point) => point.sequence));
		expect(items[0]).toMatchObject({ trackId: track.trackId, meta: { trip: 1 }, timestamp: new Date(points[0].timestamp).toISOString() });
		expect(items[0].location).toMatchObject({ provider: 'os1', latitude: points[0].lat, longitude: points[0].lon });
	});

	it('with verification turned off, takes unsigned callbacks', async () => {
		const active = await activate({ options: { verifySignature: false } });
		fx.sim.requestConsent(PHONE, { url: active.webhookUrl(), meta: {} });
		const [granted] = await fx.sim.replyConsent(PHONE, 'allow');
		expect([granted.kind, granted.status]).toEqual(['unsigned', 200]);
		expect(await active.executions()).toHaveLength(1);
	});

	it('refuses to activate when a real tenant could never call this n8n back (a local URL)', async () => {
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, tenantUrl: 'https://acme.sandbox.getos1.com' });
		await expect(activate()).rejects.toThrow(/OS1 cannot call back this trigger's URL http:\/\/127\.0\.0\.1/);
	});
});
