/** Shapes of the Navixy simulator: options, users, trackers, live states, events, logs. */

export interface NavixyOptions {
	/** Seed of the generated fleets and their histories; default 4. */
	seed?: number;
	/** The simulator's clock, epoch milliseconds; default Date.now. */
	now?: () => number;
	/** A session hash ends after this long without a request; default 30 days. */
	sessionIdleSeconds?: number;
	/** Live sessions a user may hold; user/auth beyond it answers 104. Default 10. */
	sessionLimit?: number;
	/** 50 requests per second per user (per API key for keys); false turns it off. Default true. */
	rateLimit?: boolean;
	/** Trackers of the API-key demo user; default 60. */
	trackerCount?: number;
	/** Trackers of the login-and-password user; default 8. */
	sessionTrackerCount?: number;
	/** Total trackers a user may have; tracker/register beyond it answers 221. Default 100. */
	deviceLimit?: number;
}

export interface NavixyUser {
	id: number;
	login: string;
	/** Undefined: the user signs in with an API key only. */
	password?: string;
	/** API keys of the user (never expire). */
	apiKeys: string[];
	title: string;
	timeZone: string;
	trackerCount: number;
}

export type ConnectionStatus =
	| 'active'
	| 'idle'
	| 'offline'
	| 'signal_lost'
	| 'just_registered'
	| 'just_replaced';
export type MovementStatus = 'moving' | 'stopped' | 'parked';

export interface TagBinding {
	tag_id: number;
	ordinal: number;
}

export interface TrackerSource {
	id: number;
	device_id: string;
	model: string;
	blocked: boolean;
	tariff_id: number;
	status_listing_id: number | null;
	creation_date: string;
	tariff_end_date: string | null;
	phone: string | null;
}

/** A tracker as stored; clones share their original's `source` object. */
export interface NavixyTracker {
	id: number;
	owner: number;
	label: string;
	clone: boolean;
	group_id: number;
	source: TrackerSource;
	tag_bindings: TagBinding[];
	/** How its data flow: from the generated driving days, lagging behind, stopped at a time, or static. */
	profile: 'active' | 'idle' | 'offline' | 'static';
	/** Epoch seconds: idle lag (idle), last data (offline), registration (static). */
	profileTime: number;
	home: { lat: number; lng: number };
	/** Seed of the source's driving days. */
	sourceSeed: number;
	outputTitles: string[];
	apn: { name: string; user: string; password: string };
	/** Rule IDs bound to it (tracker/delete answers 203 while there are any). */
	rules: number[];
	corrupted: boolean;
	deleted: boolean;
}

/** The live state of a tracker's source, times in epoch seconds: what state(id) returns. */
export interface NavixyLiveState {
	lat: number;
	lng: number;
	alt: number;
	speed: number;
	heading: number;
	satellites: number;
	gps_signal: number;
	gps_time: number;
	connection_status: ConnectionStatus;
	movement_status: MovementStatus;
	movement_status_update: number;
	ignition: boolean;
	ignition_update: number;
	gsm_signal: number;
	gsm_network: string;
	roaming: boolean;
	battery_level: number;
	inputs: boolean[];
	outputs: boolean[];
	last_update: number;
	actual_track_update: number;
}

/** A history entry as stored: `time` in epoch seconds. */
export interface NavixyEvent {
	id: number;
	tracker_id: number;
	event: string;
	message: string;
	time: number;
	lat: number;
	lng: number;
	rule_id?: number;
	emergency?: boolean;
	is_read?: boolean;
}

export interface SentCommand {
	at: number;
	tracker_id: number;
	command: Record<string, unknown>;
}

export interface SentRawCommand {
	at: number;
	tracker_id: number;
	command: string;
	type: 'text' | 'hex';
	reliable: boolean;
}

export interface OutputUpdate {
	at: number;
	tracker_id: number;
	number: number;
	title: string;
}

export interface LocationRequest {
	at: number;
	tracker_id: number;
	type: 'sms' | 'gsm' | 'gprs';
}

export interface RegistrationRecord {
	at: number;
	action: string;
	tracker_id: number;
	params: Record<string, string>;
}
