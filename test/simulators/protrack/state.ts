/** Everything the ProTrack simulator knows: accounts, tokens, devices, history, commands, geofences, messages. */
import { SeededRandom, hashSeed } from '../common/random';
import { RateLimiter } from '../common/rate-limit';
import { dayStartOf } from '../common/time';
import { TokenStore } from '../common/tokens';
import { AccountBook, PROTRACK_DEFAULT_ACCOUNTS } from './accounts';
import { DataStatus, ProTrackCode, ProTrackError } from './codes';
import { CommandCenter, mileageOf } from './commands';
import { assignOwners, generateDevice } from './devices';
import { HistoryStore } from './history';
import type {
	Geofence,
	ProTrackAccount,
	ProTrackDevice,
	ProTrackDeviceSnapshot,
	ProTrackDeviceState,
	ProTrackOptions,
	RoutePoint,
	SentCommand,
	SentMessage,
} from './types';

const SNAPSHOT_KEYS: ReadonlyArray<keyof ProTrackDeviceSnapshot> = [
	'imei',
	'owner',
	'devicename',
	'devicetype',
	'platenumber',
	'onlinetime',
	'platformduetime',
	'simcard',
	'activatedtime',
	'userduetime',
	'gpstime',
	'hearttime',
	'systemtime',
	'longitude',
	'latitude',
	'course',
	'speed',
	'acctime',
	'accstatus',
	'doorstatus',
	'chargestatus',
	'oilpowerstatus',
	'defencestatus',
	'datastatus',
	'battery',
	'mileage',
	'todaymileage',
];

export class ProTrackState {
	readonly seed: number;
	readonly clockSkewSeconds: number;
	/** Epoch seconds when the simulator was created; generated history ends here. */
	readonly anchor: number;
	readonly accounts: AccountBook;
	readonly tokens: TokenStore;
	readonly history: HistoryStore;
	readonly commands = new CommandCenter();
	/** One window for the whole API, counted before the token check; over it, server.ts answers 10009. */
	readonly rateLimiter = new RateLimiter();
	readonly geofences: Geofence[] = [];
	readonly messages: SentMessage[] = [];
	private readonly clock: () => number;
	private readonly devices = new Map<string, ProTrackDevice>();
	private readonly deviceOrder: ProTrackDevice[] = [];

	constructor(options: ProTrackOptions = {}) {
		this.seed = options.seed ?? 1;
		this.clock = options.now ?? Date.now;
		this.clockSkewSeconds = options.clockSkewSeconds ?? 600;
		this.anchor = Math.floor(this.clock() / 1000);
		this.accounts = new AccountBook(options.accounts ?? PROTRACK_DEFAULT_ACCOUNTS, this.anchor);
		this.tokens = new TokenStore({
			lifetimeMs: (options.tokenLifetimeSeconds ?? 7200) * 1000,
			onePerAccount: true,
		});
		this.history = new HistoryStore(this.seed);
		const count = options.deviceCount ?? 300;
		const owners = assignOwners(this.accounts.list(), this.accounts.roots(), count);
		for (let index = 0; index < count; index++) {
			const device = generateDevice(this.seed, index, owners[index], this.anchor);
			this.devices.set(device.imei, device);
			this.deviceOrder.push(device);
		}
	}

	nowMs(): number {
		return this.clock();
	}

	nowSec(): number {
		return Math.floor(this.clock() / 1000);
	}

	/** The first root account: the default for test helpers. */
	topAccount(): string {
		return this.accounts.roots()[0]?.account ?? '';
	}

	/** A located device, or undefined for an unknown IMEI. */
	device(imei: string): ProTrackDevice | undefined {
		const device = this.devices.get(imei);
		if (device) {
			this.locate(device);
		}
		return device;
	}

	requireDevice(imei: string): ProTrackDevice {
		const device = this.device(imei);
		if (!device) {
			throw new Error(`Unknown simulated ProTrack device ${imei}`);
		}
		return device;
	}

	snapshot(device: ProTrackDevice): ProTrackDeviceSnapshot {
		const entries = SNAPSHOT_KEYS.map((key) => [key, device[key]]);
		return Object.fromEntries(entries) as ProTrackDeviceSnapshot;
	}

	/** Devices owned by the account or any of its descendants, in fleet order. */
	devicesWithin(account: string): ProTrackDevice[] {
		return this.deviceOrder.filter((device) => this.accounts.isWithin(device.owner, account));
	}

	canSee(caller: ProTrackAccount, device: ProTrackDevice): boolean {
		return this.accounts.isWithin(device.owner, caller.account);
	}

	/** The device named by a single-IMEI parameter: 20005 when unknown, 10013 when not the caller's. */
	accessibleDevice(caller: ProTrackAccount, imei: string): ProTrackDevice {
		const device = this.device(imei);
		if (!device) {
			throw new ProTrackError(ProTrackCode.targetNotFound);
		}
		if (!this.canSee(caller, device)) {
			throw new ProTrackError(ProTrackCode.imeiNotAuthorized);
		}
		return device;
	}

	setDeviceState(imei: string, partial: Partial<ProTrackDeviceState>): void {
		Object.assign(this.requireDevice(imei), partial);
	}

	addRoutePoints(imei: string, points: readonly RoutePoint[]): void {
		const device = this.requireDevice(imei);
		this.history.addPoints(imei, points);
		for (const point of points) {
			if (point.gpstime >= device.gpstime) {
				Object.assign(device, {
					longitude: point.longitude,
					latitude: point.latitude,
					gpstime: point.gpstime,
					speed: point.speed,
					course: point.course,
					systemtime: point.gpstime,
					hearttime: Math.max(device.hearttime, point.gpstime),
				});
			}
		}
	}

	/** Answers due commands and applies their effect on the device. */
	settleCommands(): void {
		for (const sent of this.commands.settle(this.nowMs())) {
			this.applyCommand(sent);
		}
	}

	private applyCommand(sent: SentCommand): void {
		const device = this.device(sent.imei);
		if (!device) {
			return;
		}
		if (sent.command === 'RELAY,1' || sent.command === 'RELAY,0') {
			device.oilpowerstatus = sent.command === 'RELAY,1' ? 0 : 1;
		}
		const kilometres = sent.command === 'SET_MILEAGE' ? mileageOf(sent.paramData) : undefined;
		if (kilometres !== undefined) {
			device.mileage = Math.round(kilometres * 1000);
		}
	}

	/** Derives the latest-location fields from the generated route, once. */
	private locate(device: ProTrackDevice): void {
		if (device.located) {
			return;
		}
		device.located = true;
		const last = this.history.lastPointAtOrBefore(device, device.routeEnd);
		if (!last || device.datastatus === DataStatus.neverOnline) {
			return;
		}
		const random = new SeededRandom(hashSeed(this.seed, device.index, 0xbea7));
		const systemtime = last.gpstime + random.int(1, 5);
		const today = dayStartOf(this.anchor);
		const todaymileage =
			last.gpstime >= today
				? Math.round(this.history.distanceMeters(device, today, last.gpstime + 1))
				: 0;
		Object.assign(device, {
			longitude: last.longitude,
			latitude: last.latitude,
			gpstime: last.gpstime,
			speed: last.speed,
			course: last.course,
			systemtime,
			hearttime:
				device.datastatus === DataStatus.ok
					? Math.max(systemtime, this.anchor - random.int(5, 120))
					: Math.min(Math.max(systemtime, device.routeEnd + random.int(60, 3600)), this.anchor),
			accstatus: device.hasAccSensor ? (last.speed > 0 ? 1 : 0) : -1,
			acctime: device.hasAccSensor ? random.int(60, 20000) : 0,
			todaymileage,
			mileage: device.odometerBase + todaymileage,
		});
	}
}
