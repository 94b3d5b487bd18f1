/**
 * OS1 Movement Tracking in the sandbox and the end-to-end suite (see ../provider-contract.ts). OS1 has no
 * API to register a webhook: a user pastes the trigger's URL into the callback of Consent › Request or a
 * Create/Start Track call. So `connect` does that for the trigger example: the demo driver's consent and a
 * started SIM track, both calling back the trigger's URL with the demo callback secret.
 */
import type { CallbackRecord, OutputItem, SandboxProvider } from '../provider-contract';
import {
	OS1_AUDIENCE,
	OS1_CLIENT_ID,
	OS1_CLIENT_SECRET,
	OS1_DEMO_PHONES,
	OS1_MTS_PREFIX,
	OS1_TENANT_ID,
	Os1Simulator,
	type Callback,
	type Os1Delivery,
} from './index';

/** The credential's callback secret, plain: the node sends it base64-encoded, as OS1 wants it. */
export const OS1_DEMO_CALLBACK_SECRET = 'os1-demo-callback-secret';
const CALLBACK_SECRET_B64 = Buffer.from(OS1_DEMO_CALLBACK_SECRET, 'utf8').toString('base64');
/** What the trigger example's callbacks carry as meta (a user's own data, passed through). */
export const OS1_ALERT_META = { example: 'os1-consent-revoked-alert', driver: 'Demo driver' };
const ALERT_PHONE = OS1_DEMO_PHONES.revokes;

const missing = (what: string, found: unknown) => `${what}, found ${JSON.stringify(found)?.slice(0, 300)}`;
const iso = (ms: number) => new Date(ms).toISOString();

const record = (delivery: Os1Delivery): CallbackRecord => ({
	kind: delivery.kind,
	url: delivery.url,
	eventKey: delivery.eventId,
	status: delivery.status,
});
const revocations = (sim: Os1Simulator) => sim.deliveries().filter((delivery) => delivery.eventType === 'CONSENT_REVOKED' && !delivery.skipped);

/** The callbacks held for the alert driver, by url (the consent's first). */
function alertCallbacks(sim: Os1Simulator): Map<string, Callback> {
	const callbacks = new Map<string, Callback>();
	const consent = sim.consent(ALERT_PHONE)?.callback;
	if (consent) callbacks.set(consent.url, consent);
	for (const id of sim.trackIds()) {
		const track = sim.getTrack(id);
		if (track?.msisdn === ALERT_PHONE && track.status !== 'deleted' && track.callback && !callbacks.has(track.callback.url)) {
			callbacks.set(track.callback.url, track.callback);
		}
	}
	return callbacks;
}

/** The manual example: consent requested and allowed, a started SIM track, and its trace as one item per point. */
function checkConsentTrackTrace(output: (node: string) => OutputItem[], sim: Os1Simulator): string[] {
	const problems: string[] = [];
	const consent = sim.consent(OS1_DEMO_PHONES.allows);
	if (output('Request consent').length !== 1) problems.push(missing("one item from 'Request consent'", output('Request consent')));
	const [status] = output('Consent status');
	if (status?.consentStatus !== 'allowed') problems.push(missing("'Consent status' saying consentStatus allowed", status));
	const created = output('Create SIM track');
	const trackId = created[0]?.trackId;
	if (created.length !== 1 || typeof trackId !== 'string' || created[0].started !== true) {
		return [...problems, missing("one 'Create SIM track' item with trackId and started: true", created)];
	}
	const track = sim.getTrack(trackId);
	if (!track || track.kind !== 'sim' || track.msisdn !== OS1_DEMO_PHONES.allows) {
		return [...problems, missing(`a SIM track ${trackId} of ${OS1_DEMO_PHONES.allows} in the simulator`, track)];
	}
	if (track.status !== 'started') problems.push(missing(`track ${trackId} started`, track.status));
	if (created[0].trackName !== track.trackName) problems.push(missing(`trackName ${track.trackName}`, created[0].trackName));
	if (!consent || consent.requestedAt > track.createdAt) problems.push(missing('consent requested before the track was created', consent));
	const items = output('Trace points');
	const truth = sim.points(trackId);
	if (items.length === 0 || items.length > truth.length) problems.push(`expected 1 to ${truth.length} trace points, found ${items.length}`);
	items.slice(0, truth.length).forEach((item, index) => {
		const point = truth[index];
		const location = (item.location ?? {}) as OutputItem;
		const expected = { trackId, sequence: point.sequence, timestamp: iso(point.timestamp) };
		const found = { trackId: item.trackId, sequence: item.sequence, timestamp: item.timestamp };
		if (JSON.stringify(found) !== JSON.stringify(expected)) problems.push(missing(`point ${index + 1} as ${JSON.stringify(expected)}`, found));
		if (location.latitude !== point.lat || location.longitude !== point.lon || location.time !== iso(point.timestamp)) {
			problems.push(missing(`point ${index + 1} at ${point.lat},${point.lon} ${iso(point.timestamp)}`, location));
		}
	});
	return problems;
}

/** One execution of the trigger example: the revocation as sent, times ISO, meta passed through, then the alert. */
function checkRevokedAlert(output: (node: string) => OutputItem[], sim: Os1Simulator): string[] {
	const items = output('On consent revoked');
	if (items.length !== 1) return [`one revocation per execution, found ${items.length}`];
	const [item] = items;
	const sent = revocations(sim).find((delivery) => delivery.eventId === item.eventId);
	if (!sent) return [missing('an item carrying the eventId of a revocation the simulator sent', item.eventId)];
	const body = JSON.parse(sent.body) as OutputItem & { occurredAt: number };
	const expected = { eventType: 'CONSENT_REVOKED', tenantId: body.tenantId, occurredAt: iso(body.occurredAt), data: body.data, meta: body.meta };
	const found = { eventType: item.eventType, tenantId: item.tenantId, occurredAt: item.occurredAt, data: item.data, meta: item.meta };
	const problems: string[] = [];
	if (JSON.stringify(found) !== JSON.stringify(expected)) problems.push(missing(`the callback body ${JSON.stringify(expected)}`, found));
	if (output('Alert').length !== 1) problems.push(missing("one item in 'Alert'", output('Alert')));
	return problems;
}

export const sandbox: SandboxProvider<Os1Simulator> = {
	name: 'os1',
	port: 18103,
	// The phones answer within 300 ms: the manual example waits 2 s between request and status.
	create: () => new Os1Simulator(),
	credential: {
		id: 'lt-os1-demo',
		name: 'OS1 demo (simulator)',
		type: 'os1MtsApi',
		data: (baseUrl) => ({
			tenantUrl: baseUrl,
			tenantId: OS1_TENANT_ID,
			clientId: OS1_CLIENT_ID,
			clientSecret: OS1_CLIENT_SECRET,
			audience: OS1_AUDIENCE,
			mtsPrefix: OS1_MTS_PREFIX,
			callbackSecret: OS1_DEMO_CALLBACK_SECRET,
		}),
	},
	accounts: [
		`tenant ${OS1_TENANT_ID}: client id ${OS1_CLIENT_ID} / client secret ${OS1_CLIENT_SECRET} (audience ${OS1_AUDIENCE})`,
		`phone ${OS1_DEMO_PHONES.allows} allows tracking, ${OS1_DEMO_PHONES.denies} denies (any number ending in 0000 does; every other allows)`,
		`phone ${ALERT_PHONE}: the driver whose consent the revocation example withdraws`,
		'callback urls: the documented pattern, or http://127.0.0.1:<port>/... (the simulator only ever calls those)',
	],
	tokens: {
		logins: (sim) => sim.loginCount(),
		expire: (sim) => sim.expireTokens(),
	},

	live(sim, say) {
		const timer = setInterval(() => {
			void sim
				.tick()
				.then((deliveries) => {
					if (deliveries.length > 0) say(`os1: ${deliveries.length} trace update callback(s) sent`);
				})
				.catch((error: unknown) => say(`os1: trace updates failed: ${String(error)}`));
		}, 30_000);
		return () => clearInterval(timer);
	},

	examples: {
		'os1-consent-track-trace': { kind: 'manual', check: checkConsentTrackTrace },
		'os1-consent-revoked-alert': {
			kind: 'trigger',
			delivery: 'webhook',
			async connect(sim, webhookUrls) {
				const callbacks: Callback[] = webhookUrls.map((url) => ({ url, meta: { ...OS1_ALERT_META }, secret: CALLBACK_SECRET_B64 }));
				if (callbacks.length === 0) throw new Error('No webhook URL to connect at the OS1 simulator');
				sim.requestConsent(ALERT_PHONE, callbacks[0]);
				await sim.replyConsent(ALERT_PHONE, 'allow');
				for (const callback of callbacks) await sim.createTrack({ kind: 'sim', msisdn: ALERT_PHONE, start: true, expiry: '60d', callback });
			},
			registered: (sim) => sim.callbackUrls(ALERT_PHONE),
			async fire(sim) {
				const consent = sim.consent(ALERT_PHONE);
				if (!consent?.callback) throw new Error(`No callback URL is connected for ${ALERT_PHONE} at the OS1 simulator`);
				if (consent.effectiveStatus !== 'allowed') {
					// Fired again (e.g. after deactivation): the driver allows once more, then revokes again.
					sim.requestConsent(ALERT_PHONE, consent.callback);
					await sim.replyConsent(ALERT_PHONE, 'allow');
				}
				const sent = (await sim.revokeConsent(ALERT_PHONE)).filter((delivery) => !delivery.skipped);
				if (sent.length === 0) throw new Error(`The revocation of ${ALERT_PHONE} reached no callback URL`);
				return [...new Set(sent.map((delivery) => delivery.eventId))];
			},
			eventKey: (item) => String(item.eventId),
			async sendInvalid(sim) {
				const records: CallbackRecord[] = [];
				for (const callback of alertCallbacks(sim).values()) {
					const data = { msisdn: ALERT_PHONE, consentStatus: 'revoked' };
					records.push(record(await sim.sendForged(sim.event('CONSENT_REVOKED', data), callback)));
					records.push(record(await sim.sendUnsigned(sim.event('CONSENT_REVOKED', data), callback)));
				}
				return records;
			},
			async sendRepeated(sim) {
				const signed = revocations(sim).filter((delivery) => delivery.kind === 'signed' && delivery.status >= 200 && delivery.status < 300);
				const repeated = await Promise.all(signed.map(async (delivery) => await sim.redeliver(delivery.seq)));
				return repeated.map(record);
			},
			callbacks: (sim) => revocations(sim).map(record),
			check: checkRevokedAlert,
		},
	},
};
