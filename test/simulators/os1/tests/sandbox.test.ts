/**
 * The OS1 provider contract against a stand-in for n8n's webhook (verifies the signature with node:crypto,
 * answers 401 to bad ones, 200 to repeats), and the example checks against outputs shaped as the node's.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { OutputItem, WebhookTriggerExampleCheck } from '../../provider-contract';
import { OS1_DEMO_PHONES, Os1Simulator } from '../index';
import { OS1_ALERT_META, OS1_DEMO_CALLBACK_SECRET, sandbox } from '../sandbox';
import { harness } from './harness';

interface StandIn {
	url: string;
	/** Verified callback bodies, one per event id (repeats dropped). */
	accepted: Map<string, Record<string, unknown>>;
	close(): Promise<void>;
}

/** What the trigger does with a callback, reduced: verify, drop repeats, accept. */
async function standInTrigger(): Promise<StandIn> {
	const accepted = new Map<string, Record<string, unknown>>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const expected = createHmac('sha256', OS1_DEMO_CALLBACK_SECRET).update(raw).digest('hex');
			const verified = req.headers['x-coreos-hmac-signature'] === expected;
			if (verified) {
				const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
				if (!accepted.has(String(body.eventId))) accepted.set(String(body.eventId), body);
			}
			res.writeHead(verified ? 200 : 401).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/5f1c/webhook`;
	return { url, accepted, close: async () => await new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The trigger's item for a callback body: times ISO, the rest as sent. */
const triggerItem = (body: Record<string, unknown>): OutputItem => ({ ...body, occurredAt: new Date(body.occurredAt as number).toISOString() });

describe('OS1 sandbox: the revoked-consent webhook example', () => {
	const check = sandbox.examples['os1-consent-revoked-alert'] as WebhookTriggerExampleCheck<Os1Simulator>;
	let sim: Os1Simulator;
	let trigger: StandIn;

	beforeAll(async () => {
		sim = sandbox.create();
		await sim.start();
		trigger = await standInTrigger();
	});
	afterAll(async () => {
		await sim.idle();
		await sim.stop();
		await trigger.close();
	});

	it('connects the URL as a consent and a started SIM track of the demo driver', async () => {
		expect(check.registered(sim)).toEqual([]);
		await check.connect!(sim, [trigger.url]);
		expect(check.registered(sim)).toEqual([trigger.url]);
		const tracks = sim.trackIds().map((id) => sim.getTrack(id)!);
		expect(tracks.map((track) => [track.msisdn, track.status, track.callback?.url])).toEqual([[OS1_DEMO_PHONES.revokes, 'started', trigger.url]]);
		// The consent and the track announced themselves, signed with the demo secret.
		expect([...trigger.accepted.values()].map((body) => body.eventType)).toEqual(['CONSENT_GRANTED', 'TRACK_STARTED']);
	});

	it('fires a signed revocation per call, also after the consent was revoked', async () => {
		const keys = await check.fire(sim);
		expect(keys).toHaveLength(1);
		const body = trigger.accepted.get(keys[0])!;
		expect(body).toMatchObject({ eventType: 'CONSENT_REVOKED', data: { msisdn: OS1_DEMO_PHONES.revokes, consentStatus: 'revoked' }, meta: OS1_ALERT_META });
		expect(check.eventKey(triggerItem(body))).toBe(keys[0]);
		const again = await check.fire(sim);
		expect(again).toHaveLength(1);
		expect(again[0]).not.toBe(keys[0]);
		expect(trigger.accepted.get(again[0])?.eventType).toBe('CONSENT_REVOKED');
		expect(check.callbacks(sim).map((callback) => [callback.kind, callback.status])).toEqual([
			['signed', 200],
			['signed', 200],
		]);
	});

	it('sends forged and unsigned callbacks with events of their own, and repeats delivered ones', async () => {
		const fired = check.callbacks(sim).map((callback) => callback.eventKey);
		const refused = await check.sendInvalid(sim);
		expect(refused.map((callback) => [callback.kind, callback.status, callback.url])).toEqual([
			['forged', 401, trigger.url],
			['unsigned', 401, trigger.url],
		]);
		expect(refused.filter((callback) => fired.includes(callback.eventKey))).toEqual([]);
		const before = trigger.accepted.size;
		const repeated = await check.sendRepeated(sim);
		expect(repeated.map((callback) => [callback.kind, callback.status])).toEqual([
			['repeated', 200],
			['repeated', 200],
		]);
		expect(repeated.map((callback) => callback.eventKey)).toEqual(fired);
		expect(trigger.accepted.size).toBe(before);
	});

	it("judges an execution by the trigger's item and the alert", () => {
		const [key] = check.callbacks(sim).map((callback) => callback.eventKey);
		const item = triggerItem(trigger.accepted.get(key)!);
		const output = (items: Record<string, OutputItem[]>) => (node: string) => items[node] ?? [];
		expect(check.check!(output({ 'On consent revoked': [item], Alert: [item] }), sim)).toEqual([]);
		expect(check.check!(output({ 'On consent revoked': [item] }), sim)).toEqual([expect.stringContaining("one item in 'Alert'")]);
		const epoch = { ...item, occurredAt: trigger.accepted.get(key)!.occurredAt };
		expect(check.check!(output({ 'On consent revoked': [epoch], Alert: [epoch] }), sim)).toHaveLength(1);
		const noMeta = { ...item, meta: {} };
		expect(check.check!(output({ 'On consent revoked': [noMeta], Alert: [noMeta] }), sim)).toHaveLength(1);
	});
});

describe('OS1 sandbox: the consent, track and trace example', () => {
	const env = harness();
	const check = sandbox.examples['os1-consent-track-trace'];
	const phone = OS1_DEMO_PHONES.allows;

	it('accepts the output the node makes from the API and refuses a wrong point', async () => {
		if (check.kind !== 'manual') throw new Error('expected a manual check');
		const requested = (await env.mts(`/consents/${phone}`, { method: 'POST', body: {} })).body.data;
		const status = (await env.mts(`/consents/${phone}/status`)).body.data;
		const created = (await env.mts('/sim-tracks', { method: 'POST', body: { msisdn: phone, defaultStart: true } })).body.data;
		env.sim.advance(95_000);
		env.forgetToken();
		const trace = (await env.mts(`/tracks/${encodeURIComponent(created.trackId)}/trace`)).body.data;
		const points: OutputItem[] = trace.features.map((feature: { geometry: { coordinates: number[] }; properties: { timestamp: number; sequence: number } }) => {
			const time = new Date(feature.properties.timestamp).toISOString();
			const [longitude, latitude] = feature.geometry.coordinates;
			return { trackId: created.trackId, sequence: feature.properties.sequence, timestamp: time, location: { provider: 'os1', latitude, longitude, time } };
		});
		expect(points).toHaveLength(4);
		const outputs: Record<string, OutputItem[]> = {
			'Request consent': [{ msisdn: phone, ...requested }],
			'Consent status': [status],
			'Create SIM track': [{ ...created, started: true }],
			'Trace points': points,
		};
		expect(check.check((node) => outputs[node] ?? [], env.sim)).toEqual([]);
		const moved = { ...points[2], location: { ...(points[2].location as OutputItem), latitude: 1 } };
		const wrong: Record<string, OutputItem[]> = { ...outputs, 'Trace points': [points[0], points[1], moved, points[3]] };
		expect(check.check((node) => wrong[node] ?? [], env.sim)).toEqual([expect.stringContaining('point 3 at')]);
		const gap: Record<string, OutputItem[]> = { ...outputs, 'Trace points': [points[0], points[2]] };
		expect(check.check((node) => gap[node] ?? [], env.sim)).toEqual(expect.arrayContaining([expect.stringContaining('point 2 as')]));
		const unstarted: Record<string, OutputItem[]> = { ...outputs, 'Create SIM track': [{ ...created, started: false }] };
		expect(check.check((node) => unstarted[node] ?? [], env.sim)).toHaveLength(1);
	});
});
