/**
 * The OS1 Movement Tracking (MTS) simulator: one tenant host, e.g. https://<tenant>.sandbox.getos1.com,
 * served at the simulator's base URL: token by client credentials, SIM consent by (simulated) SMS, SIM and
 * smartphone tracks with their lifecycle, GeoJSON trace data, and signed callbacks.
 *
 * Assumptions where the public document is silent (the node is written against the same choices):
 * - Paths under /core/api/v1/mts: POST|GET /consents/{msisdn}, GET /consents/{msisdn}/status; POST /sim-tracks,
 *   PUT /sim-tracks/{trackIdOrName}, GET /sim-tracks/msisdn/{msisdn}/status, /sim-tracks/name/{name}/status,
 *   /sim-tracks/{id}/status; the same for /smartphone-tracks with /context/{contextId}/status; GET
 *   /tracks/{trackIdOrName}/status and /tracks/{trackIdOrName}/trace?pageSize=&pageToken= (server.ts lists them).
 * - Every MTS request needs X-COREOS-ACCESS (missing or unknown 401 101001401001, expired 401 101001401002),
 *   X-COREOS-TID equal to the tenant id (403 101001403001) and X-COREOS-REQUEST-ID (400 101001400001). The
 *   token call needs the request id too; a wrong client id or secret is 401 101001401003, an audience other
 *   than platform:app:coreos 400 101001400003. Tokens live 3600 s by default; several may be valid at once.
 * - MTS error codes are ours (codes.ts), 12 digits in OS1's service + method + error style; errors carry
 *   `{data: null, error: {code, description, additionalInfo}, request: {uri, method, queryString}}`.
 * - A rate limit of 20 requests per second for the whole tenant: 429 140100429001 with Retry-After.
 * - Consent: the phone answers after 300 ms of real time (configurable); MSISDNs ending in 0000 deny, the
 *   rest allow, unless the phone table says otherwise. An allowed consent expires 30 days after it was
 *   received. A new request resets the consent to initiated, and the latest request's callback is the one
 *   kept (none when it gave none). Consent times are epoch ms, 0 when not yet.
 * - SIM tracks need an allowed consent to be created and started (else 403 140102403001 naming the consent
 *   status). When the consent stops being allowed (revoked, expired or requested again) the MSISDN's started
 *   SIM tracks keep status `started` but get no points after that moment, even if consent is given again;
 *   rsOutput.errorReason then names why (consentRevoked, consentExpired, consentRequestedAgain).
 * - The SIM create body may carry externalRefId (the SIM status shows one); the SIM status calls an allowed
 *   consent `granted` (as its example does) and gives times in epoch seconds; smartphone and general status
 *   give epoch ms. deviceId is `device-<msisdn>`; the driver's app is com.example.driver.
 * - Track ids are `mts:track:<uuid>`; names `sim-<msisdn>-<n>` (n counts that MSISDN's SIM tracks) and
 *   `phone-<contextId>`; a contextId (1 to 256 characters) has one track unless that track was deleted
 *   (else 409 140103409001). The status by MSISDN or context id is of the newest track not deleted.
 * - Expiry counts from the start; default 1d. A track not started 24 h after creation is deleted: 410
 *   140102410001 by id or name. Start needs an initiated track, stop a started one (else 409 140102409001).
 * - A callback given with start or stop replaces the track's callback from then on.
 * - Trace: a point every 30 s from the start until the earliest of now, stop, expiry and consent loss,
 *   along a seeded driving route; GeoJSON Point features with properties {timestamp (ms), sequence (from 1),
 *   accuracy (m)}. nextPageToken is opaque and null once a page reaches the newest point there is now.
 * - Callback urls must match the documented pattern, taken as anchored, or be http://127.0.0.1:<port>/...:
 *   the simulator's own exception, as it runs locally (a real tenant refuses those). The secret must be
 *   base64 (padding optional). Only 127.0.0.1 urls are ever called; others are recorded as skipped.
 * - Callbacks: POST JSON `{eventId, eventType, occurredAt (ms), tenantId, data, meta}` (indented, so a
 *   receiver that re-serializes cannot verify), signed by X-COREOS-HMAC-SIGNATURE = lowercase hex
 *   HMAC-SHA256 of the exact body bytes keyed with the base64-decoded secret; unsigned without a secret.
 *   Consent granted and denied go to the consent's callback; a revocation also to the callbacks of the
 *   MSISDN's started SIM tracks (once per distinct url); track events and TRACE_UPDATE (at most 500 points
 *   each, sent when `tick()` runs) to the track's callback. The simulator does not retry by itself.
 */
import { Simulator, type SimRequest, type SimResponse } from '../framework';
import type { Os1Delivery, Os1Event, Os1EventType } from './callbacks';
import { newEvent } from './callbacks';
import type { ConsentRecord } from './consents';
import type { TracePoint } from './route';
import { dispatch } from './server';
import { Os1State, type Os1Options } from './state';
import { tracePoints } from './trace';
import type { NewTrack, TrackRecord } from './tracks';
import { expiryMsOf, type Callback } from './validation';

export { OS1_EVENT_TYPES, signOs1Body } from './callbacks';
export type { Os1Delivery, Os1DeliveryKind, Os1Event, Os1EventType } from './callbacks';
export { OS1_CODES, OS1_LIMITS, Os1Code } from './codes';
export type { Os1CodeInfo, Os1ErrorCode } from './codes';
export type { ConsentStatus } from './consents';
export type { TracePoint } from './route';
export { OS1_ROUTES } from './server';
export type { Os1Options } from './state';
export * from './tenant';
export type { TrackKind, TrackStatus } from './tracks';
export type { Callback } from './validation';

/** A track as the simulator holds it (without its route). */
export type Os1Track = Omit<TrackRecord, 'route'>;

export interface TrackInput extends Omit<NewTrack, 'expiryMs'> {
	/** Like `2h` or `3h4m7s`; default 1d. */
	expiry?: string;
}

export class Os1Simulator extends Simulator {
	private readonly world: Os1State;

	constructor(options: Os1Options = {}) {
		super('os1');
		this.world = new Os1State(options);
	}

	/** Simulated time, epoch ms: real time plus what advance() added. */
	now(): number {
		return this.world.now();
	}

	/** Moves simulated time forward and applies what that does (expiries, deletions, their callbacks). */
	advance(ms: number): void {
		this.world.offsetMs += ms;
		this.world.refresh();
	}

	/** Successful token calls so far. */
	loginCount(): number {
		return this.world.tokens.issuedCount;
	}

	/** Every access token issued so far is expired from now on. */
	expireTokens(): void {
		this.world.tokens.expireAll(this.now());
	}

	/** The X-COREOS-REQUEST-ID of every request, in arrival order. */
	requestIds(): string[] {
		return [...this.world.requestIds];
	}

	/** Requests per second of the whole tenant, or false for no limit. */
	setRateLimit(perSecond: number | false): void {
		this.world.rateLimiter.set(perSecond === false ? null : { maxRequests: perSecond, perMs: 1000 });
	}

	consent(msisdn: string): (ConsentRecord & { effectiveStatus: string }) | undefined {
		this.world.refresh();
		const consent = this.world.consents.get(msisdn);
		return consent && { ...consent, effectiveStatus: this.world.consentStatus(msisdn)! };
	}

	/** Sends the consent SMS as the API would (the phone answers as scripted). */
	requestConsent(msisdn: string, callback?: Callback): void {
		this.world.refresh();
		this.world.consents.request(msisdn, callback);
	}

	/** The phone answers the pending consent SMS now; resolves with the callbacks sent. */
	async replyConsent(msisdn: string, answer: 'allow' | 'deny'): Promise<Os1Delivery[]> {
		return await this.world.capture(() => this.world.consents.reply(msisdn, answer));
	}

	/** The driver revokes an allowed consent; resolves with the callbacks sent. */
	async revokeConsent(msisdn: string): Promise<Os1Delivery[]> {
		return await this.world.capture(() => this.world.consents.revoke(msisdn));
	}

	/** Creates a track as the API would (consent rules included); resolves once its callbacks are answered. */
	async createTrack(input: TrackInput): Promise<Os1Track> {
		let created: TrackRecord | undefined;
		const { expiry, ...rest } = input;
		await this.world.capture(() => {
			created = this.world.tracks.create({ ...rest, expiryMs: expiryMsOf(expiry) });
		});
		return this.getTrack(created!.trackId)!;
	}

	/** Ids of every track, deleted ones too, in creation order. */
	trackIds(): string[] {
		this.world.refresh();
		return this.world.tracks.all().map((track) => track.trackId);
	}

	/** A track by id (deleted ones too). Named so because the framework keeps a private `track`. */
	getTrack(trackId: string): Os1Track | undefined {
		this.world.refresh();
		const found = this.world.trackById(trackId);
		if (!found) return undefined;
		const copy: Partial<TrackRecord> = { ...found, ...(found.callback ? { callback: { ...found.callback } } : {}) };
		delete copy.route;
		return copy as Os1Track;
	}

	/** Every point the track has now, in order. */
	points(trackId: string): TracePoint[] {
		this.world.refresh();
		const track = this.world.trackById(trackId);
		if (!track) throw new Error(`Unknown simulated OS1 track ${trackId}`);
		return tracePoints(track, this.now());
	}

	/** Applies time and sends TRACE_UPDATE callbacks with new points; resolves with the callbacks sent. */
	async tick(): Promise<Os1Delivery[]> {
		return await this.world.capture(() => this.world.traceUpdates());
	}

	/** Distinct callback urls the tenant holds now (of consents and of tracks not deleted), of one MSISDN when given. */
	callbackUrls(msisdn?: string): string[] {
		this.world.refresh();
		const msisdns = msisdn === undefined ? this.world.consents.msisdns() : [msisdn];
		const consents = msisdns.map((number) => this.world.consents.get(number)?.callback?.url);
		const tracks = this.world.tracks
			.all()
			.filter((track) => track.status !== 'deleted' && (msisdn === undefined || track.msisdn === msisdn))
			.map((track) => track.callback?.url);
		return [...new Set([...consents, ...tracks].filter((url): url is string => url !== undefined))];
	}

	/** Every callback delivery so far (signed, unsigned, forged, repeated, skipped). */
	deliveries(): Os1Delivery[] {
		return this.world.sender.deliveries.map((delivery) => ({ ...delivery }));
	}

	/** A new event (not sent), occurring now in simulated time. */
	event(eventType: Os1EventType, data: Record<string, unknown>): Os1Event {
		return newEvent(eventType, this.now(), this.world.tenantId, data);
	}

	/** Sends an event with a signature made with another key than the callback's secret. */
	async sendForged(event: Os1Event, callback: Callback): Promise<Os1Delivery> {
		return await this.world.sender.send(event, callback, true);
	}

	/** Sends an event without a signature header, whatever the callback's secret. */
	async sendUnsigned(event: Os1Event, callback: Callback): Promise<Os1Delivery> {
		return await this.world.sender.sendUnsigned(event, callback);
	}

	/** Sends delivery `seq` again byte for byte with the same signature (a provider's retry). */
	async redeliver(seq: number): Promise<Os1Delivery> {
		return await this.world.sender.redeliver(seq);
	}

	/** Resolves when every callback sent so far has its answer. */
	async idle(): Promise<void> {
		await this.world.sender.idle();
	}

	async stop(): Promise<void> {
		this.world.stopTimers();
		await super.stop();
	}

	protected handle(request: SimRequest): SimResponse {
		return dispatch(this.world, request);
	}
}
