/**
 * An account's fleet, generated lazily: device n (from 0) has the IMEI `makeImei(tac, n)`, the MDN
 * `<prefix><7330000 + n>` and the name `<namePrefix> <n + 1>`, so both identifiers map back to the
 * device without generating the others. Every `consentFailureEvery`-th device (the 50th, 100th, ...
 * by default) has no location consent on file; tests can change any device's consent.
 */
import { WORLD_CITIES, placeNear, type Coordinates } from '../common/geo';
import { makeImei } from '../common/imei';
import { SeededRandom, hashSeed } from '../common/random';
import { THINGSPACE_LIMITS, type ThingSpaceAccount } from './accounts';
import { makeRoute, type Route } from './motion';

export interface FleetDevice {
	index: number;
	imei: string;
	mdn: string;
	name: string;
	account: string;
	home: Coordinates;
	route: Route;
	/** Seed of everything random about the device. */
	seed: number;
}

/** The fleets drive around Chicago. */
const CITY = WORLD_CITIES[2];
const MDN_BASE = 7330000;

export class Fleet {
	private readonly devices = new Map<number, FleetDevice>();
	private readonly consent = new Map<number, boolean>();
	private readonly seed: number;

	constructor(
		readonly owner: ThingSpaceAccount,
		readonly size: number,
		seed: number,
		private readonly consentFailureEvery: number,
	) {
		if (!Number.isInteger(size) || size < 0 || size > THINGSPACE_LIMITS.maxFleetSize) {
			throw new Error(`A ThingSpace fleet holds 0 to ${THINGSPACE_LIMITS.maxFleetSize} devices, not ${size}`);
		}
		this.seed = hashSeed(seed, Number(owner.account.replace(/\D/g, '').slice(0, 9)));
	}

	/** Device n (from 0); throws outside the fleet. */
	device(index: number): FleetDevice {
		if (!Number.isInteger(index) || index < 0 || index >= this.size) {
			throw new Error(`The fleet of ${this.owner.account} has devices 0 to ${this.size - 1}, not ${index}`);
		}
		let device = this.devices.get(index);
		if (!device) {
			const seed = hashSeed(this.seed, index);
			const home = placeNear(CITY, new SeededRandom(seed));
			device = {
				index,
				imei: makeImei(this.owner.tac, index),
				mdn: `${this.owner.mdnPrefix}${MDN_BASE + index}`,
				name: `${this.owner.namePrefix} ${index + 1}`,
				account: this.owner.account,
				home,
				route: makeRoute(home, seed),
				seed,
			};
			this.devices.set(index, device);
		}
		return device;
	}

	/** The first `count` devices, in order. */
	head(count: number): FleetDevice[] {
		return Array.from({ length: Math.min(count, this.size) }, (_, index) => this.device(index));
	}

	byImei(imei: string): FleetDevice | undefined {
		if (!/^\d{15}$/.test(imei) || !imei.startsWith(this.owner.tac)) return undefined;
		const index = Number(imei.slice(this.owner.tac.length, 14));
		if (index >= this.size || makeImei(this.owner.tac, index) !== imei) return undefined;
		return this.device(index);
	}

	byMdn(mdn: string): FleetDevice | undefined {
		if (!/^\d{10}$/.test(mdn) || !mdn.startsWith(this.owner.mdnPrefix)) return undefined;
		const index = Number(mdn.slice(this.owner.mdnPrefix.length)) - MDN_BASE;
		return index >= 0 && index < this.size ? this.device(index) : undefined;
	}

	hasConsent(device: FleetDevice): boolean {
		const set = this.consent.get(device.index);
		if (set !== undefined) return set;
		return this.consentFailureEvery <= 0 || (device.index + 1) % this.consentFailureEvery !== 0;
	}

	setConsent(device: FleetDevice, consent: boolean): void {
		this.consent.set(device.index, consent);
	}
}
