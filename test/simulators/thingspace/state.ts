/**
 * Everything the ThingSpace simulator knows: the simulated clock (real time plus an offset tests move),
 * tokens, fleets, the location cache, listeners and deliveries, periodic sessions, asynchronous
 * requests, and the background work (callbacks) still running.
 */
import { RateLimiter } from '../common/rate-limit';
import { THINGSPACE_ACCOUNTS, THINGSPACE_LIMITS, THINGSPACE_OTHER, THINGSPACE_OTHER_LISTENER } from './accounts';
import { ThingSpaceAuth, type SessionExpiryStyle } from './auth';
import { CallbackSender, Listeners } from './callbacks';
import { Fleet } from './fleet';
import { LocationCache, locate, type FixOptions, type RequestedDevice } from './fixes';
import { sendDueRounds, type PeriodicSession } from './periodic';
import { fixReport } from './reports';

export interface ThingSpaceOptions {
	/** Seed of the generated fleets; default 2. */
	seed?: number;
	/** Devices of the demo account; default 25,000. */
	fleetSize?: number;
	/** Devices of the second account; default 20. */
	otherFleetSize?: number;
	/** Every n-th device of a fleet has no consent on file; default 50, 0 for none. */
	consentFailureEvery?: number;
	/** Default 3600. */
	bearerLifetimeSeconds?: number;
	/** Idle time after which a session token expires; default 1200. */
	sessionIdleSeconds?: number;
	/** How an expired session is reported; default 'message'. */
	sessionExpiryStyle?: SessionExpiryStyle;
	/** Requests per second over the whole API; default 50, false for no limit. */
	rateLimitPerSecond?: number | false;
	/** Callbacks of one periodic round or asynchronous request in flight at once; default 32. */
	deliveryConcurrency?: number;
	/** Live mode (the sandbox): asynchronous results and due fixes go out at once, not on the next advance. */
	live?: boolean;
}

export interface AsyncRequest {
	txid: string;
	account: string;
	devices: RequestedDevice[];
	options: FixOptions;
	createdAt: number;
	state: 'queued' | 'delivered' | 'cancelled';
}

export class ThingSpaceWorld {
	readonly auth: ThingSpaceAuth;
	readonly fleets = new Map<string, Fleet>();
	readonly cache = new LocationCache();
	readonly listeners = new Listeners();
	readonly sender = new CallbackSender(this.listeners);
	readonly rateLimiter = new RateLimiter();
	readonly periodic = new Map<string, PeriodicSession>();
	readonly asyncRequests = new Map<string, AsyncRequest>();
	readonly deliveryConcurrency: number;
	live: boolean;
	private offsetMs = 0;
	private readonly background = new Set<Promise<unknown>>();
	/** Scheduled sending runs one at a time, so a round is never sent twice. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(options: ThingSpaceOptions = {}) {
		const seed = options.seed ?? 2;
		const consentEvery = options.consentFailureEvery ?? 50;
		for (const owner of THINGSPACE_ACCOUNTS) {
			const size = owner === THINGSPACE_OTHER ? (options.otherFleetSize ?? 20) : (options.fleetSize ?? 25_000);
			this.fleets.set(owner.account, new Fleet(owner, size, seed, consentEvery));
		}
		this.auth = new ThingSpaceAuth(
			(options.bearerLifetimeSeconds ?? THINGSPACE_LIMITS.bearerLifetimeSeconds) * 1000,
			(options.sessionIdleSeconds ?? THINGSPACE_LIMITS.sessionIdleSeconds) * 1000,
			options.sessionExpiryStyle ?? 'message',
		);
		this.setRateLimit(options.rateLimitPerSecond ?? THINGSPACE_LIMITS.requestsPerSecond);
		this.deliveryConcurrency = options.deliveryConcurrency ?? 32;
		this.live = options.live ?? false;
		this.listeners.register(THINGSPACE_OTHER.account, 'DeviceLocation', THINGSPACE_OTHER_LISTENER, this.now());
	}

	/** Simulated epoch ms: real time plus what advance() added. */
	now(): number {
		return Date.now() + this.offsetMs;
	}

	fleetOf(account: string): Fleet {
		const fleet = this.fleets.get(account);
		if (!fleet) throw new Error(`No ThingSpace account ${account}`);
		return fleet;
	}

	setRateLimit(perSecond: number | false): void {
		this.rateLimiter.set(perSecond === false ? null : { maxRequests: perSecond, perMs: 1000 });
	}

	/** Moves the clock; then sends what became due (queued asynchronous results, periodic rounds) and waits for it. */
	async advance(ms: number): Promise<void> {
		if (!(ms >= 0)) throw new Error(`The simulated clock only moves forward, not by ${ms} ms`);
		this.offsetMs += ms;
		await this.sendDue();
		await this.idle();
	}

	/** Sends what is due now, after any sending already running. */
	async sendDue(): Promise<void> {
		const run = this.queue.then(async () => {
			await this.flushAsync();
			await sendDueRounds(this);
		});
		this.queue = run.catch(() => undefined);
		await run;
	}

	/** Runs work in the background (callbacks after an answer); idle() waits for it. */
	inBackground(work: () => Promise<unknown>): void {
		const running = work().catch(() => undefined);
		this.background.add(running);
		void running.finally(() => this.background.delete(running));
	}

	/** Resolves when no background work and no delivery is running. */
	async idle(): Promise<void> {
		while (this.background.size > 0) await Promise.allSettled([...this.background]);
		await this.sender.idle();
	}

	/** In live mode, sends what is due right after the current answer. */
	afterChange(): void {
		if (this.live) this.inBackground(async () => await this.sendDue());
	}

	/** One LOCATION_REPORT per device of every queued asynchronous request. */
	private async flushAsync(): Promise<void> {
		for (const request of this.asyncRequests.values()) {
			if (request.state !== 'queued') continue;
			request.state = 'delivered';
			const fleet = this.fleetOf(request.account);
			const reports = request.devices.map((device) => ({
				account: request.account,
				report: fixReport(request.account, request.txid, device, locate(fleet, this.cache, device, request.createdAt, request.options)),
			}));
			await this.sender.sendAll(reports, this.deliveryConcurrency);
		}
	}
}
