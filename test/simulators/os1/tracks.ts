/**
 * SIM and smartphone tracks and their lifecycle: created (initiated), started (by defaultStart or a start
 * operation), stopped, expired at `expiry` after the start, deleted when not started within 24 hours. SIM
 * tracks need an allowed consent to be created and started, and get no new points once it is lost.
 */
import { randomUUID } from 'node:crypto';

import type { Os1EventType } from './callbacks';
import { Os1Code, Os1Error, OS1_LIMITS } from './codes';
import type { ConsentStatus } from './consents';
import { Route } from './route';
import type { Callback, Operation } from './validation';

export type TrackKind = 'sim' | 'smartphone';
/** `deleted`: never started within 24 hours; the API answers 410 for it. */
export type TrackStatus = 'initiated' | 'started' | 'stopped' | 'expired' | 'deleted';

export interface TrackRecord {
	trackId: string;
	trackName: string;
	kind: TrackKind;
	msisdn?: string;
	contextId?: string;
	externalRefId?: string;
	status: TrackStatus;
	/** Epoch ms; 0 when not (yet). */
	createdAt: number;
	startedAt: number;
	stoppedAt: number;
	/** startedAt + expiry, once started. */
	expiresAt: number;
	expiryMs: number;
	/** When the SIM consent stopped being allowed after the start: no points after it. */
	haltedAt: number;
	/** Why points stopped early, as rsOutput.errorReason says it. */
	haltReason?: string;
	callback?: Callback;
	/** Highest sequence sent in a TRACE_UPDATE. */
	sentSequence: number;
	route: Route;
}

export interface NewTrack {
	kind: TrackKind;
	msisdn?: string;
	contextId?: string;
	externalRefId?: string;
	expiryMs: number;
	callback?: Callback;
	start: boolean;
}

/** What the track book needs from the rest of the simulator. */
export interface TrackWorld {
	now(): number;
	emit(eventType: Os1EventType, occurredAt: number, data: Record<string, unknown>, callbacks: Array<Callback | undefined>): void;
	consentStatus(msisdn: string): ConsentStatus | undefined;
	/** A seed for a new track's route. */
	nextSeed(): number;
}

const TRACK_ID = /^mts:track:[0-9a-f-]{36}$/;

export class TrackBook {
	/** In creation order. */
	private readonly tracks = new Map<string, TrackRecord>();
	private readonly simCounts = new Map<string, number>();

	constructor(private readonly world: TrackWorld) {}

	all(): TrackRecord[] {
		return [...this.tracks.values()];
	}

	create(input: NewTrack): TrackRecord {
		if (input.kind === 'sim') this.requireConsent(input.msisdn!);
		let trackName: string;
		if (input.kind === 'sim') {
			const count = (this.simCounts.get(input.msisdn!) ?? 0) + 1;
			this.simCounts.set(input.msisdn!, count);
			trackName = `sim-${input.msisdn!}-${count}`;
		} else {
			trackName = `phone-${input.contextId!}`;
			if (this.all().some((track) => track.trackName === trackName && track.status !== 'deleted')) {
				throw new Os1Error(Os1Code.contextInUse, `A track for contextId ${input.contextId!} already exists`);
			}
		}
		const track: TrackRecord = {
			trackId: `mts:track:${randomUUID()}`,
			trackName,
			kind: input.kind,
			...(input.msisdn === undefined ? {} : { msisdn: input.msisdn }),
			...(input.contextId === undefined ? {} : { contextId: input.contextId }),
			...(input.externalRefId === undefined ? {} : { externalRefId: input.externalRefId }),
			status: 'initiated',
			createdAt: this.world.now(),
			startedAt: 0,
			stoppedAt: 0,
			expiresAt: 0,
			expiryMs: input.expiryMs,
			haltedAt: 0,
			callback: input.callback,
			sentSequence: 0,
			route: new Route(this.world.nextSeed(), input.kind),
		};
		this.tracks.set(track.trackId, track);
		if (input.start) this.start(track);
		return track;
	}

	/**
	 * A track by id or name (`by` says which; either by default), of one kind when given: 404 when
	 * unknown, 410 when deleted. Names are unique among tracks that are not deleted; a deleted track's
	 * name may be taken again, and the newest track of a name is the one found.
	 */
	find(idOrName: string, kind?: TrackKind, by: 'id' | 'name' | 'either' = 'either'): TrackRecord {
		const byId = by === 'name' ? undefined : this.tracks.get(idOrName);
		const track = byId ?? (by === 'id' ? undefined : this.all().filter((candidate) => candidate.trackName === idOrName).pop());
		if (!track || (kind !== undefined && track.kind !== kind)) {
			const what = by === 'either' ? (TRACK_ID.test(idOrName) ? 'id' : 'name') : by;
			const label = kind === undefined ? 'track' : `${kind === 'sim' ? 'SIM' : 'smartphone'} track`;
			throw new Os1Error(Os1Code.trackNotFound, `No ${label} with ${what} ${idOrName}`);
		}
		if (track.status === 'deleted') {
			throw new Os1Error(Os1Code.trackDeleted, `Track ${track.trackId} was deleted: it was not started within 24 hours`);
		}
		return track;
	}

	/** The newest track (not deleted) matching; 404 when there is none. */
	newest(matches: (track: TrackRecord) => boolean, what: string): TrackRecord {
		const found = this.all().filter((track) => track.status !== 'deleted' && matches(track)).pop();
		if (!found) throw new Os1Error(Os1Code.trackNotFound, `No track for ${what}`);
		return found;
	}

	operate(track: TrackRecord, operation: Operation, callback: Callback | undefined): void {
		if (callback) track.callback = callback;
		if (operation === 'start') this.start(track);
		else this.stop(track);
	}

	/** Deletes unstarted tracks after 24 hours and expires started ones, at the times that happened. */
	refresh(): void {
		const now = this.world.now();
		for (const track of this.tracks.values()) {
			if (track.status === 'initiated' && now >= track.createdAt + OS1_LIMITS.unstartedLifetimeMs) {
				track.status = 'deleted';
			} else if (track.status === 'started' && now >= track.expiresAt) {
				track.status = 'expired';
				track.stoppedAt = track.expiresAt;
				this.announce(track, 'TRACK_EXPIRED', track.expiresAt);
			}
		}
	}

	/** The MSISDN's consent stopped being allowed at `at`: its started SIM tracks get no points after it. */
	halt(msisdn: string, at: number, reason: string): void {
		for (const track of this.tracks.values()) {
			if (track.msisdn === msisdn && track.status === 'started' && track.haltedAt === 0) {
				track.haltedAt = Math.max(at, track.startedAt);
				track.haltReason = reason;
			}
		}
	}

	/** Callbacks of the MSISDN's started SIM tracks. */
	startedCallbacks(msisdn: string): Callback[] {
		return this.all().flatMap((track) => (track.msisdn === msisdn && track.status === 'started' && track.callback ? [track.callback] : []));
	}

	private start(track: TrackRecord): void {
		if (track.status !== 'initiated') {
			throw new Os1Error(Os1Code.trackWrongState, `Track ${track.trackId} is ${track.status}: only an initiated track can be started`);
		}
		if (track.kind === 'sim') this.requireConsent(track.msisdn!);
		const now = this.world.now();
		track.status = 'started';
		track.startedAt = now;
		track.expiresAt = now + track.expiryMs;
		this.announce(track, 'TRACK_STARTED', now);
	}

	private stop(track: TrackRecord): void {
		if (track.status !== 'started') {
			throw new Os1Error(Os1Code.trackWrongState, `Track ${track.trackId} is ${track.status}: only a started track can be stopped`);
		}
		const now = this.world.now();
		track.status = 'stopped';
		track.stoppedAt = now;
		this.announce(track, 'TRACK_STOPPED', now);
	}

	private requireConsent(msisdn: string): void {
		const status = this.world.consentStatus(msisdn);
		if (status !== 'allowed') {
			throw new Os1Error(Os1Code.noValidConsent, `No valid consent for MSISDN ${msisdn}: consent is ${status ?? 'not requested'}`);
		}
	}

	private announce(track: TrackRecord, eventType: Os1EventType, at: number): void {
		const who = track.kind === 'sim' ? { msisdn: track.msisdn } : { contextId: track.contextId };
		const data = { trackId: track.trackId, trackName: track.trackName, kind: track.kind, ...who, status: track.status };
		this.world.emit(eventType, at, data, [track.callback]);
	}
}
