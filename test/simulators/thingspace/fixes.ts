/**
 * One location fix of one requested device, shared by the synchronous, asynchronous and periodic
 * requests: the ownership and consent checks, then a current position (stored in the account's cache)
 * or a cached one as the cache mode asks (0 cached only, 1 current, 2 cached if young enough, else current).
 */
import type { Coordinates } from '../common/geo';
import type { Fleet, FleetDevice } from './fleet';
import { positionAt, radiusAt } from './motion';

/** A device as a request lists it. */
export interface RequestedDevice {
	id: string;
	kind: string;
	mdn?: string;
}

export interface FixOptions {
	cacheMode: number;
	/** Seconds. */
	maxLocAge: number;
}

export interface FixError {
	type: string;
	info: string;
}

export type Fix =
	| { ok: true; device: FleetDevice; position: Coordinates; radius: number; at: number; cached: boolean }
	| { ok: false; error: FixError; at: number; mdn: string };

export const FIX_ERRORS = {
	notOwned: { type: 'TS OWNERSHIP CHECK FAILED', info: 'The device does not belong to this account or its MDN does not match' },
	noConsent: { type: 'TS CONSENT NOT FOUND', info: 'No consent on file for this device' },
	noCache: { type: 'CACHE_UNAVAILABLE', info: 'Location cache has no data for this device' },
} as const;

interface CachedFix {
	position: Coordinates;
	radius: number;
	at: number;
}

/** The last current fix of each device (by IMEI). */
export class LocationCache {
	private readonly fixes = new Map<string, CachedFix>();

	get(imei: string): CachedFix | undefined {
		return this.fixes.get(imei);
	}

	set(imei: string, fix: CachedFix): void {
		this.fixes.set(imei, fix);
	}
}

/** The fleet device a request means, or undefined when the account does not own it (or the MDN is wrong). */
export function ownedDevice(fleet: Fleet, requested: RequestedDevice): FleetDevice | undefined {
	const device = fleet.byImei(requested.id);
	if (!device) return undefined;
	if (requested.mdn !== undefined && requested.mdn !== '' && requested.mdn !== device.mdn) return undefined;
	return device;
}

/** Locates one requested device of `fleet` at `at` (epoch ms). */
export function locate(fleet: Fleet, cache: LocationCache, requested: RequestedDevice, at: number, options: FixOptions): Fix {
	const device = ownedDevice(fleet, requested);
	const mdn = requested.mdn ?? device?.mdn ?? '';
	if (!device) return { ok: false, error: FIX_ERRORS.notOwned, at, mdn };
	if (!fleet.hasConsent(device)) return { ok: false, error: FIX_ERRORS.noConsent, at, mdn };
	const cached = cache.get(device.imei);
	const young = cached !== undefined && at - cached.at <= options.maxLocAge * 1000;
	if (options.cacheMode === 0 || (options.cacheMode === 2 && young)) {
		if (!cached) return { ok: false, error: FIX_ERRORS.noCache, at, mdn };
		return { ok: true, device, position: cached.position, radius: cached.radius, at: cached.at, cached: true };
	}
	const fix = { position: positionAt(device.route, at), radius: radiusAt(device.seed, at), at };
	cache.set(device.imei, fix);
	return { ok: true, device, ...fix, cached: false };
}
