/**
 * Geofence enter/exit as a pure state machine. The memory is plain JSON (strings, numbers, booleans,
 * objects) so the node can keep it in the workflow's static data; no function mutates its input.
 *
 * Per device and zone the memory holds whether the device is inside and since when, and possibly a
 * candidate change (the other side, since when, and the device's position before it).
 * - Buffer (hysteresis): a fix counts as inside only when it is more than `bufferM` metres inside the
 *   edge, and as outside only when more than `bufferM` outside; a fix within the band changes nothing
 *   (it neither confirms nor cancels a candidate). With `bufferM` 0 plain containment decides.
 * - Dwell: a fix on the other side starts a candidate; the change counts (one transition) at the first
 *   fix on that side at least `minDwellMs` after the candidate began. A fix back on the remembered side
 *   cancels the candidate. The transition's `time` is when the change began (the candidate's start),
 *   `detectedAt` the fix that confirmed it; `previousPosition` is the device's last fix before the change.
 * - First sighting of a device, or of a zone new to a known device: the side is taken as is (plain
 *   containment when within the band) and nothing is emitted, unless `emitOnFirstSighting`: then an
 *   `enter` for each zone the device is inside (never an `exit`).
 * - A fix older than the device's last fix is ignored (reported in `ignored`); fixes are processed in
 *   time order. Memory of zones no longer given is dropped when the device next reports.
 */
import type { LatLon } from '../../shared/location';
import { zoneContains, type PreparedZone } from './contains';
import { zoneDistance } from './distance';
import { assertLatLon, timeMs } from './points';

export interface FixPosition extends LatLon {
	time: string;
}

export interface DeviceFix extends FixPosition {
	deviceId: string;
}

export interface ZoneMemory {
	inside: boolean;
	since: string;
	candidate?: { inside: boolean; since: string; previous: FixPosition | null };
}

export interface DeviceMemory {
	lastSeen: string;
	last: FixPosition;
	zones: Record<string, ZoneMemory>;
}

export interface GeofenceMemory {
	devices: Record<string, DeviceMemory>;
}

export interface TransitionOptions {
	bufferM?: number;
	minDwellMs?: number;
	emitOnFirstSighting?: boolean;
}

export interface ZoneTransition {
	event: 'enter' | 'exit';
	deviceId: string;
	zoneId: string;
	zoneName: string;
	/** When the change began. */
	time: string;
	/** The fix that made it count. */
	detectedAt: string;
	previousPosition: FixPosition | null;
	currentPosition: FixPosition;
	firstSighting: boolean;
}

/** Own entry only, so ids such as "constructor" or "__proto__" are ordinary keys. */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
	return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A record without a prototype (serializes as a plain JSON object). */
const emptyRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const positionOf = ({ latitude, longitude, time }: FixPosition): FixPosition => ({
	latitude,
	longitude,
	time,
});

function checkOptions(options: TransitionOptions): Required<TransitionOptions> {
	const { bufferM = 0, minDwellMs = 0, emitOnFirstSighting = false } = options;
	for (const [name, value] of Object.entries({ bufferM, minDwellMs })) {
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new Error(`${name} must be a number of at least 0 (got ${String(value)})`);
		}
	}
	return { bufferM, minDwellMs, emitOnFirstSighting };
}

/** Inside, outside, or null within the buffer band. */
function observe(
	zone: PreparedZone,
	point: LatLon,
	bufferM: number,
): { side: boolean | null; inside: boolean } {
	if (bufferM === 0) {
		const inside = zoneContains(zone, point);
		return { side: inside, inside };
	}
	const { inside, distanceToEdgeM } = zoneDistance(zone, point);
	return { side: distanceToEdgeM > bufferM ? inside : null, inside };
}

/** One fix of one device against every zone; `memory` is the device's memory or undefined. */
export function advanceDevice(
	memory: DeviceMemory | undefined,
	fix: DeviceFix,
	zones: readonly PreparedZone[],
	options: TransitionOptions = {},
): { memory: DeviceMemory; transitions: ZoneTransition[] } {
	const { bufferM, minDwellMs, emitOnFirstSighting } = checkOptions(options);
	assertLatLon(fix, `Fix of device "${fix.deviceId}"`);
	const fixMs = timeMs(fix.time, `Fix of device "${fix.deviceId}"`);
	const current = positionOf(fix);
	const previous = memory ? memory.last : null;
	const transitions: ZoneTransition[] = [];
	const next = emptyRecord<ZoneMemory>();
	const emit = (
		zone: PreparedZone,
		inside: boolean,
		since: string,
		from: FixPosition | null,
		first: boolean,
	) =>
		transitions.push({
			event: inside ? 'enter' : 'exit',
			deviceId: fix.deviceId,
			zoneId: zone.zone.id,
			zoneName: zone.zone.name,
			time: since,
			detectedAt: fix.time,
			previousPosition: from,
			currentPosition: current,
			firstSighting: first,
		});
	for (const zone of zones) {
		const known = own(memory?.zones, zone.zone.id);
		const { side, inside } = observe(zone, fix, bufferM);
		if (!known) {
			next[zone.zone.id] = { inside, since: fix.time };
			if (emitOnFirstSighting && inside) emit(zone, true, fix.time, null, true);
		} else if (side === null) {
			next[zone.zone.id] = known;
		} else if (side === known.inside) {
			next[zone.zone.id] = { inside: known.inside, since: known.since };
		} else {
			const candidate =
				known.candidate && known.candidate.inside === side
					? known.candidate
					: { inside: side, since: fix.time, previous };
			if (fixMs - Date.parse(candidate.since) >= minDwellMs) {
				emit(zone, side, candidate.since, candidate.previous, false);
				next[zone.zone.id] = { inside: side, since: candidate.since };
			} else {
				next[zone.zone.id] = { inside: known.inside, since: known.since, candidate };
			}
		}
	}
	return { memory: { lastSeen: fix.time, last: current, zones: next }, transitions };
}

/**
 * Fixes of any devices, processed in time order (stable). Returns the new memory, the transitions in
 * the order they happened, and the indices of fixes ignored as older than their device's last fix.
 */
export function detectTransitions(
	state: GeofenceMemory | undefined,
	fixes: readonly DeviceFix[],
	zones: readonly PreparedZone[],
	options: TransitionOptions = {},
): { state: GeofenceMemory; transitions: ZoneTransition[]; ignored: number[] } {
	checkOptions(options);
	const millis = fixes.map((fix, index) => timeMs(fix.time, `Fix ${index + 1}`));
	const order = fixes.map((_, index) => index).sort((a, b) => millis[a] - millis[b] || a - b);
	const devices = Object.assign(emptyRecord<DeviceMemory>(), state?.devices);
	const transitions: ZoneTransition[] = [];
	const ignored: number[] = [];
	for (const index of order) {
		const fix = fixes[index];
		const deviceId = String(fix.deviceId);
		const memory = own(devices, deviceId);
		if (memory && millis[index] < Date.parse(memory.lastSeen)) {
			ignored.push(index);
			continue;
		}
		const result = advanceDevice(memory, { ...fix, deviceId }, zones, options);
		devices[deviceId] = result.memory;
		transitions.push(...result.transitions);
	}
	return { state: { devices }, transitions, ignored: ignored.sort((a, b) => a - b) };
}

/** Drops devices whose last fix is more than `maxAgeMs` before `now` (ISO time or epoch ms). */
export function forgetDevices(
	state: GeofenceMemory | undefined,
	now: string | number,
	maxAgeMs: number,
): { state: GeofenceMemory; forgotten: string[] } {
	if (typeof maxAgeMs !== 'number' || !Number.isFinite(maxAgeMs) || maxAgeMs < 0) {
		throw new Error(`maxAgeMs must be a number of at least 0 (got ${String(maxAgeMs)})`);
	}
	const nowMs = typeof now === 'number' ? now : timeMs(now, 'Now');
	const devices = emptyRecord<DeviceMemory>();
	const forgotten: string[] = [];
	for (const [deviceId, memory] of Object.entries(state?.devices ?? {})) {
		if (nowMs - Date.parse(memory.lastSeen) > maxAgeMs) forgotten.push(deviceId);
		else devices[deviceId] = memory;
	}
	return { state: { devices }, forgotten };
}
