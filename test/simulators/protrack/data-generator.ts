/**
 * Deterministic history of one device for one UTC day: a driving day (common/driving.ts) shaped as
 * ProTrack route points, with ProTrack's alarms. Two or three drives with a point every 30 s, 9 to
 * 10.7 hours in all, so every full day has more than the 1000 points of a playback page; parked points
 * every 10 minutes, sometimes repeated with the same gpstime, as in the document's playback demo.
 * Alarms: engine on/off, speeding, doors, vibration, low battery; a door-open alarm often shares its
 * systemtime with the engine-off alarm; leaving and re-entering the home geofence on about a third of
 * the drives, and now and then an SOS.
 */
import { drivingDay, type DrivingPlan } from '../common/driving';
import type { Coordinates } from '../common/geo';
import { SeededRandom, hashSeed } from '../common/random';
import { DAY_SECONDS } from '../common/time';
import { AlarmType } from './codes';
import type { AlarmRecord, RoutePoint } from './types';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { floor, min } = Math;

export interface DayHistory {
	/** Ascending by gpstime. */
	points: RoutePoint[];
	/** Ascending by systemtime. */
	alarms: AlarmRecord[];
}

interface DayInput {
	index: number;
	home: Coordinates;
}

const PROTRACK_DAY: DrivingPlan = {
	driveStepSeconds: 30,
	parkStepSeconds: 600,
	drives: [2, 3],
	drivingMinutes: [540, 640],
	departureMinutes: [5 * 60, 7 * 60],
	pauseMinutes: [20, 90],
	repeatParked: { chance: 0.15, copies: [2, 3] },
};

const routePoint = (
	position: Coordinates,
	gpstime: number,
	speed: number,
	course: number,
): RoutePoint => ({
	longitude: position.longitude,
	latitude: position.latitude,
	gpstime,
	speed,
	course,
});

export function generateDay(device: DayInput, seed: number, day: number): DayHistory {
	const dayStart = day * DAY_SECONDS;
	const random = new SeededRandom(hashSeed(seed, device.index, day, 0x7a11));
	/** A separate stream for the geofence and SOS alarms, so the routes stay as they were. */
	const events = new SeededRandom(hashSeed(seed, device.index, day, 0x6e0f));
	const alarms = new AlarmLog(dayStart + DAY_SECONDS, 1000 + device.index);
	let drive = { fenceExitStep: -1, sosStep: -1, speedingAlarms: 0 };
	const points = drivingDay<RoutePoint>({
		random,
		home: device.home,
		dayStart,
		plan: PROTRACK_DAY,
		point: routePoint,
		onParked(point) {
			if (random.chance(0.02)) {
				alarms.add(AlarmType.vibration, point, random.int(1, 20));
			}
			if (random.chance(0.005)) {
				alarms.add(AlarmType.lowBattery, point, random.int(1, 20));
			}
		},
		onDriveStart(steps) {
			const fenceExitStep = events.chance(0.35) ? floor(steps / 4) : -1;
			const sosStep = events.chance(0.04) ? events.int(1, steps - 1) : -1;
			drive = { fenceExitStep, sosStep, speedingAlarms: 0 };
		},
		onDriveStep(point, step, steps) {
			if (step === 0) {
				alarms.add(AlarmType.engineOn, point, random.int(1, 8));
			}
			if (step === drive.fenceExitStep) {
				alarms.add(AlarmType.geoFenceOut, point, events.int(1, 6), alarms.geofenceId);
			}
			if (drive.fenceExitStep >= 0 && step === steps - 1 - drive.fenceExitStep) {
				alarms.add(AlarmType.geoFenceIn, point, events.int(1, 6), alarms.geofenceId);
			}
			if (step === drive.sosStep) {
				alarms.add(AlarmType.sos, point, events.int(1, 4));
			}
			if (point.speed >= 95 && drive.speedingAlarms < 2 && random.chance(0.05)) {
				drive.speedingAlarms += 1;
				alarms.add(AlarmType.speeding, point, random.int(1, 10));
			}
		},
		onDriveEnd(last) {
			const offLag = random.int(1, 8);
			alarms.add(AlarmType.engineOff, { ...last, speed: 0 }, offLag);
			if (random.chance(0.5)) {
				alarms.add(AlarmType.doorOpen, { ...last, speed: 0 }, offLag);
				const closedAt = last.gpstime + random.int(60, 180);
				alarms.add(AlarmType.doorClose, { ...last, speed: 0, gpstime: closedAt }, 2);
			}
		},
	});
	return { points, alarms: alarms.sorted() };
}

/** The day's alarms: raised at a route point, reported `lagSeconds` later, never after the day. */
class AlarmLog {
	private readonly alarms: AlarmRecord[] = [];

	constructor(
		private readonly dayEnd: number,
		readonly geofenceId: number,
	) {}

	add(type: number, point: RoutePoint, lagSeconds: number, geofenceId = 0): void {
		if (point.gpstime >= this.dayEnd) {
			return;
		}
		this.alarms.push({
			type,
			longitude: point.longitude,
			latitude: point.latitude,
			gpstime: point.gpstime,
			systemtime: min(point.gpstime + lagSeconds, this.dayEnd - 1),
			speed: point.speed,
			course: point.course,
			geofenceId,
		});
	}

	sorted(): AlarmRecord[] {
		return this.alarms.sort((first, second) => first.systemtime - second.systemtime);
	}
}
