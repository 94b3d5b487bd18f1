/**
 * Route points and alarms of every device: generated lazily one UTC day at a time (a bounded cache),
 * merged with the points and alarms tests add.
 */
import { generateDay, type DayHistory } from './data-generator';
import { DAY_SECONDS } from './devices';
import { pathLength } from './geo';
import type { AlarmRecord, ProTrackDevice, RoutePoint } from './types';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { floor, max, min } = Math;

const CACHED_DAYS = 600;

interface Added {
	points: RoutePoint[];
	alarms: AlarmRecord[];
}

const dayOf = (epochSeconds: number): number => floor(epochSeconds / DAY_SECONDS);

export class HistoryStore {
	private readonly cache = new Map<string, DayHistory>();
	private readonly added = new Map<string, Added>();

	constructor(private readonly seed: number) {}

	addPoints(imei: string, points: readonly RoutePoint[]): void {
		const added = this.addedFor(imei);
		added.points.push(...points.map((point) => ({ ...point })));
		added.points.sort((first, second) => first.gpstime - second.gpstime);
	}

	addAlarms(imei: string, alarms: readonly AlarmRecord[]): void {
		const added = this.addedFor(imei);
		added.alarms.push(...alarms.map((alarm) => ({ ...alarm })));
		added.alarms.sort((first, second) => first.systemtime - second.systemtime);
	}

	/** Points with begin <= gpstime <= end, ascending, at most `limit`. */
	points(device: ProTrackDevice, begin: number, end: number, limit = Infinity): RoutePoint[] {
		const extra = this.added.get(device.imei)?.points ?? [];
		return this.collect(
			device,
			begin,
			end,
			limit,
			extra,
			(day) => day.points,
			(point) => point.gpstime,
		);
	}

	/** Alarms with begin <= systemtime <= end, ascending by systemtime, at most `limit`. */
	alarms(device: ProTrackDevice, begin: number, end: number, limit = Infinity): AlarmRecord[] {
		const extra = this.added.get(device.imei)?.alarms ?? [];
		return this.collect(
			device,
			begin,
			end,
			limit,
			extra,
			(day) => day.alarms,
			(alarm) => alarm.systemtime,
		);
	}

	/** Route distance in metres over begin <= gpstime < end. */
	distanceMeters(device: ProTrackDevice, begin: number, endExclusive: number): number {
		return pathLength(this.points(device, begin, endExclusive - 1));
	}

	/** The newest point at or before `time`, looking back at most 31 days. */
	lastPointAtOrBefore(device: ProTrackDevice, time: number): RoutePoint | undefined {
		for (let day = dayOf(time); day > dayOf(time) - 31; day--) {
			const points = this.points(device, day * DAY_SECONDS, min(time, (day + 1) * DAY_SECONDS - 1));
			if (points.length > 0) {
				return points[points.length - 1];
			}
		}
		return undefined;
	}

	private collect<T>(
		device: ProTrackDevice,
		begin: number,
		end: number,
		limit: number,
		extra: readonly T[],
		pick: (day: DayHistory) => readonly T[],
		timeOf: (item: T) => number,
	): T[] {
		const result: T[] = [];
		if (begin > end || limit <= 0) {
			return result;
		}
		const extraSpan = extra.length > 0 ? [timeOf(extra[0]), timeOf(extra[extra.length - 1])] : [];
		const [firstDay, lastDay] = this.dayRange(device, extraSpan, begin, end);
		for (let day = firstDay; day <= lastDay && result.length < limit; day++) {
			const dayBegin = max(begin, day * DAY_SECONDS);
			const dayEnd = min(end, (day + 1) * DAY_SECONDS - 1);
			const inWindow = (item: T): boolean => timeOf(item) >= dayBegin && timeOf(item) <= dayEnd;
			const generated = pick(this.day(device, day)).filter(inWindow);
			const items =
				extra.length === 0
					? generated
					: [...generated, ...extra.filter(inWindow)].sort((a, b) => timeOf(a) - timeOf(b));
			result.push(...items.slice(0, limit - result.length));
		}
		return result;
	}

	/**
	 * The days worth visiting: the query window clipped to where generated or added data exists.
	 * `extraSpan` is the first and last time of the added items (which are kept sorted), or empty.
	 */
	private dayRange(
		device: ProTrackDevice,
		extraSpan: number[],
		begin: number,
		end: number,
	): [number, number] {
		let first = Infinity;
		let last = -Infinity;
		if (device.routeStart <= device.routeEnd) {
			first = dayOf(device.routeStart);
			last = dayOf(device.routeEnd);
		}
		if (extraSpan.length === 2) {
			first = min(first, dayOf(extraSpan[0]));
			last = max(last, dayOf(extraSpan[1]));
		}
		return [max(first, dayOf(begin)), min(last, dayOf(end))];
	}

	/** Generated data of one day, clipped to the device's route bounds. */
	private day(device: ProTrackDevice, day: number): DayHistory {
		if (
			device.routeStart > device.routeEnd ||
			day < dayOf(device.routeStart) ||
			day > dayOf(device.routeEnd)
		) {
			return { points: [], alarms: [] };
		}
		const key = `${device.imei}:${day}`;
		const cached = this.cache.get(key);
		if (cached) {
			return cached;
		}
		const generated = generateDay(device, this.seed, day);
		const inBounds = (time: number): boolean =>
			time >= device.routeStart && time <= device.routeEnd;
		const history: DayHistory = {
			points: generated.points.filter((point) => inBounds(point.gpstime)),
			alarms: generated.alarms.filter(
				(alarm) => inBounds(alarm.gpstime) && alarm.systemtime <= device.routeEnd,
			),
		};
		if (this.cache.size >= CACHED_DAYS) {
			const oldest = this.cache.keys().next().value;
			if (oldest !== undefined) {
				this.cache.delete(oldest);
			}
		}
		this.cache.set(key, history);
		return history;
	}

	private addedFor(imei: string): Added {
		let added = this.added.get(imei);
		if (!added) {
			added = { points: [], alarms: [] };
			this.added.set(imei, added);
		}
		return added;
	}
}
