/**
 * A deterministic day of driving for one vehicle: parked at home until the first departure, then a
 * few drives (rough loops with changing speeds, short stops and a slowly turning heading), parked in
 * between and until midnight. A point every `driveStepSeconds` while driving and every
 * `parkStepSeconds` while parked. The provider shapes the points and hangs its own events (alarms,
 * trips, ...) on the hooks; hooks that draw from `random` are part of the sequence, so a provider
 * must keep its hooks' draws stable to keep its data stable.
 */
import { move, type Coordinates } from './geo';
import type { SeededRandom } from './random';
import { DAY_SECONDS } from './time';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { floor, max, min, round } = Math;

type Range = readonly [number, number];

export interface DrivingPlan {
	driveStepSeconds: number;
	parkStepSeconds: number;
	/** How many drives a day. */
	drives: Range;
	/** Driving minutes of the whole day, shared equally by the drives. */
	drivingMinutes: Range;
	/** First departure, in minutes after midnight. */
	departureMinutes: Range;
	/** Parked minutes between two drives. */
	pauseMinutes: Range;
	/** With this chance a parked point is reported `copies` times with the same time. */
	repeatParked?: { chance: number; copies: Range };
}

/** Speeds in km/h. */
const START_SPEED = 10;
const FIRST_TARGET: Range = [30, 90];
const TARGET: Range = [25, 100];
const NEW_TARGET_EVERY_STEPS = 40;
const MIN_SPEED = 5;
const MAX_SPEED = 120;
const SPEED_NOISE = 4;
/** Share of the gap to the target speed closed each step. */
const ACCELERATION = 0.3;
const STOP_CHANCE = 0.01;
const STOP_STEPS: Range = [1, 4];
/** Random turn per step on top of the turn that closes the loop, degrees. */
const HEADING_NOISE = 6;

export interface DrivingDay<P> {
	random: SeededRandom;
	home: Coordinates;
	/** Midnight UTC of the day, epoch seconds. */
	dayStart: number;
	plan: DrivingPlan;
	/** Makes one point; `course` is whole degrees in [0, 360), `speed` whole km/h. */
	point(position: Coordinates, time: number, speed: number, course: number): P;
	/** Once per parked time step, after its point (or copies) was added. */
	onParked?(point: P): void;
	/** Before the first point of a drive of `steps` points. */
	onDriveStart?(steps: number): void;
	/** After each point of a drive, before the vehicle moves on. */
	onDriveStep?(point: P, step: number, steps: number): void;
	/** After the last point of a drive. */
	onDriveEnd?(last: P): void;
}

interface Vehicle<P> {
	day: DrivingDay<P>;
	points: P[];
	position: Coordinates;
	course: number;
}

/** The day's points, ascending by time. */
export function drivingDay<P>(day: DrivingDay<P>): P[] {
	const { random, plan } = day;
	const vehicle: Vehicle<P> = { day, points: [], position: { ...day.home }, course: 0 };
	const dayEnd = day.dayStart + DAY_SECONDS;
	vehicle.course = random.int(0, 359);
	const drives = random.int(...plan.drives);
	const driveSeconds = random.int(...plan.drivingMinutes) * 60;
	let departure = day.dayStart + random.int(...plan.departureMinutes) * 60;
	park(vehicle, day.dayStart, departure);
	for (let drive = 0; drive < drives; drive++) {
		const arrival = driveLoop(vehicle, departure, floor(driveSeconds / drives));
		const isLast = drive === drives - 1;
		departure = isLast ? dayEnd : arrival + random.int(...plan.pauseMinutes) * 60;
		park(vehicle, arrival + plan.parkStepSeconds, departure);
	}
	return vehicle.points;
}

/** Parked points in [from, until). */
function park<P>(vehicle: Vehicle<P>, from: number, until: number): void {
	const { random, plan } = vehicle.day;
	const repeat = plan.repeatParked;
	for (let time = from; time < until; time += plan.parkStepSeconds) {
		const copies = repeat && random.chance(repeat.chance) ? random.int(...repeat.copies) : 1;
		let point = pointAt(vehicle, time, 0);
		vehicle.points.push(point);
		for (let copy = 1; copy < copies; copy++) {
			point = pointAt(vehicle, time, 0);
			vehicle.points.push(point);
		}
		vehicle.day.onParked?.(point);
	}
}

/** Drives a rough loop for `seconds`; returns the time of the last point. */
function driveLoop<P>(vehicle: Vehicle<P>, departure: number, seconds: number): number {
	const { day } = vehicle;
	const { random, plan } = day;
	const steps = max(2, floor(seconds / plan.driveStepSeconds));
	const turnPerStep = 360 / steps;
	let speed = START_SPEED;
	let target = random.int(...FIRST_TARGET);
	let stoppedFor = 0;
	let time = departure;
	day.onDriveStart?.(steps);
	for (let step = 0; step < steps; step++) {
		time = departure + step * plan.driveStepSeconds;
		if (step % NEW_TARGET_EVERY_STEPS === 0) {
			target = random.int(...TARGET);
		}
		if (stoppedFor > 0) {
			stoppedFor -= 1;
			speed = 0;
		} else if (step > 0 && step < steps - 1 && random.chance(STOP_CHANCE)) {
			stoppedFor = random.int(...STOP_STEPS);
			speed = 0;
		} else {
			const noise = random.float(-SPEED_NOISE, SPEED_NOISE);
			speed = min(MAX_SPEED, max(MIN_SPEED, speed + (target - speed) * ACCELERATION + noise));
		}
		const point = pointAt(vehicle, time, round(speed));
		vehicle.points.push(point);
		day.onDriveStep?.(point, step, steps);
		vehicle.position = move(
			vehicle.position,
			vehicle.course,
			(speed * plan.driveStepSeconds) / 3.6,
		);
		const course = vehicle.course + turnPerStep + random.float(-HEADING_NOISE, HEADING_NOISE);
		vehicle.course = (course + 360) % 360;
	}
	day.onDriveEnd?.(vehicle.points[vehicle.points.length - 1]);
	return time;
}

function pointAt<P>(vehicle: Vehicle<P>, time: number, speed: number): P {
	return vehicle.day.point(vehicle.position, time, speed, round(vehicle.course) % 360);
}
