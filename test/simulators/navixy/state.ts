/** Everything the Navixy simulator knows: users, sessions, trackers, live states, events and logs. */
import { AddedItems, collectWindow } from '../common/history';
import { RateLimiter } from '../common/rate-limit';
import { dayOf } from '../common/time';
import { modelOf, outputTitlesOf, type NavixyModel } from './catalogue';
import { NavixyCode, NavixyError, NAVIXY_LIMITS } from './codes';
import { generateFleet } from './fleet';
import { Motion, dataTime, deriveState } from './motion';
import { NAVIXY_USERS, SessionStore } from './users';
import type {
	LocationRequest,
	NavixyEvent,
	NavixyLiveState,
	NavixyOptions,
	NavixyTracker,
	NavixyUser,
	OutputUpdate,
	RegistrationRecord,
	SentCommand,
	SentRawCommand,
} from './types';

/** Days of generated history before the simulator's start. */
export const HISTORY_DAYS = 30;

export class NavixyState {
	readonly seed: number;
	/** Epoch seconds at construction. */
	readonly anchor: number;
	readonly users: readonly NavixyUser[] = NAVIXY_USERS;
	readonly sessions: SessionStore;
	readonly rateLimiter = new RateLimiter();
	readonly motion = new Motion();
	readonly trackers = new Map<number, NavixyTracker>();
	readonly deviceLimit: number;
	readonly commands: SentCommand[] = [];
	readonly rawCommands: SentRawCommand[] = [];
	readonly outputUpdates: OutputUpdate[] = [];
	readonly locationRequests: LocationRequest[] = [];
	readonly registrations: RegistrationRecord[] = [];
	/** Activation codes, ICCIDs and bundles already used. */
	readonly used = new Set<string>();
	private readonly clock: () => number;
	private readonly overrides = new Map<number, Partial<NavixyLiveState>>();
	private readonly added = new AddedItems<NavixyEvent>((event) => event.time);
	private nextTrackerId = 0;
	private nextSourceId = 0;
	private nextEventId = 9e12;

	constructor(options: NavixyOptions = {}) {
		this.seed = options.seed ?? 4;
		this.clock = options.now ?? Date.now;
		this.anchor = Math.floor(this.clock() / 1000);
		this.deviceLimit = options.deviceLimit ?? 100;
		this.sessions = new SessionStore(
			(options.sessionIdleSeconds ?? 30 * 86400) * 1000,
			options.sessionLimit ?? 10,
		);
		if (options.rateLimit !== false) {
			this.rateLimiter.set({
				maxRequests: NAVIXY_LIMITS.requestsPerSecond,
				perMs: 1000,
			});
		}
		this.users.forEach((user, index) => {
			const count = (index === 0 ? options.trackerCount : options.sessionTrackerCount) ?? user.trackerCount;
			const fleet = generateFleet(
				{ ...user, trackerCount: count },
				{
					seed: this.seed,
					anchor: this.anchor,
					firstTrackerId: 300001 + index * 10000,
					firstSourceId: 10021901 + index * 10000,
				},
			);
			fleet.forEach((tracker) => this.trackers.set(tracker.id, tracker));
		});
		this.nextTrackerId = 300001 + this.users.length * 10000;
		this.nextSourceId = 10021901 + this.users.length * 10000;
	}

	nowMs(): number {
		return this.clock();
	}

	nowSec(): number {
		return Math.floor(this.clock() / 1000);
	}

	userById(id: number): NavixyUser | undefined {
		return this.users.find((user) => user.id === id);
	}

	/** The user's trackers that are not deleted, in ID order. */
	fleetOf(user: NavixyUser): NavixyTracker[] {
		return [...this.trackers.values()].filter(
			(tracker) => tracker.owner === user.id && !tracker.deleted,
		);
	}

	/** A tracker of the user: 201 when it does not exist for them (or was deleted). */
	owned(user: NavixyUser, id: number, code: number = NavixyCode.notFound): NavixyTracker {
		const tracker = this.trackers.get(id);
		if (!tracker || tracker.owner !== user.id || tracker.deleted) {
			throw new NavixyError(code);
		}
		return tracker;
	}

	/** owned(), then 208 for a blocked tracker. */
	usable(user: NavixyUser, id: number, code: number = NavixyCode.notFound): NavixyTracker {
		const tracker = this.owned(user, id, code);
		if (tracker.source.blocked) {
			throw new NavixyError(NavixyCode.deviceBlocked);
		}
		return tracker;
	}

	model(tracker: NavixyTracker): NavixyModel {
		const model = modelOf(tracker.source.model);
		if (!model) {
			throw new Error(`Unknown model ${tracker.source.model}`);
		}
		return model;
	}

	liveState(tracker: NavixyTracker): NavixyLiveState {
		const derived = deriveState(this.motion, tracker, this.model(tracker), this.nowSec());
		return { ...derived, ...this.overrides.get(tracker.source.id) };
	}

	/** Pins fields of the source's state (shared by its clones) until set again. */
	setState(tracker: NavixyTracker, partial: Partial<NavixyLiveState>): void {
		const current = this.overrides.get(tracker.source.id) ?? {};
		this.overrides.set(tracker.source.id, { ...current, ...partial });
	}

	addEvents(
		tracker: NavixyTracker,
		events: ReadonlyArray<Partial<NavixyEvent> & { event: string; time: number }>,
	): NavixyEvent[] {
		const state = this.liveState(tracker);
		const full = events.map((event) => ({
			id: this.nextEventId++,
			tracker_id: tracker.id,
			message: `${tracker.label}: ${event.event}`,
			lat: state.lat,
			lng: state.lng,
			...event,
		}));
		this.added.add(String(tracker.id), full);
		return full;
	}

	/** Every event of the tracker with from <= time <= to (generated and added), ascending by time then ID. */
	events(tracker: NavixyTracker, from: number, to: number): NavixyEvent[] {
		const nowSec = this.nowSec();
		const added = this.added.of(String(tracker.id)).filter((event) => event.time <= nowSec);
		const firstDay = dayOf(this.anchor) - HISTORY_DAYS;
		return collectWindow<NavixyEvent>({
			begin: from,
			end: Math.min(to, nowSec),
			limit: Infinity,
			generatedDays:
				tracker.profile === 'static' ? undefined : [firstDay, dayOf(dataTime(tracker, nowSec))],
			generated: (day) => (day < firstDay ? [] : this.motion.eventsOf(tracker, day, nowSec)),
			added,
			timeOf: (event) => event.time,
		}).sort((first, second) => first.time - second.time || first.id - second.id);
	}

	/** A new tracker of the user; its source starts `just_registered` at its home. */
	addTracker(
		user: NavixyUser,
		fields: Pick<NavixyTracker, 'label' | 'group_id'>,
		model: NavixyModel,
		deviceId: string,
		phone: string | null,
	): NavixyTracker {
		const sourceId = this.nextSourceId++;
		const tracker: NavixyTracker = {
			id: this.nextTrackerId++,
			owner: user.id,
			...fields,
			clone: false,
			source: this.newSource(sourceId, model, deviceId, phone),
			tag_bindings: [],
			profile: 'static',
			profileTime: this.nowSec(),
			home: { ...(this.fleetOf(user)[0]?.home ?? { lat: 52.52, lng: 13.405 }) },
			sourceSeed: sourceId,
			outputTitles: outputTitlesOf(model),
			apn: { name: '', user: '', password: '' },
			rules: [],
			corrupted: false,
			deleted: false,
		};
		this.trackers.set(tracker.id, tracker);
		return tracker;
	}

	/** Puts a new device in the tracker's place: history kept, state `just_replaced`. */
	replaceSource(
		tracker: NavixyTracker,
		model: NavixyModel,
		deviceId: string,
		phone: string | null,
	): void {
		const sourceId = this.nextSourceId++;
		tracker.source = this.newSource(sourceId, model, deviceId, phone);
		tracker.outputTitles = outputTitlesOf(model);
		this.setState(tracker, { connection_status: 'just_replaced' });
	}

	/** Whether a device ID or phone is taken by any live tracker. */
	inUse(field: 'device_id' | 'phone', value: string, except?: NavixyTracker): boolean {
		return [...this.trackers.values()].some(
			(tracker) =>
				!tracker.deleted && tracker.source !== except?.source && tracker.source[field] === value,
		);
	}

	private newSource(
		id: number,
		model: NavixyModel,
		deviceId: string,
		phone: string | null,
	): NavixyTracker['source'] {
		const today = new Date(this.nowMs()).toISOString().slice(0, 10);
		return {
			id,
			device_id: deviceId,
			model: model.code,
			blocked: false,
			tariff_id: 1294,
			status_listing_id: null,
			creation_date: today,
			tariff_end_date: null,
			phone,
		};
	}
}
