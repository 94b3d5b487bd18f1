/**
 * The Navixy API v2 simulator: a real HTTP server answering like the documents describe. Actions are
 * served at the root: `POST <baseUrl>/tracker/list` stands for `POST https://api.eu.navixy.com/v2/tracker/list`,
 * so a credential's custom API URL is the simulator's baseUrl.
 */
import { Simulator, type SimRequest, type SimResponse } from '../framework';
import { NAVIXY_LIMITS } from './codes';
import { trackerObject } from './records';
import { USER_AUTH_PATH, dispatch } from './server';
import { NavixyState } from './state';
import { NAVIXY_DEMO, NAVIXY_USERS } from './users';
import type {
	LocationRequest,
	NavixyEvent,
	NavixyLiveState,
	NavixyOptions,
	NavixyTracker,
	OutputUpdate,
	RegistrationRecord,
	SentCommand,
	SentRawCommand,
} from './types';

export {
	NAVIXY_ACTIVATION_CODES,
	NAVIXY_BUNDLE_IMEIS,
	NAVIXY_EVENT_TYPES,
	NAVIXY_GROUP_IDS,
	NAVIXY_ICCIDS,
	NAVIXY_MODELS,
	NAVIXY_PLUGINS,
	NAVIXY_TAG_IDS,
} from './catalogue';
export { NAVIXY_CODE_DESCRIPTIONS, NAVIXY_LIMITS, NavixyCode, httpStatusOf } from './codes';
export { isoDateTime, parseDateTime, userDateTime } from './dates';
export { NAVIXY_PATHS, USER_AUTH_PATH } from './server';
export {
	NAVIXY_DEMO,
	NAVIXY_DEMO_KEY,
	NAVIXY_DEMO_LOGIN,
	NAVIXY_DEMO_PASSWORD,
	NAVIXY_DEMO_TIME_ZONE,
	NAVIXY_SESSION_TIME_ZONE,
	NAVIXY_SESSION_USER,
	NAVIXY_USERS,
} from './users';
export type * from './types';

export type TrackerKind = 'all' | 'regular' | 'clones' | 'blocked';
/** A user by login; the API-key demo user by default. */
type Login = string;

export class NavixySimulator extends Simulator {
	private readonly world: NavixyState;

	constructor(options: NavixyOptions = {}) {
		super('navixy');
		this.world = new NavixyState(options);
	}

	/** Epoch seconds at construction; generated history covers the 30 days before it. */
	get anchor(): number {
		return this.world.anchor;
	}

	/** Tracker IDs of a user (not deleted), ascending: regular = neither clone nor blocked. */
	trackerIds(kind: TrackerKind = 'all', login: Login = NAVIXY_DEMO.login): number[] {
		return this.world
			.fleetOf(this.user(login))
			.filter((tracker) => {
				switch (kind) {
					case 'regular':
						return !tracker.clone && !tracker.source.blocked;
					case 'clones':
						return tracker.clone;
					case 'blocked':
						return tracker.source.blocked;
					default:
						return true;
				}
			})
			.map((tracker) => tracker.id);
	}

	/** The tracker object as tracker/list shows it (deleted trackers too), or undefined. */
	tracker(id: number): Record<string, unknown> | undefined {
		const tracker = this.world.trackers.get(id);
		return tracker && { ...trackerObject(tracker), deleted: tracker.deleted };
	}

	/** The live state now (times in epoch seconds). */
	state(id: number): NavixyLiveState {
		return this.world.liveState(this.require(id));
	}

	/** Pins state fields (e.g. connection_status, inputs) of the tracker's source until set again. */
	setState(id: number, partial: Partial<NavixyLiveState>): void {
		this.world.setState(this.require(id), partial);
	}

	/** Adds events (time in epoch seconds); returns them with their IDs. */
	addEvents(
		id: number,
		events: ReadonlyArray<Partial<NavixyEvent> & { event: string; time: number }>,
	): NavixyEvent[] {
		return this.world.addEvents(this.require(id), events);
	}

	/** Ground truth: every event of the tracker with from <= time <= min(to, now), by time then ID. */
	events(id: number, from: number, to: number): NavixyEvent[] {
		return this.world.events(this.require(id), from, to).map((event) => ({ ...event }));
	}

	/** Ends every session hash (of one user when given); API keys keep working. */
	expireSessions(login?: Login): void {
		this.world.sessions.endAll(login === undefined ? undefined : this.user(login).id);
	}

	/** Successful user/auth calls since start. */
	loginCount(): number {
		return this.world.sessions.loginCount;
	}

	/** Requests logged on user/auth (successful or not) since the last clearLog(). */
	authRequestCount(): number {
		return this.requests(USER_AUTH_PATH).length;
	}

	/** Live session hashes of a user. */
	sessionsOf(login: Login): string[] {
		return this.world.sessions.live(this.user(login).id, this.world.nowMs());
	}

	/** Turns the 50 requests/s limit on or off (or sets another). */
	setRateLimit(on: boolean, perSecond: number = NAVIXY_LIMITS.requestsPerSecond): void {
		this.world.rateLimiter.set(on ? { maxRequests: perSecond, perMs: 1000 } : null);
	}

	get commands(): readonly SentCommand[] {
		return this.world.commands;
	}

	get rawCommands(): readonly SentRawCommand[] {
		return this.world.rawCommands;
	}

	/** tracker/output/update calls (output switching shows in state(id).outputs). */
	get outputUpdates(): readonly OutputUpdate[] {
		return this.world.outputUpdates;
	}

	get locationRequests(): readonly LocationRequest[] {
		return this.world.locationRequests;
	}

	/** Successful register*, replace* and *_retry calls. */
	get registrations(): readonly RegistrationRecord[] {
		return this.world.registrations;
	}

	/** IDs of trackers created by tracker/register and register_quick. */
	registeredTrackerIds(): number[] {
		const created = this.world.registrations.filter(
			(entry) => entry.action.startsWith('register') && !entry.action.endsWith('retry'),
		);
		return created.map((entry) => entry.tracker_id);
	}

	protected handle(request: SimRequest): SimResponse {
		return dispatch(this.world, request);
	}

	private require(id: number): NavixyTracker {
		const tracker = this.world.trackers.get(id);
		if (!tracker) {
			throw new Error(`Unknown simulated Navixy tracker ${id}`);
		}
		return tracker;
	}

	private user(login: Login): (typeof NAVIXY_USERS)[number] {
		const user = NAVIXY_USERS.find((candidate) => candidate.login === login);
		if (!user) {
			throw new Error(`Unknown simulated Navixy user ${login}`);
		}
		return user;
	}
}
