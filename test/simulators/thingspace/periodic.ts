/**
 * Periodic location sessions and their schedule. Round k (from 0) of a session is due at
 * `created + startTime + k * fixInterval` seconds of simulated time, for k < numberOfFixes (0: until
 * every device is stopped); each due round sends one LOCATION_REPORT per device not stopped yet.
 * A stop answers each listed device with a STOP_PERIODIC_LOCATION_RESPONSE (the session's transaction id).
 */
import type { FixOptions, RequestedDevice } from './fixes';
import { locate } from './fixes';
import { fixReport, stopReport, type ReportBody } from './reports';
import type { ThingSpaceWorld } from './state';

export interface PeriodicParams extends FixOptions {
	numberOfFixes: number;
	/** Seconds. */
	fixInterval: number;
	/** Seconds after the request until the first fix. */
	startTime: number;
}

export interface SessionDevice {
	requested: RequestedDevice;
	/** The MDN it is stopped by: the request's, else the fleet's ('' for a device not in the fleet). */
	mdn: string;
	/** LOCATION_REPORTs sent for it. */
	fixes: number;
	/** Stop requests that named it (1 once stopped; more means it was stopped again). */
	stops: number;
}

export interface PeriodicSession {
	transactionID: string;
	account: string;
	/** Simulated epoch ms of the start request. */
	createdAt: number;
	params: PeriodicParams;
	devices: SessionDevice[];
	/** The devices by MDN (a stop names devices by MDN). */
	byMdn: Map<string, SessionDevice[]>;
	/** Rounds sent so far. */
	rounds: number;
	/** Each stop request: its own transaction id and the MDNs it listed. */
	stopRequests: Array<{ transactionID: string; mdns: string[]; at: number }>;
}

/** Beyond this many callbacks in one advance, the test surely asked for something it did not mean. */
const MAX_CALLBACKS_PER_ADVANCE = 2_000_000;

/** The session's devices grouped by MDN. */
export function indexByMdn(devices: readonly SessionDevice[]): Map<string, SessionDevice[]> {
	const index = new Map<string, SessionDevice[]>();
	for (const device of devices) {
		if (device.mdn === '') continue;
		const list = index.get(device.mdn);
		if (list) list.push(device);
		else index.set(device.mdn, [device]);
	}
	return index;
}

export function dueAt(session: PeriodicSession, round: number): number {
	const { startTime, fixInterval } = session.params;
	return session.createdAt + (startTime + round * fixInterval) * 1000;
}

/** Whether the session will send no more rounds (all rounds sent, or every device stopped). */
export function finished(session: PeriodicSession): boolean {
	const { numberOfFixes } = session.params;
	return (numberOfFixes !== 0 && session.rounds >= numberOfFixes) || session.devices.every((device) => device.stops > 0);
}

/** The session's next round when it is due by `now`. */
function dueRound(session: PeriodicSession, now: number): number | undefined {
	return !finished(session) && dueAt(session, session.rounds) <= now ? session.rounds : undefined;
}

/** Sends every round due by the simulated now, oldest first, each round's callbacks before the next. */
export async function sendDueRounds(world: ThingSpaceWorld): Promise<number> {
	let sent = 0;
	for (;;) {
		const now = world.now();
		let next: PeriodicSession | undefined;
		for (const session of world.periodic.values()) {
			if (dueRound(session, now) !== undefined && (!next || dueAt(session, session.rounds) < dueAt(next, next.rounds))) next = session;
		}
		if (!next) return sent;
		const session = next;
		const at = dueAt(session, session.rounds);
		const active = session.devices.filter((device) => device.stops === 0);
		sent += active.length;
		if (sent > MAX_CALLBACKS_PER_ADVANCE) throw new Error(`More than ${MAX_CALLBACKS_PER_ADVANCE} periodic callbacks in one advance`);
		const fleet = world.fleetOf(session.account);
		const reports = active.map((device) => {
			device.fixes += 1;
			const fix = locate(fleet, world.cache, device.requested, at, session.params);
			return { account: session.account, report: fixReport(session.account, session.transactionID, device.requested, fix) };
		});
		session.rounds += 1;
		await world.sender.sendAll(reports, world.deliveryConcurrency);
	}
}

/** Marks the session's devices with these MDNs stopped; returns their stop responses (MDNs not in the session are ignored). */
export function stopDevices(session: PeriodicSession, mdns: readonly string[]): ReportBody[] {
	const reports: ReportBody[] = [];
	for (const mdn of mdns) {
		for (const device of session.byMdn.get(mdn) ?? []) {
			device.stops += 1;
			reports.push(stopReport(session.account, session.transactionID, device.requested.id, device.mdn));
		}
	}
	return reports;
}

/** Makes every unfinished session's next round due now (its whole schedule moves earlier); returns how many. */
export function hurrySessions(world: ThingSpaceWorld): number {
	const now = world.now();
	let hurried = 0;
	for (const session of world.periodic.values()) {
		if (finished(session)) continue;
		const wait = dueAt(session, session.rounds) - now;
		if (wait > 0) session.createdAt -= wait;
		hurried += 1;
	}
	return hurried;
}
