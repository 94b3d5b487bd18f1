import { drivingDay, type DrivingPlan } from '../driving';
import {
	distanceMeters,
	move,
	pathLength,
	placeNear,
	WORLD_CITIES,
	type Coordinates,
} from '../geo';
import { makeImei, luhnCheckDigit } from '../imei';
import { SeededRandom } from '../random';
import { DAY_SECONDS, dayStartOf } from '../time';

interface Point extends Coordinates {
	time: number;
	speed: number;
	course: number;
}

const PLAN: DrivingPlan = {
	driveStepSeconds: 60,
	parkStepSeconds: 900,
	drives: [1, 2],
	drivingMinutes: [120, 180],
	departureMinutes: [8 * 60, 9 * 60],
	pauseMinutes: [30, 60],
};
const HOME = { longitude: 13.4, latitude: 52.5 };
const DAY_START = dayStartOf(Date.UTC(2025, 0, 6, 15) / 1000);

function day(seed: number, plan: DrivingPlan = PLAN) {
	const events = { parked: 0, drives: [] as number[], steps: 0, ends: [] as Point[] };
	const points = drivingDay<Point>({
		random: new SeededRandom(seed),
		home: HOME,
		dayStart: DAY_START,
		plan,
		point: (position, time, speed, course) => ({ ...position, time, speed, course }),
		onParked: () => (events.parked += 1),
		onDriveStart: (steps) => events.drives.push(steps),
		onDriveStep: () => (events.steps += 1),
		onDriveEnd: (last) => events.ends.push(last),
	});
	return { points, events };
}

describe('geo helpers', () => {
	it('measures and moves consistently', () => {
		expect(
			distanceMeters({ longitude: 0, latitude: 0 }, { longitude: 0, latitude: 1 }),
		).toBeCloseTo(111_195, -1);
		const moved = move(HOME, 90, 1000);
		expect(moved.latitude).toBe(HOME.latitude);
		expect(distanceMeters(HOME, moved)).toBeCloseTo(1000, -1);
		expect(pathLength([HOME, moved, HOME])).toBeCloseTo(2 * distanceMeters(HOME, moved), 6);
		const near = placeNear(WORLD_CITIES[1], new SeededRandom(3));
		expect(Math.abs(near.longitude - WORLD_CITIES[1].longitude)).toBeLessThanOrEqual(0.15);
		expect(Math.abs(near.latitude - WORLD_CITIES[1].latitude)).toBeLessThanOrEqual(0.1);
	});

	it('makes 15-digit IMEIs with a valid Luhn check digit', () => {
		const imei = makeImei('35889905', 1_234_567);
		expect(imei).toMatch(/^35889905234567\d$/);
		expect(Number(imei[14])).toBe(luhnCheckDigit(imei.slice(0, 14)));
		expect(luhnCheckDigit('49015420323751')).toBe(8);
	});
});

describe('drivingDay', () => {
	it('is the same for the same seed and differs for another', () => {
		expect(day(7).points).toEqual(day(7).points);
		expect(day(8).points).not.toEqual(day(7).points);
	});

	it('covers the day in time order, parked at home before the first drive', () => {
		const { points, events } = day(11);
		const times = points.map((point) => point.time);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times[0]).toBe(DAY_START);
		expect(times[times.length - 1]).toBeLessThan(DAY_START + DAY_SECONDS);
		const firstMoving = points.findIndex((point) => point.speed > 0);
		expect(points[firstMoving].time - DAY_START).toBeGreaterThanOrEqual(8 * 3600);
		expect(
			points.slice(0, firstMoving - 1).every((point) => point.longitude === HOME.longitude),
		).toBe(true);
		expect(events.drives.length).toBeGreaterThanOrEqual(1);
		expect(events.drives.length).toBeLessThanOrEqual(2);
		expect(events.ends).toHaveLength(events.drives.length);
		expect(events.steps).toBe(events.drives.reduce((total, steps) => total + steps, 0));
		expect(events.parked + events.steps).toBe(points.length);
	});

	it('drives at plausible speeds, headings and distances', () => {
		const { points } = day(5);
		expect(points.every((point) => point.speed >= 0 && point.speed <= 120)).toBe(true);
		expect(points.every((point) => point.course >= 0 && point.course < 360)).toBe(true);
		const moving = points.filter((point) => point.speed >= 5);
		expect(moving.length).toBeGreaterThan(100);
		for (let index = 1; index < points.length; index++) {
			const [before, after] = [points[index - 1], points[index]];
			if (after.time - before.time === PLAN.driveStepSeconds && before.speed > 0) {
				const expected = (before.speed * PLAN.driveStepSeconds) / 3.6;
				expect(Math.abs(distanceMeters(before, after) - expected)).toBeLessThan(15);
			}
		}
	});

	it('repeats parked points with the same time only when the plan asks for it', () => {
		const repeats = (points: Point[]): number =>
			points.filter((point, index) => index > 0 && point.time === points[index - 1].time).length;
		expect(repeats(day(3).points)).toBe(0);
		const repeated = day(3, { ...PLAN, repeatParked: { chance: 0.5, copies: [2, 2] } }).points;
		expect(repeats(repeated)).toBeGreaterThan(5);
	});
});
