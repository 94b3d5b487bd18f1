/**
 * Route points and alarms of every device: generated lazily one UTC day at a time (a bounded cache),
 * merged with the points and alarms tests add, within the device's route bounds.
 */
import { pathLength } from '../common/geo';
import { AddedItems, DayCache, collectWindow } from '../common/history';
import { DAY_SECONDS, dayOf } from '../common/time';
import { generateDay, type DayHistory } from './data-generator';
import type { AlarmRecord, ProTrackDevice, RoutePoint } from './types';

const NO_HISTORY: DayHistory = { points: [], alarms: [] };

export class HistoryStore {
	private readonly cache = new DayCache<DayHistory>();
	private readonly addedPoints = new AddedItems<RoutePoint>((point) => point.gpstime);
	private readonly addedAlarms = new AddedItems<AlarmRecord>((alarm) => alarm.systemtime);

	constructor(private readonly seed: number) {}

	addPoints(imei: string, points: readonly RoutePoint[]): void {
		this.addedPoints.add(imei, points);
	}

	addAlarms(imei: string, alarms: readonly AlarmRecord[]): void {
		this.addedAlarms.add(imei, alarms);
	}

	/** Points with begin <= gpstime <= end, ascending, at most `limit`. */
	points(device: ProTrackDevice, begin: number, end: number, limit = Infinity): RoutePoint[] {
		return collectWindow({
			begin,
			end,
			limit,
			generatedDays: routeDays(device),
			generated: (day) => this.day(device, day).points,
			added: this.addedPoints.of(device.imei),
			timeOf: (point) => point.gpstime,
		});
	}

	/** Alarms with begin <= systemtime <= end, ascending by systemtime, at most `limit`. */
	alarms(device: ProTrackDevice, begin: number, end: number, limit = Infinity): AlarmRecord[] {
		return collectWindow({
			begin,
			end,
			limit,
			generatedDays: routeDays(device),
			generated: (day) => this.day(device, day).alarms,
			added: this.addedAlarms.of(device.imei),
			timeOf: (alarm) => alarm.systemtime,
		});
	}

	/** Route distance in metres over begin <= gpstime < end. */
	distanceMeters(device: ProTrackDevice, begin: number, endExclusive: number): number {
		return pathLength(this.points(device, begin, endExclusive - 1));
	}

	/** The newest point at or before `time`, looking back at most 31 days. */
	lastPointAtOrBefore(device: ProTrackDevice, time: number): RoutePoint | undefined {
		for (let day = dayOf(time); day > dayOf(time) - 31; day--) {
			const dayEnd = Math.min(time, (day + 1) * DAY_SECONDS - 1);
			const points = this.points(device, day * DAY_SECONDS, dayEnd);
			if (points.length > 0) {
				return points[points.length - 1];
			}
		}
		return undefined;
	}

	/** Generated data of one day, clipped to the device's route bounds. */
	private day(device: ProTrackDevice, day: number): DayHistory {
		const days = routeDays(device);
		if (!days || day < days[0] || day > days[1]) {
			return NO_HISTORY;
		}
		return this.cache.get(`${device.imei}:${day}`, () => {
			const generated = generateDay(device, this.seed, day);
			const inBounds = (time: number): boolean =>
				time >= device.routeStart && time <= device.routeEnd;
			return {
				points: generated.points.filter((point) => inBounds(point.gpstime)),
				alarms: generated.alarms.filter(
					(alarm) => inBounds(alarm.gpstime) && alarm.systemtime <= device.routeEnd,
				),
			};
		});
	}
}

/** The first and last day of the device's generated route, or undefined when it has none. */
function routeDays(device: ProTrackDevice): [number, number] | undefined {
	return device.routeStart <= device.routeEnd
		? [dayOf(device.routeStart), dayOf(device.routeEnd)]
		: undefined;
}
