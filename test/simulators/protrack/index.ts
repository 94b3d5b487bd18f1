/** The ProTrack Open API simulator: a real HTTP server answering like the document describes. */
import { Simulator, type SimRequest, type SimResponse } from '../framework';
import { AUTHORIZATION_PATH, dispatch } from './server';
import { ProTrackState } from './state';
import type {
	AlarmRecord,
	CommandBehaviour,
	Geofence,
	ProTrackAccount,
	ProTrackDeviceSnapshot,
	ProTrackDeviceState,
	ProTrackOptions,
	RateLimit,
	RoutePoint,
	SentCommand,
	SentMessage,
} from './types';

export {
	PROTRACK_DEFAULT_ACCOUNTS,
	PROTRACK_DEMO,
	PROTRACK_FLEET_EAST,
	PROTRACK_FLEET_WEST,
	PROTRACK_SUB_ACCOUNTS,
	md5,
	protrackSignature,
} from './accounts';
export {
	AlarmType,
	DataStatus,
	PROTRACK_CODE_MESSAGES,
	PROTRACK_COMMANDS,
	PROTRACK_LIMITS,
	ProTrackCode,
} from './codes';
export { AUTHORIZATION_PATH, PROTRACK_PATHS } from './server';
export type * from './types';

export class ProTrackSimulator extends Simulator {
	private readonly state: ProTrackState;

	constructor(options: ProTrackOptions = {}) {
		super('protrack');
		this.state = new ProTrackState(options);
	}

	/** Epoch seconds at construction: the generated history ends here. */
	get anchor(): number {
		return this.state.anchor;
	}

	get geofences(): readonly Geofence[] {
		return this.state.geofences;
	}

	/** Messages sent with /api/message/send. */
	get messages(): readonly SentMessage[] {
		return this.state.messages;
	}

	/** Commands sent with /api/command/send. */
	get commands(): readonly SentCommand[] {
		return this.state.commands.sent;
	}

	/** Every current token becomes out of date (10012). */
	expireTokens(): void {
		this.state.tokens.expireAll(this.state.nowMs());
	}

	/** Another client logs in: the account's current token becomes invalid (10011). Returns the new token. */
	issueTokenElsewhere(account = this.state.topAccount()): string {
		if (!this.state.accounts.get(account)) {
			throw new Error(`Unknown simulated ProTrack account ${account}`);
		}
		return this.state.tokens.issue(account, this.state.nowMs());
	}

	/** IMEIs of the account and its sub-accounts (default: the top account, i.e. every device). */
	imeis(account = this.state.topAccount()): string[] {
		return this.state.devicesWithin(account).map((device) => device.imei);
	}

	/** IMEIs of the account whose devices are online (datastatus 2): they have history up to now and answer commands. */
	onlineImeis(account = this.state.topAccount()): string[] {
		return this.imeis(account).filter((imei) => this.device(imei)?.datastatus === 2);
	}

	device(imei: string): ProTrackDeviceSnapshot | undefined {
		const device = this.state.device(imei);
		return device && this.state.snapshot(device);
	}

	account(name: string): Readonly<ProTrackAccount> | undefined {
		return this.state.accounts.get(name);
	}

	setDeviceState(imei: string, partial: Partial<ProTrackDeviceState>): void {
		this.state.setDeviceState(imei, partial);
	}

	addRoutePoints(imei: string, points: RoutePoint[]): void {
		this.state.addRoutePoints(imei, points);
	}

	/** Ground truth for tests: every route point with begin <= gpstime <= end (generated and added), ascending. */
	routePoints(imei: string, begin: number, end: number): RoutePoint[] {
		return this.state.history.points(this.state.requireDevice(imei), begin, end).map((point) => ({ ...point }));
	}

	/** Ground truth for tests: every alarm with begin <= systemtime <= end (generated and added), ascending. */
	alarms(imei: string, begin: number, end: number): AlarmRecord[] {
		return this.state.history.alarms(this.state.requireDevice(imei), begin, end).map((alarm) => ({ ...alarm }));
	}

	addAlarms(imei: string, alarms: AlarmRecord[]): void {
		this.state.requireDevice(imei);
		this.state.history.addAlarms(imei, alarms);
	}

	/** How the device answers commands sent from now on (default: after 2000 ms, a canned reply). */
	setCommandBehaviour(imei: string, behaviour: CommandBehaviour): void {
		this.state.requireDevice(imei);
		this.state.commands.setBehaviour(imei, behaviour);
	}

	/** Requests beyond maxRequests within perMs are answered 10009; null turns the limit off. */
	setRateLimit(limit: RateLimit | null): void {
		this.state.rateLimiter.set(limit);
	}

	/** Requests logged on /api/authorization (successful or not) since the last clearLog(). */
	authorizationCount(): number {
		return this.requests(AUTHORIZATION_PATH).length;
	}

	/** Tokens issued since start, including those of issueTokenElsewhere(). */
	tokensIssued(): number {
		return this.state.tokens.issuedCount;
	}

	protected handle(request: SimRequest): SimResponse {
		return dispatch(this.state, request);
	}
}
