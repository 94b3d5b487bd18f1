/**
 * Where a tracked driver is: a seeded route from the track's start, one point every 30 s of simulated
 * time. Each 24 hours from the start is a day of driving (common/driving.ts): a few drives starting within
 * minutes of the start, short stops between them, then parked until the next day, which starts where
 * this one ended. The same seed gives the same route.
 */
import { drivingDay, type DrivingPlan } from '../common/driving';
import { placeNear, round6, type Coordinates } from '../common/geo';
import { hashSeed, SeededRandom } from '../common/random';
import { DAY_SECONDS } from '../common/time';
import { OS1_LIMITS } from './codes';

export interface TracePoint {
	/** From 1, in time order. */
	sequence: number;
	/** Epoch milliseconds. */
	timestamp: number;
	lat: number;
	lon: number;
	/** Metres. */
	accuracy: number;
}

const STEP_SECONDS = OS1_LIMITS.traceStepMs / 1000;
const POINTS_PER_DAY = DAY_SECONDS / STEP_SECONDS;

/** All of a day's drives and pauses fit in it: at most 2 + 480 + 4 × 45 minutes. */
const PLAN: DrivingPlan = {
	driveStepSeconds: STEP_SECONDS,
	parkStepSeconds: STEP_SECONDS,
	drives: [3, 5],
	drivingMinutes: [300, 480],
	departureMinutes: [0, 2],
	pauseMinutes: [10, 45],
};

/** City centres where OS1's customers run fleets (Delhi, Mumbai, Bengaluru, Chennai, Kolkata). */
const CITIES: readonly Coordinates[] = [
	{ longitude: 77.209, latitude: 28.6139 },
	{ longitude: 72.8777, latitude: 19.076 },
	{ longitude: 77.5946, latitude: 12.9716 },
	{ longitude: 80.2707, latitude: 13.0827 },
	{ longitude: 88.3639, latitude: 22.5726 },
];

/** SIM (network) positions are coarse, smartphone (GPS) positions fine: accuracy ranges in metres. */
const ACCURACY: Record<'sim' | 'smartphone', readonly [number, number]> = { sim: [80, 1500], smartphone: [3, 25] };

export class Route {
	private readonly days: Coordinates[][] = [];
	private readonly home: Coordinates;

	constructor(
		private readonly seed: number,
		private readonly kind: 'sim' | 'smartphone',
	) {
		const random = new SeededRandom(seed);
		this.home = placeNear(random.pick(CITIES), random);
	}

	/** The point with this sequence number of a trace started at `startedAt` (epoch ms). */
	point(startedAt: number, sequence: number): TracePoint {
		const index = sequence - 1;
		const day = this.day(Math.floor(index / POINTS_PER_DAY));
		const position = day[Math.min(index % POINTS_PER_DAY, day.length - 1)];
		const accuracy = new SeededRandom(hashSeed(this.seed, sequence)).int(...ACCURACY[this.kind]);
		return {
			sequence,
			timestamp: startedAt + index * OS1_LIMITS.traceStepMs,
			lat: round6(position.latitude),
			lon: round6(position.longitude),
			accuracy,
		};
	}

	private day(number: number): Coordinates[] {
		while (this.days.length <= number) {
			const previous = this.days[this.days.length - 1];
			const home = previous ? previous[previous.length - 1] : this.home;
			this.days.push(
				drivingDay<Coordinates>({
					random: new SeededRandom(hashSeed(this.seed, this.days.length)),
					home,
					dayStart: this.days.length * DAY_SECONDS,
					plan: PLAN,
					point: (position) => ({ ...position }),
				}),
			);
		}
		return this.days[number];
	}
}

/** How many points a trace started at `startedAt` has by `until` (both epoch ms). */
export function pointCount(startedAt: number, until: number): number {
	return until < startedAt ? 0 : Math.floor((until - startedAt) / OS1_LIMITS.traceStepMs) + 1;
}
