/**
 * Everything one OS1 tenant holds: the clock (real time plus an offset tests move), tokens, the rate
 * limiter, the request ids seen, consents, tracks, and the callbacks sent. Time-driven changes (consent
 * expiry, track expiry and deletion) are applied whenever anything looks, at the times they happened.
 */
import { RateLimiter } from '../common/rate-limit';
import { hashSeed } from '../common/random';
import { TokenStore } from '../common/tokens';
import { CallbackSender, newEvent, type Os1Delivery, type Os1Event, type Os1EventType } from './callbacks';
import { OS1_LIMITS } from './codes';
import { ConsentBook, type ConsentStatus } from './consents';
import { OS1_TENANT_ID, phoneAnswer, type PhoneAnswer } from './tenant';
import { tracePoints } from './trace';
import { TrackBook, type TrackRecord } from './tracks';
import type { Callback } from './validation';

export interface Os1Options {
	/** Access token lifetime; default 3600 s. */
	tokenLifetimeSeconds?: number;
	/** Real milliseconds until a phone answers the consent SMS; default 300, 0 answers at once. */
	consentReplyMs?: number;
	/** Requests per second of the whole tenant; default 20, false for no limit. */
	rateLimitPerSecond?: number | false;
	/** Scripted answers by MSISDN, on top of the default (allow; MSISDNs ending in 0000 deny). */
	phones?: Record<string, PhoneAnswer>;
	/** Seed of the routes; default 1. */
	seed?: number;
}

/** Points per TRACE_UPDATE callback at most; more go in several. */
export const TRACE_UPDATE_POINTS = 500;

export class Os1State {
	readonly tenantId = OS1_TENANT_ID;
	readonly tokens: TokenStore;
	readonly rateLimiter = new RateLimiter();
	readonly sender = new CallbackSender();
	readonly requestIds: string[] = [];
	readonly consents: ConsentBook;
	readonly tracks: TrackBook;
	readonly consentReplyMs: number;
	offsetMs = 0;
	private readonly phones: Record<string, PhoneAnswer>;
	private readonly seed: number;
	private readonly timers = new Set<NodeJS.Timeout>();
	private collecting: Array<Promise<Os1Delivery>> | undefined;
	private routes = 0;

	constructor(options: Os1Options = {}) {
		this.tokens = new TokenStore({ lifetimeMs: (options.tokenLifetimeSeconds ?? OS1_LIMITS.tokenLifetimeSeconds) * 1000, onePerAccount: false });
		this.consentReplyMs = options.consentReplyMs ?? OS1_LIMITS.consentReplyMs;
		this.phones = { ...options.phones };
		this.seed = options.seed ?? 1;
		const perSecond = options.rateLimitPerSecond ?? OS1_LIMITS.requestsPerSecond;
		if (perSecond !== false) this.rateLimiter.set({ maxRequests: perSecond, perMs: 1000 });
		this.consents = new ConsentBook({
			now: () => this.now(),
			emit: (...args) => this.emit(...args),
			schedule: (ms, run) => this.schedule(ms, run),
			answerOf: (msisdn) => phoneAnswer(msisdn, this.phones),
			consentReplyMs: this.consentReplyMs,
			consentLost: (msisdn, at, reason) => this.tracks.halt(msisdn, at, reason),
			trackCallbacks: (msisdn) => this.tracks.startedCallbacks(msisdn),
		});
		this.tracks = new TrackBook({
			now: () => this.now(),
			emit: (...args) => this.emit(...args),
			consentStatus: (msisdn) => this.consentStatus(msisdn),
			nextSeed: () => hashSeed(this.seed, ++this.routes),
		});
	}

	now(): number {
		return Date.now() + this.offsetMs;
	}

	consentStatus(msisdn: string): ConsentStatus | undefined {
		return this.consents.statusOf(msisdn);
	}

	/** Applies what time has done since the last look: consent expiries, then track expiries and deletions. */
	refresh(): void {
		this.consents.refresh();
		this.tracks.refresh();
	}

	/**
	 * Sends an event to each distinct callback url (the first callback of a url wins: its meta and secret).
	 * Deliveries run in the background; `capture` collects them for a caller that waits.
	 */
	emit(eventType: Os1EventType, occurredAt: number, data: Record<string, unknown>, callbacks: Array<Callback | undefined>): Os1Event {
		const event = newEvent(eventType, occurredAt, this.tenantId, data);
		const urls = new Set<string>();
		for (const callback of callbacks) {
			if (!callback || urls.has(callback.url)) continue;
			urls.add(callback.url);
			const delivery = this.sender.send(event, callback);
			this.collecting?.push(delivery);
		}
		return event;
	}

	/** Runs a change and waits for the callbacks it sent. */
	async capture(change: () => void): Promise<Os1Delivery[]> {
		const collected: Array<Promise<Os1Delivery>> = [];
		this.collecting = collected;
		try {
			this.refresh();
			change();
		} finally {
			this.collecting = undefined;
		}
		return await Promise.all(collected);
	}

	/** TRACE_UPDATE callbacks with the points each track with a callback got since its last update. */
	traceUpdates(): void {
		const now = this.now();
		for (const track of this.tracks.all()) {
			if (!track.callback || track.startedAt === 0) continue;
			for (;;) {
				const points = tracePoints(track, now, track.sentSequence + 1, TRACE_UPDATE_POINTS);
				if (points.length === 0) break;
				track.sentSequence = points[points.length - 1].sequence;
				const data = { trackId: track.trackId, trackName: track.trackName, points: points.map(({ lat, lon, timestamp, sequence }) => ({ lat, lon, timestamp, sequence })) };
				this.emit('TRACE_UPDATE', now, data, [track.callback]);
			}
		}
	}

	/** A track by id, deleted ones included; undefined when unknown. */
	trackById(trackId: string): TrackRecord | undefined {
		return this.tracks.all().find((track) => track.trackId === trackId);
	}

	rememberRequestId(id: string): void {
		this.requestIds.push(id);
	}

	stopTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	private schedule(ms: number, run: () => void): void {
		if (ms <= 0) {
			run();
			return;
		}
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.refresh();
			run();
		}, ms);
		this.timers.add(timer);
	}
}
