/** ProTrack in the sandbox and the end-to-end suite (see ../provider-contract.ts for the contract). */
import type { OutputItem, OutputOf, SandboxProvider } from '../provider-contract';
import { PROTRACK_DEMO, PROTRACK_SUB_ACCOUNTS } from './accounts';
import { ProTrackSimulator } from './index';
import { depotEnterExit, routeSummaryGpx } from './location-tools-examples';

const ALARM_SOS = 1;
const ALARM_GEOFENCE_OUT = 6;
const ONLINE = 2;
const OFFLINE = 4;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** One alarm on a device, happening now, near its latest position. */
function raiseAlarm(sim: ProTrackSimulator, imei: string, type: number, at = nowSeconds()): string {
	const device = sim.device(imei)!;
	sim.addAlarms(imei, [
		{
			type,
			longitude: device.longitude,
			latitude: device.latitude,
			gpstime: at - 2,
			systemtime: at,
			speed: 0,
			course: 0,
			geofenceId: type === ALARM_GEOFENCE_OUT ? 1 : 0,
		},
	]);
	return alarmKey(imei, type, at);
}

const alarmKey = (imei: unknown, type: unknown, systemtime: unknown) => `${String(imei)}/${String(type)}/${String(systemtime)}`;

/** The devices that answer: online, with a route up to now. */
const onlineDevices = (sim: ProTrackSimulator) => sim.onlineImeis();

const missing = (what: string, found: unknown) => `${what}, found ${JSON.stringify(found)?.slice(0, 300)}`;

export const sandbox: SandboxProvider<ProTrackSimulator> = {
	name: 'protrack',
	port: 18101,
	create: () => new ProTrackSimulator(),
	credential: {
		id: 'lt-protrack-demo',
		name: 'ProTrack demo (simulator)',
		type: 'proTrackApi',
		data: (baseUrl) => ({ baseUrl, account: PROTRACK_DEMO.account, password: PROTRACK_DEMO.password }),
		inTests: { loginWaitSeconds: 0 },
	},
	accounts: [
		`account ${PROTRACK_DEMO.account} / password ${PROTRACK_DEMO.password} (distributor, all devices)`,
		...PROTRACK_SUB_ACCOUNTS.map(
			(sub) => `account ${sub.account} / password ${sub.password} (sub-account of ${PROTRACK_DEMO.account})`,
		),
	],
	tokens: {
		logins: (sim) => sim.authorizationCount(),
		expire: (sim) => sim.expireTokens(),
	},

	live(sim, say) {
		let tick = 0;
		const timer = setInterval(() => {
			tick++;
			const online = onlineDevices(sim);
			const imei = online[Math.floor(Math.random() * online.length)];
			if (imei === undefined) return;
			const type = tick % 3 === 0 ? ALARM_SOS : ALARM_GEOFENCE_OUT;
			raiseAlarm(sim, imei, type);
			say(`protrack: ${type === ALARM_SOS ? 'SOS' : 'geofence exit'} alarm on ${imei}`);
			if (tick % 2 === 0) {
				const device = sim.imeis()[tick % 7];
				const next = sim.device(device)?.datastatus === OFFLINE ? ONLINE : OFFLINE;
				sim.setDeviceState(device, { datastatus: next });
				say(`protrack: ${device} is now ${next === ONLINE ? 'online' : 'offline'}`);
			}
		}, 30_000);
		return () => clearInterval(timer);
	},

	examples: {
		'protrack-depot-enter-exit': depotEnterExit,
		'protrack-route-summary-gpx': routeSummaryGpx,
		'protrack-fleet-positions': {
			kind: 'manual',
			check(output: OutputOf, sim) {
				const problems: string[] = [];
				const listed = output('List devices').map((item) => item.imei);
				if (JSON.stringify([...listed].sort()) !== JSON.stringify([...sim.imeis()].sort())) {
					problems.push(missing(`List devices should list the ${sim.imeis().length} demo devices`, listed));
				}
				const positions = output('Latest positions');
				for (const imei of onlineDevices(sim)) {
					const device = sim.device(imei)!;
					const item = positions.find((position) => position.imei === imei);
					const location = item?.location as { latitude?: number; longitude?: number } | undefined;
					if (location?.latitude !== device.latitude || location?.longitude !== device.longitude) {
						problems.push(missing(`${imei} should be at ${device.latitude},${device.longitude}`, item?.location));
					}
				}
				return problems;
			},
		},

		'protrack-last-day-route': {
			kind: 'manual',
			check(output: OutputOf, sim) {
				const [route] = output('Route of the last 24 hours');
				const imei = String(output('First device')[0]?.imei);
				if (!route) return ['Route of the last 24 hours put out no item'];
				const begin = Math.floor(Date.parse(String(route.startTime)) / 1000);
				const end = Math.floor(Date.parse(String(route.endTime)) / 1000);
				const expected = sim.routePoints(imei, begin, end).length;
				const feature = route.route as { geometry?: { type?: string; coordinates?: unknown[] } } | undefined;
				const problems: string[] = [];
				if (route.imei !== imei) problems.push(missing(`the route should be of ${imei}`, route.imei));
				if (end - begin < 24 * 3600 - 60) problems.push(missing('the route should span 24 hours', [route.startTime, route.endTime]));
				if (feature?.geometry?.type !== 'LineString') problems.push(missing('route should be a GeoJSON LineString', feature));
				if (expected === 0) problems.push(`the simulator has no route points for ${imei} in the range`);
				if ((route.summary as OutputItem | undefined)?.points !== expected) {
					problems.push(missing(`the route should have the simulator's ${expected} points`, route.summary));
				}
				return problems;
			},
		},

		'protrack-lock-door': {
			kind: 'manual',
			check(output: OutputOf, sim) {
				const [answer] = output('Lock door and wait');
				const imei = output('First device')[0]?.imei;
				const sent = sim.commands.filter((command) => command.imei === imei && command.command === 'LOCKDOOR');
				const problems: string[] = [];
				if (answer?.answered !== true) problems.push(missing('the device should have answered', answer));
				const last = sent[sent.length - 1];
				if (!last) problems.push(`the simulator received no LOCKDOOR for ${String(imei)}`);
				else if (answer?.response !== last.response) {
					problems.push(missing(`the response should be the device's "${last.response}"`, answer?.response));
				}
				return problems;
			},
		},

		'protrack-alarm-alert': {
			kind: 'trigger',
			fire(sim) {
				const [first, second] = onlineDevices(sim);
				const at = nowSeconds();
				return [
					raiseAlarm(sim, first, ALARM_SOS, at),
					raiseAlarm(sim, second, ALARM_GEOFENCE_OUT, at),
					// Same second, same device, another type: a second event, not a duplicate.
					raiseAlarm(sim, first, ALARM_GEOFENCE_OUT, at),
				];
			},
			eventKey: (item) => alarmKey(item.imei, item.type, item.systemtime),
			check(output: OutputOf, sim) {
				const alarms = output('New SOS or geofence-exit alarm');
				const sent = output('Tell the fleet manager');
				const problems: string[] = [];
				if (sent.length !== alarms.length) problems.push(missing(`one message per alarm (${alarms.length})`, sent));
				for (const alarm of alarms) {
					if (!sim.messages.some((message) => message.content.includes(String(alarm.imei)))) {
						problems.push(`no platform message mentions ${String(alarm.imei)}`);
					}
				}
				return problems;
			},
		},

		'protrack-device-status-alert': {
			kind: 'trigger',
			fire(sim) {
				const [imei] = onlineDevices(sim).slice(-1);
				sim.setDeviceState(imei, { datastatus: OFFLINE });
				return [`${imei}/connection/offline`];
			},
			eventKey: (item) => `${String(item.imei)}/${String(item.field)}/${String(item.current)}`,
			check(output: OutputOf, sim) {
				const changes = output('Device went online or offline');
				const sent = output('Tell the fleet manager');
				if (sent.length !== changes.length) return [missing(`one message per change (${changes.length})`, sent)];
				return changes
					.filter((change) => !sim.messages.some((message) => message.content.includes(String(change.imei))))
					.map((change) => `no platform message mentions ${String(change.imei)}`);
			},
		},
	},
};
