/**
 * Deterministic history of one device for one UTC day: the vehicle leaves home in the morning, drives
 * two or three loops (a point every 30 s, 9 to 10.7 hours in all, so every full day has more than
 * 1000 points), parks in between (a point every 10 minutes, sometimes repeated with the same gpstime,
 * as in the document's playback demo) and raises alarms (engine on/off, speeding, doors, vibration,
 * low battery; a door-open alarm often shares its systemtime with the engine-off alarm; leaving and
 * re-entering the home geofence on about a third of the drives, and now and then an SOS).
 */
import { SeededRandom, hashSeed } from '../framework';
import { AlarmType } from './codes';
import { DAY_SECONDS } from './devices';
import { move } from './geo';
import type { AlarmRecord, RoutePoint } from './types';

/** Local bindings: global lookups are slow inside jest's VM context and these run per route point. */
const { floor, max, min, round } = Math;

export interface DayHistory {
	/** Ascending by gpstime. */
	points: RoutePoint[];
	/** Ascending by systemtime. */
	alarms: AlarmRecord[];
}

interface DayInput {
	index: number;
	home: { longitude: number; latitude: number };
}

const DRIVE_STEP_SECONDS = 30;
const PARK_STEP_SECONDS = 600;

interface DayBuilder {
	random: SeededRandom;
	/** A separate stream for the geofence and SOS alarms, so the routes stay as they were. */
	events: SeededRandom;
	geofenceId: number;
	dayEnd: number;
	points: RoutePoint[];
	alarms: AlarmRecord[];
	position: { longitude: number; latitude: number };
	course: number;
}

export function generateDay(device: DayInput, seed: number, day: number): DayHistory {
	const dayStart = day * DAY_SECONDS;
	const builder: DayBuilder = {
		random: new SeededRandom(hashSeed(seed, device.index, day, 0x7a11)),
		events: new SeededRandom(hashSeed(seed, device.index, day, 0x6e0f)),
		geofenceId: 1000 + device.index,
		dayEnd: dayStart + DAY_SECONDS,
		points: [],
		alarms: [],
		position: { ...device.home },
		course: 0,
	};
	const { random } = builder;
	builder.course = random.int(0, 359);
	const sessions = random.int(2, 3);
	const driveSeconds = random.int(540, 640) * 60;
	let departure = dayStart + random.int(5 * 60, 7 * 60) * 60;
	park(builder, dayStart, departure);
	for (let session = 0; session < sessions; session++) {
		const arrival = drive(builder, departure, floor(driveSeconds / sessions));
		const isLast = session === sessions - 1;
		departure = isLast ? builder.dayEnd : arrival + random.int(20, 90) * 60;
		park(builder, arrival + PARK_STEP_SECONDS, departure);
	}
	builder.alarms.sort((first, second) => first.systemtime - second.systemtime);
	return { points: builder.points, alarms: builder.alarms };
}

/** Parked points every 10 minutes in [from, until); about one in seven is repeated with the same gpstime. */
function park(builder: DayBuilder, from: number, until: number): void {
	const { random } = builder;
	for (let time = from; time < until; time += PARK_STEP_SECONDS) {
		const copies = random.chance(0.15) ? random.int(2, 3) : 1;
		for (let copy = 0; copy < copies; copy++) {
			builder.points.push(pointAt(builder, time, 0));
		}
		if (random.chance(0.02)) {
			addAlarm(builder, AlarmType.vibration, pointAt(builder, time, 0), random.int(1, 20));
		}
		if (random.chance(0.005)) {
			addAlarm(builder, AlarmType.lowBattery, pointAt(builder, time, 0), random.int(1, 20));
		}
	}
}

/** Drives a rough loop for `seconds`; returns the time of the last point. */
function drive(builder: DayBuilder, departure: number, seconds: number): number {
	const { random } = builder;
	const steps = max(2, floor(seconds / DRIVE_STEP_SECONDS));
	const turnPerStep = 360 / steps;
	let speed = 10;
	let target = random.int(30, 90);
	let stoppedFor = 0;
	let speedingAlarms = 0;
	let time = departure;
	const { events } = builder;
	const fenceExitStep = events.chance(0.35) ? floor(steps / 4) : -1;
	const sosStep = events.chance(0.04) ? events.int(1, steps - 1) : -1;
	for (let step = 0; step < steps; step++) {
		time = departure + step * DRIVE_STEP_SECONDS;
		if (step % 40 === 0) {
			target = random.int(25, 100);
		}
		if (stoppedFor > 0) {
			stoppedFor -= 1;
			speed = 0;
		} else if (step > 0 && step < steps - 1 && random.chance(0.01)) {
			stoppedFor = random.int(1, 4);
			speed = 0;
		} else {
			speed = min(120, max(5, speed + (target - speed) * 0.3 + random.float(-4, 4)));
		}
		const point = pointAt(builder, time, round(speed));
		builder.points.push(point);
		if (step === 0) {
			addAlarm(builder, AlarmType.engineOn, point, random.int(1, 8));
		}
		if (step === fenceExitStep) {
			addAlarm(builder, AlarmType.geoFenceOut, point, events.int(1, 6), builder.geofenceId);
		}
		if (fenceExitStep >= 0 && step === steps - 1 - fenceExitStep) {
			addAlarm(builder, AlarmType.geoFenceIn, point, events.int(1, 6), builder.geofenceId);
		}
		if (step === sosStep) {
			addAlarm(builder, AlarmType.sos, point, events.int(1, 4));
		}
		if (point.speed >= 95 && speedingAlarms < 2 && random.chance(0.05)) {
			speedingAlarms += 1;
			addAlarm(builder, AlarmType.speeding, point, random.int(1, 10));
		}
		builder.position = move(builder.position, builder.course, (speed * DRIVE_STEP_SECONDS) / 3.6);
		builder.course = (builder.course + turnPerStep + random.float(-6, 6) + 360) % 360;
	}
	const last = builder.points[builder.points.length - 1];
	const offLag = random.int(1, 8);
	addAlarm(builder, AlarmType.engineOff, { ...last, speed: 0 }, offLag);
	if (random.chance(0.5)) {
		addAlarm(builder, AlarmType.doorOpen, { ...last, speed: 0 }, offLag);
		addAlarm(
			builder,
			AlarmType.doorClose,
			{ ...last, speed: 0, gpstime: last.gpstime + random.int(60, 180) },
			2,
		);
	}
	return time;
}

function pointAt(builder: DayBuilder, gpstime: number, speed: number): RoutePoint {
	return {
		longitude: builder.position.longitude,
		latitude: builder.position.latitude,
		gpstime,
		speed,
		course: round(builder.course) % 360,
	};
}

function addAlarm(
	builder: DayBuilder,
	type: number,
	point: RoutePoint,
	lagSeconds: number,
	geofenceId = 0,
): void {
	if (point.gpstime >= builder.dayEnd) {
		return;
	}
	builder.alarms.push({
		type,
		longitude: point.longitude,
		latitude: point.latitude,
		gpstime: point.gpstime,
		systemtime: min(point.gpstime + lagSeconds, builder.dayEnd - 1),
		speed: point.speed,
		course: point.course,
		geofenceId,
	});
}
