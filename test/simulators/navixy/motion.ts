/**
 * Where a tracker's source is and what it reports: a driving day per UTC day (common/driving.ts)
 * gives its track points and the events hung on them; the live state at any instant is read off
 * the points up to the source's last data time (now, now minus an idle lag, or when it went offline).
 */
import { drivingDay, type DrivingPlan } from '../common/driving';
import { DayCache } from '../common/history';
import { SeededRandom, hashSeed } from '../common/random';
import { DAY_SECONDS, dayOf } from '../common/time';
import type { NavixyModel } from './catalogue';
import type { MovementStatus, NavixyEvent, NavixyLiveState, NavixyTracker } from './types';

export interface TrackPoint {
	time: number;
	lat: number;
	lng: number;
	speed: number;
	heading: number;
	/** Between the first and the last point of a drive (ignition on). */
	driving: boolean;
}

const PLAN: DrivingPlan = {
	driveStepSeconds: 60,
	parkStepSeconds: 600,
	drives: [2, 4],
	drivingMinutes: [60, 240],
	departureMinutes: [300, 600],
	pauseMinutes: [20, 120],
};
const SPEEDING_KMH = 90;
const SOS_CHANCE_PER_PARKED_STEP = 0.002;
const ZONE_CHANCE = 0.5;

/** Generated points and events, cached a source day / a tracker day at a time. */
export class Motion {
	private readonly points = new DayCache<TrackPoint[]>(300);
	private readonly events = new DayCache<NavixyEvent[]>(5000);

	pointsOf(tracker: NavixyTracker, day: number): TrackPoint[] {
		return this.points.get(`${tracker.sourceSeed}:${day}`, () => generateDay(tracker, day).points);
	}

	/** Generated events of a day, ascending; none after the tracker's last data time. */
	eventsOf(tracker: NavixyTracker, day: number, nowSec: number): NavixyEvent[] {
		const all = this.events.get(`${tracker.id}:${day}`, () => generateDay(tracker, day).events);
		const until = dataTime(tracker, nowSec);
		return all.filter((event) => event.time <= until);
	}
}

/** The last instant the source sent data. */
export function dataTime(tracker: NavixyTracker, nowSec: number): number {
	switch (tracker.profile) {
		case 'idle':
			return nowSec - tracker.profileTime;
		case 'offline':
		case 'static':
			return Math.min(nowSec, tracker.profileTime);
		default:
			return nowSec;
	}
}

function generateDay(
	tracker: NavixyTracker,
	day: number,
): { points: TrackPoint[]; events: NavixyEvent[] } {
	const random = new SeededRandom(hashSeed(tracker.sourceSeed, day));
	const events: NavixyEvent[] = [];
	const idBase = (day - 19000) * 1e8 + (tracker.id % 1e5) * 1e3;
	const add = (point: TrackPoint, event: string, message: string, emergency = false): void => {
		events.push({
			id: idBase + events.length,
			tracker_id: tracker.id,
			event,
			message: `${tracker.label}: ${message}`,
			time: point.time,
			lat: point.lat,
			lng: point.lng,
			emergency,
		});
	};
	let driving = false;
	let sped = false;
	const points = drivingDay<TrackPoint>({
		random,
		home: { latitude: tracker.home.lat, longitude: tracker.home.lng },
		dayStart: day * DAY_SECONDS,
		plan: PLAN,
		point: (position, time, speed, heading) => ({
			time,
			lat: position.latitude,
			lng: position.longitude,
			speed,
			heading,
			driving,
		}),
		onDriveStart: () => {
			driving = true;
			sped = false;
		},
		onDriveStep: (point, step) => {
			if (step === 0) {
				add(point, 'input_change', 'Ignition on');
			}
			if (!sped && point.speed > SPEEDING_KMH) {
				sped = true;
				add(point, 'speedup', `Speed ${point.speed} km/h over ${SPEEDING_KMH} km/h`);
			}
		},
		onDriveEnd: (last) => {
			driving = false;
			// Several events of one instant: ignition off and, often, a geofence entrance.
			add(last, 'input_change', 'Ignition off');
			if (random.chance(ZONE_CHANCE)) {
				add(last, 'inzone', 'Entered geofence Depot');
			}
		},
		onParked: (point) => {
			if (random.chance(SOS_CHANCE_PER_PARKED_STEP)) {
				add(point, 'sos', 'SOS button pressed', true);
			}
		},
	});
	return { points, events };
}

function movementOf(point: TrackPoint): MovementStatus {
	if (point.speed > 0) {
		return 'moving';
	}
	return point.driving ? 'stopped' : 'parked';
}

/** The state derived from the points at the source's last data time (before setState overrides). */
export function deriveState(
	motion: Motion,
	tracker: NavixyTracker,
	model: NavixyModel,
	nowSec: number,
): NavixyLiveState {
	const time = dataTime(tracker, nowSec);
	const points = tracker.profile === 'static' ? [] : motion.pointsOf(tracker, dayOf(time));
	let index = points.length - 1;
	while (index > 0 && points[index].time > time) {
		index -= 1;
	}
	const point: TrackPoint = points[index] ?? {
		time,
		lat: tracker.home.lat,
		lng: tracker.home.lng,
		speed: 0,
		heading: 0,
		driving: false,
	};
	const since = (differs: (other: TrackPoint) => boolean): number => {
		let first = index;
		while (first > 0 && !differs(points[first - 1])) {
			first -= 1;
		}
		return points[first]?.time ?? point.time;
	};
	const movement = movementOf(point);
	let moved = index;
	while (moved > 0 && points[moved].speed === 0) {
		moved -= 1;
	}
	const hourSeed = hashSeed(tracker.sourceSeed, Math.floor(time / 3600));
	const inputCount = Math.max(1, model.digital_inputs);
	return {
		lat: point.lat,
		lng: point.lng,
		alt: 30 + (tracker.sourceSeed % 200),
		speed: point.speed,
		heading: point.heading,
		satellites: 6 + (hourSeed % 8),
		gps_signal: 60 + (hourSeed % 41),
		gps_time: point.time,
		connection_status: tracker.profile === 'static' ? 'just_registered' : tracker.profile,
		movement_status: movement,
		movement_status_update: since((other) => movementOf(other) !== movement),
		ignition: point.driving,
		ignition_update: since((other) => other.driving !== point.driving),
		gsm_signal: 20 + (hourSeed % 80),
		gsm_network: tracker.sourceSeed % 2 === 0 ? 'Telekom.de' : 'Vodafone',
		roaming: false,
		battery_level: 55 + ((hourSeed >>> 8) % 46),
		inputs: Array.from({ length: inputCount }, (_, input) => input === 0 && point.driving),
		outputs: Array.from({ length: model.digital_outputs }, () => false),
		last_update: time,
		actual_track_update: points[moved]?.time ?? point.time,
	};
}
