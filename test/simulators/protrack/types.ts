/** Shapes shared by the ProTrack simulator's state, generator and endpoints. */

export type RoleType = 1 | 2 | 3;

export interface ProTrackAccountOption {
	account: string;
	password: string;
	username?: string;
	email?: string;
	/** 1 distributor, 2 end user, 3 virtual account. */
	roletype?: RoleType;
	parent?: string;
	blocked?: boolean;
}

export interface ProTrackOptions {
	/** Seed of the deterministic data; default 1. */
	seed?: number;
	/** Number of simulated devices; default 300. */
	deviceCount?: number;
	/** Replaces the default accounts (demo, fleet-east, fleet-west) when given. */
	accounts?: ProTrackAccountOption[];
	/** Default 7200. */
	tokenLifetimeSeconds?: number;
	/** Allowed |time - now| of the authorization time parameter; default 600, else code 10014. */
	clockSkewSeconds?: number;
	/** Current time in epoch milliseconds; default Date.now. */
	now?: () => number;
}

export interface ProTrackAccount {
	account: string;
	/** md5(password), 32 lower-case hex. */
	passwordMd5: string;
	username: string;
	email: string;
	mobile: string;
	telephone: string;
	createtime: number;
	roletype: RoleType;
	parent?: string;
	blocked: boolean;
}

export interface RoutePoint {
	longitude: number;
	latitude: number;
	gpstime: number;
	speed: number;
	course: number;
}

export interface AlarmRecord {
	type: number;
	longitude: number;
	latitude: number;
	gpstime: number;
	systemtime: number;
	speed: number;
	course: number;
	geofenceId: number;
}

/** The fields of /api/device/list and /api/device/detail. */
export interface DeviceInfo {
	imei: string;
	devicename: string;
	devicetype: string;
	platenumber: string;
	onlinetime: number;
	platformduetime: number;
	simcard: string;
	activatedtime: number;
	userduetime: number;
}

/** The fields of /api/track except imei and servertime. */
export interface DeviceStatus {
	gpstime: number;
	hearttime: number;
	systemtime: number;
	longitude: number;
	latitude: number;
	course: number;
	speed: number;
	acctime: number;
	accstatus: number;
	doorstatus: number;
	chargestatus: number;
	oilpowerstatus: number;
	defencestatus: number;
	datastatus: number;
	battery: number;
	mileage: number;
	todaymileage: number;
}

/** What tests can read with device(imei) and change with setDeviceState(imei, partial). */
export interface ProTrackDeviceSnapshot extends DeviceInfo, DeviceStatus {
	owner: string;
}

export type ProTrackDeviceState = Omit<ProTrackDeviceSnapshot, 'imei'>;

/** The simulator's own record of a device, with generator inputs. */
export interface ProTrackDevice extends ProTrackDeviceSnapshot {
	index: number;
	home: { longitude: number; latitude: number };
	/** Generated route points exist for routeStart <= gpstime <= routeEnd (epoch seconds). */
	routeStart: number;
	routeEnd: number;
	/** Odometer before the generated route, in metres. */
	odometerBase: number;
	hasAccSensor: boolean;
	/** Whether the latest-location fields have been derived from the route yet. */
	located: boolean;
}

export type CommandBehaviour = { replyAfterMs: number; response?: string } | { never: true };

export interface SentCommand {
	commandid: string;
	imei: string;
	command: string;
	paramData?: string;
	account: string;
	/** Epoch milliseconds. */
	sentAt: number;
	behaviour: CommandBehaviour;
	answered: boolean;
	response: string;
}

export interface Geofence {
	id: number;
	imei: string;
	efencename: string;
	alarmtype: number;
	longitude: number;
	latitude: number;
	radius: number;
	account: string;
	createdAt: number;
}

export interface SentMessage {
	from: string;
	accounts: string[];
	content: string;
	sentAt: number;
}

/** Requests beyond maxRequests within perMs are answered 10009. */
export type { RateLimit } from '../common/rate-limit';
