import { prepareZone } from '../../../nodes/LocationTools/geometry/contains';
import {
	detectTransitions,
	forgetDevices,
	type DeviceFix,
	type GeofenceMemory,
	type TransitionOptions,
} from '../../../nodes/LocationTools/geometry/transitions';
import { circleZone, polygonZoneFromPoints } from '../../../nodes/LocationTools/geometry/zones';

/** Depot: latitude 52.50–52.51 (its south edge at 52.50), longitude 13.40–13.42. */
const depot = prepareZone(
	polygonZoneFromPoints(
		[
			[13.4, 52.5],
			[13.42, 52.5],
			[13.42, 52.51],
			[13.4, 52.51],
		],
		{ id: 'depot', name: 'Depot', closeRing: true },
	),
);
const yard = prepareZone(
	circleZone({ id: 'yard', name: 'Yard', center: [13.41, 52.505], radiusM: 100 }),
);
const T0 = Date.parse('2024-06-01T08:00:00.000Z');

/** A fix `metresNorth` of the depot's south edge (negative: outside), `minute` minutes after 08:00. */
const fix = (deviceId: string, metresNorth: number, minute: number): DeviceFix => ({
	deviceId,
	latitude: 52.5 + metresNorth / 111195,
	longitude: 13.41,
	time: new Date(T0 + minute * 60_000).toISOString(),
});

/** Feeds fixes one execution at a time (as scheduled runs would), returning every transition. */
function run(fixes: DeviceFix[][], options: TransitionOptions = {}, zones = [depot]) {
	let state: GeofenceMemory | undefined;
	const events: string[] = [];
	for (const batch of fixes) {
		const result = detectTransitions(state, batch, zones, options);
		state = JSON.parse(JSON.stringify(result.state)) as GeofenceMemory;
		events.push(
			...result.transitions.map(
				(t) =>
					`${t.event} ${t.deviceId} ${t.zoneId} @${t.time.slice(11, 16)}/${t.detectedAt.slice(11, 16)}`,
			),
		);
	}
	return { events, state: state as GeofenceMemory };
}

describe('detectTransitions', () => {
	it('emits exit and enter with the zone, the time and the previous and current positions', () => {
		const fixes = [
			fix('truck-7', 200, 0),
			fix('truck-7', 300, 5),
			fix('truck-7', -400, 10),
			fix('truck-7', 150, 15),
		];
		const first = detectTransitions(undefined, fixes.slice(0, 3), [depot]);
		expect(first.transitions).toEqual([
			{
				event: 'exit',
				deviceId: 'truck-7',
				zoneId: 'depot',
				zoneName: 'Depot',
				time: fixes[2].time,
				detectedAt: fixes[2].time,
				previousPosition: { latitude: fixes[1].latitude, longitude: 13.41, time: fixes[1].time },
				currentPosition: { latitude: fixes[2].latitude, longitude: 13.41, time: fixes[2].time },
				firstSighting: false,
			},
		]);
		const second = detectTransitions(first.state, [fixes[3]], [depot]);
		expect(second.transitions.map((t) => [t.event, t.time])).toEqual([['enter', fixes[3].time]]);
	});

	it('says nothing at a first sighting unless asked, and then only enter', () => {
		expect(run([[fix('a', 100, 0), fix('b', -100, 0)]]).events).toEqual([]);
		const asked = detectTransitions(undefined, [fix('a', 100, 0), fix('b', -100, 0)], [depot], {
			emitOnFirstSighting: true,
		});
		expect(
			asked.transitions.map((t) => [t.event, t.deviceId, t.firstSighting, t.previousPosition]),
		).toEqual([['enter', 'a', true, null]]);
	});

	it('with a buffer, jitter around the edge changes nothing; a clear crossing does', () => {
		const jitter = [30, -30, 20, -40, 10, -20].map((metres, minute) =>
			fix('t', metres, minute + 1),
		);
		const options = { bufferM: 50 };
		expect(run([[fix('t', 200, 0)], jitter], options).events).toEqual([]);
		expect(run([[fix('t', 200, 0)], jitter], {}).events).toHaveLength(5);
		expect(
			run(
				[[fix('t', 200, 0)], jitter, [fix('t', -60, 10), fix('t', 40, 11), fix('t', 60, 12)]],
				options,
			).events,
		).toEqual(['exit t depot @08:10/08:10', 'enter t depot @08:12/08:12']);
	});

	it('with a minimum dwell, a change counts once it has held that long, and a return cancels it', () => {
		const options = { minDwellMs: 5 * 60_000 };
		const day = [
			[fix('t', 100, 0), fix('t', -100, 10), fix('t', -100, 12)],
			[fix('t', -100, 15)], // held 5 min: exit, dated 08:10
			[fix('t', 100, 20), fix('t', -100, 22)], // back out after 2 min: the enter is cancelled
			[fix('t', 100, 30), fix('t', 100, 34), fix('t', 100, 35)],
		];
		expect(run(day, options).events).toEqual([
			'exit t depot @08:10/08:15',
			'enter t depot @08:30/08:35',
		]);
	});

	it('a fix within the buffer neither confirms nor cancels a pending change', () => {
		const options = { bufferM: 50, minDwellMs: 5 * 60_000 };
		const fixes = [[fix('t', 200, 0), fix('t', -100, 10), fix('t', -10, 13), fix('t', -100, 16)]];
		const result = run(fixes, options);
		expect(result.events).toEqual(['exit t depot @08:10/08:16']);
		const previous = detectTransitions(undefined, fixes[0], [depot], options).transitions[0]
			.previousPosition;
		expect(previous?.time).toBe(fixes[0][0].time);
	});

	it('takes fixes of several devices in time order and ignores a fix older than its device last sent', () => {
		const first = detectTransitions(undefined, [fix('b', 100, 1), fix('a', 100, 0)], [depot, yard]);
		const second = detectTransitions(
			first.state,
			[fix('b', -100, 9), fix('a', 0.5, 8), fix('a', -100, 7), fix('b', 100, 0.5)],
			[depot, yard],
		);
		expect(second.ignored).toEqual([3]);
		expect(
			second.transitions.map((t) => `${t.event} ${t.deviceId} ${t.zoneId} ${t.time.slice(11, 16)}`),
		).toEqual(['exit a depot 08:07', 'enter a depot 08:08', 'exit b depot 08:09']);
	});

	it('keeps memory as plain JSON and never changes the memory it is given', () => {
		const first = detectTransitions(
			undefined,
			[fix('constructor', 100, 0), fix('__proto__', 100, 0)],
			[depot],
		);
		const frozen = JSON.parse(JSON.stringify(first.state)) as GeofenceMemory;
		const copy = JSON.stringify(frozen);
		const second = detectTransitions(
			frozen,
			[fix('constructor', -100, 5), fix('__proto__', -100, 5)],
			[depot],
		);
		expect(JSON.stringify(frozen)).toBe(copy);
		expect(second.transitions.map((t) => t.deviceId)).toEqual(['constructor', '__proto__']);
		expect(Object.keys(JSON.parse(JSON.stringify(second.state)).devices)).toEqual([
			'constructor',
			'__proto__',
		]);
	});

	it('forgets zones no longer given; a zone new to a device starts silently', () => {
		const first = detectTransitions(undefined, [fix('t', 100, 0)], [depot, yard]);
		expect(Object.keys(first.state.devices.t.zones)).toEqual(['depot', 'yard']);
		const second = detectTransitions(first.state, [fix('t', 100, 1)], [yard]);
		expect(Object.keys(second.state.devices.t.zones)).toEqual(['yard']);
		const third = detectTransitions(second.state, [fix('t', 110, 2)], [depot, yard]);
		expect(third.transitions).toEqual([]);
		expect(third.state.devices.t.zones.depot).toEqual({ inside: true, since: fix('t', 0, 2).time });
	});

	it('refuses bad options and fixes, naming them', () => {
		expect(() => detectTransitions(undefined, [], [depot], { bufferM: -1 })).toThrow(
			'bufferM must be a number of at least 0 (got -1)',
		);
		expect(() =>
			detectTransitions(undefined, [{ ...fix('t', 0, 0), time: 'now' }], [depot]),
		).toThrow('Fix 1: time "now" is not an ISO 8601 date-time');
		expect(() =>
			detectTransitions(undefined, [{ ...fix('t', 0, 0), latitude: 100 }], [depot]),
		).toThrow('Fix of device "t": latitude 100 is not a number from -90 to 90');
	});
});

describe('forgetDevices', () => {
	it('drops devices not seen for longer than the limit', () => {
		const { state } = detectTransitions(
			undefined,
			[fix('old', 100, 0), fix('new', 100, 50)],
			[depot],
		);
		const now = new Date(T0 + 61 * 60_000).toISOString();
		const result = forgetDevices(state, now, 60 * 60_000);
		expect(result.forgotten).toEqual(['old']);
		expect(Object.keys(result.state.devices)).toEqual(['new']);
		expect(Object.keys(state.devices)).toEqual(['old', 'new']);
		expect(forgetDevices(undefined, T0, 1000)).toEqual({ state: { devices: {} }, forgotten: [] });
		expect(() => forgetDevices(state, now, -5)).toThrow(
			'maxAgeMs must be a number of at least 0 (got -5)',
		);
	});
});
