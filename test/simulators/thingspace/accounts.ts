/**
 * Who the ThingSpace simulator knows: one application key pair (the OAuth client), two billing accounts
 * each with one UWS user and a generated fleet, and the documented limits.
 */

export const THINGSPACE_PATHS = {
	token: '/api/ts/v1/oauth2/token',
	login: '/api/m2m/v1/session/login',
	/** Prefix of every Location API path. */
	location: '/api/loc/v1',
} as const;

/** The OAuth2 client (application key and secret). */
export const THINGSPACE_APP = { key: 'ts-demo-key', secret: 'ts-demo-secret' } as const;

export interface ThingSpaceAccount {
	/** Billing account name, `##########-#####`. */
	account: string;
	username: string;
	password: string;
	/** Type allocation code of the fleet's IMEIs (8 digits). */
	tac: string;
	/** First 3 digits of the fleet's 10-digit MDNs. */
	mdnPrefix: string;
	/** Device names are `<namePrefix> <n>` with n from 1. */
	namePrefix: string;
}

/** The demo account: owns the demo fleet. */
export const THINGSPACE_DEMO: ThingSpaceAccount = {
	account: '0000123456-00001',
	username: 'ts-demo-user',
	password: 'ts-demo-pass-2026',
	tac: '35467779',
	mdnPrefix: '555',
	namePrefix: 'Unit',
};

/** A second customer: its own user and fleet, and a DeviceLocation listener of another system of theirs. */
export const THINGSPACE_OTHER: ThingSpaceAccount = {
	account: '0000654321-00001',
	username: 'ts-other-user',
	password: 'ts-other-pass',
	tac: '35846510',
	mdnPrefix: '556',
	namePrefix: 'Asset',
};

/** Where the other account's DeviceLocation listener points from the start (nothing listens there). */
export const THINGSPACE_OTHER_LISTENER = 'http://127.0.0.1:9/other-system';

export const THINGSPACE_ACCOUNTS: readonly ThingSpaceAccount[] = [THINGSPACE_DEMO, THINGSPACE_OTHER];

export const THINGSPACE_LIMITS = {
	periodicDevices: 10000,
	asyncDevices: 10000,
	syncDevices: 20,
	stopMdns: 100,
	maxLocAge: [0, 3600],
	numberOfFixes: [0, 1000],
	fixInterval: [1, 1036800],
	startTime: [0, 86400],
	/** Failed UWS logins in a row that lock the user. */
	loginFailuresBeforeLock: 5,
	bearerLifetimeSeconds: 3600,
	sessionIdleSeconds: 20 * 60,
	requestsPerSecond: 50,
	/** Fleets are generated from 6-digit IMEI serials. */
	maxFleetSize: 1_000_000,
} as const;

/** Values the periodic request takes when a field is absent (the parameter table's defaults). */
export const THINGSPACE_DEFAULTS = {
	maxLocAge: 120,
	numberOfFixes: 12,
	fixInterval: 3600,
	startTime: 0,
	/** 1: current location. */
	cacheMode: 1,
} as const;

export const LISTENER_NAMES = ['DeviceLocation', 'Location'] as const;
export type ListenerName = (typeof LISTENER_NAMES)[number];

/** The account of a UWS user name, or undefined. */
export function accountOfUser(username: string): ThingSpaceAccount | undefined {
	return THINGSPACE_ACCOUNTS.find((entry) => entry.username === username);
}

export function accountByName(name: string): ThingSpaceAccount | undefined {
	return THINGSPACE_ACCOUNTS.find((entry) => entry.account === name);
}
