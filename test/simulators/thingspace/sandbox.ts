/** Verizon ThingSpace in the sandbox and the end-to-end suite (see ../provider-contract.ts for the contract). */
import type { CallbackRecord, OutputItem, OutputOf, SandboxProvider } from '../provider-contract';
import {
	THINGSPACE_APP,
	THINGSPACE_DEMO,
	THINGSPACE_OTHER,
	ThingSpaceSimulator,
	type CallbackDelivery,
	type FleetDevice,
} from './index';

/** How many devices of the demo fleet the periodic example's sheet lists (the fleet's first ones). */
export const EXAMPLE_FLEET_SIZE = 25;
/** Real time between two rounds of every running periodic session in the sandbox. */
const LIVE_TICK_MS = 15_000;

const missing = (what: string, found: unknown) => `${what}, found ${JSON.stringify(found)?.slice(0, 300)}`;

/** The devices the periodic example starts: the demo fleet's first 25 (stable on every run). */
export function exampleFleet(sim: ThingSpaceSimulator): FleetDevice[] {
	return sim.fleetHead(EXAMPLE_FLEET_SIZE);
}

/** The key of a trigger item, as the simulator keys the report it came from. */
const itemKey = (item: OutputItem) => `${String(item.transactionId)}/${String(item.deviceId)}/${String(item.time)}`;

/** Deliveries actually made to a listener (not skipped), as the contract records them. */
const record = (delivery: CallbackDelivery): CallbackRecord => ({
	kind: delivery.kind,
	url: delivery.url,
	eventKey: delivery.key,
	status: delivery.httpStatus,
});
const sentToDemo = (sim: ThingSpaceSimulator) =>
	sim.callbacks().filter((delivery) => delivery.account === THINGSPACE_DEMO.account && delivery.skipped === undefined);

/** Two demo devices for fired failure reports: distinct, and different on each call. */
function twoDevices(): [number, number] {
	const first = Math.floor(Math.random() * 1000);
	return [first, first + 1 + Math.floor(Math.random() * 1000)];
}

function requireListener(sim: ThingSpaceSimulator): void {
	if (!sim.listener()) throw new Error(`No DeviceLocation listener is registered for ${THINGSPACE_DEMO.account} at the ThingSpace simulator`);
}

function checkPeriodicStart(output: OutputOf, sim: ThingSpaceSimulator): string[] {
	const problems: string[] = [];
	const rows = output('Fleet sheet');
	const items = output('Start periodic location');
	if (rows.length !== EXAMPLE_FLEET_SIZE) problems.push(missing(`${EXAMPLE_FLEET_SIZE} sheet rows`, rows.length));
	for (const row of rows) {
		const device = sim.deviceByImei(String(row.imei));
		if (device?.account !== THINGSPACE_DEMO.account || device.mdn !== String(row.mdn)) problems.push(missing('a row of a demo fleet device with its MDN', row));
	}
	if (items.length !== rows.length) problems.push(missing(`one item per sheet row (${rows.length})`, items.length));
	items.forEach((item, index) => {
		const row = rows[index] ?? {};
		if (item.deviceId !== String(row.imei) || item.mdn !== String(row.mdn) || item.status !== 'QUEUED' || typeof item.transactionId !== 'string') {
			problems.push(missing(`item ${index}: deviceId ${String(row.imei)}, mdn ${String(row.mdn)}, a transactionId, status QUEUED`, item));
		}
	});
	const byTransaction = new Map<string, string[]>();
	for (const item of items) byTransaction.set(String(item.transactionId), [...(byTransaction.get(String(item.transactionId)) ?? []), String(item.deviceId)]);
	if (byTransaction.size !== 1) problems.push(missing('one periodic session for the 25 devices', [...byTransaction.keys()]));
	for (const [transactionId, deviceIds] of byTransaction) {
		const session = sim.periodicSession(transactionId);
		if (!session) {
			problems.push(`the simulator has no periodic session ${transactionId}`);
			continue;
		}
		const held = session.devices.map((device) => device.requested.id).sort();
		if (session.account !== THINGSPACE_DEMO.account || JSON.stringify(held) !== JSON.stringify([...deviceIds].sort())) {
			problems.push(missing(`session ${transactionId} of ${THINGSPACE_DEMO.account} holding exactly ${deviceIds.length} devices of the items`, { account: session.account, held }));
		}
	}
	return problems;
}

function checkFailureAlert(output: OutputOf, sim: ThingSpaceSimulator): string[] {
	const reports = output('On location report');
	const alerts = output('Alert');
	const signedFailures = sentToDemo(sim).filter((delivery) => delivery.kind === 'signed' && delivery.status === 'FAILED');
	const failedKeys = new Set(signedFailures.map((delivery) => delivery.key));
	const problems: string[] = [];
	if (reports.length === 0) problems.push('the trigger emitted no item');
	for (const item of reports) {
		if (item.status !== 'FAILED' || item.error === undefined || item.error === null) problems.push(missing('only FAILED device reports with their error', item));
		if (!failedKeys.has(itemKey(item))) problems.push(missing('an item of a signed FAILED report the simulator sent', itemKey(item)));
	}
	if (alerts.length !== reports.length) problems.push(missing(`an alert per failed report (${reports.length})`, alerts.length));
	return problems;
}

export const sandbox: SandboxProvider<ThingSpaceSimulator> = {
	name: 'thingspace',
	port: 18104,
	create: () => new ThingSpaceSimulator(),
	credential: {
		id: 'lt-thingspace-demo',
		name: 'ThingSpace demo (simulator)',
		type: 'thingSpaceApi',
		data: (baseUrl) => ({
			baseUrl,
			appKey: THINGSPACE_APP.key,
			appSecret: THINGSPACE_APP.secret,
			username: THINGSPACE_DEMO.username,
			password: THINGSPACE_DEMO.password,
			accountName: THINGSPACE_DEMO.account,
		}),
		inTests: { loginWaitSeconds: 0 },
	},
	accounts: [
		`application key ${THINGSPACE_APP.key} / secret ${THINGSPACE_APP.secret} (OAuth client, both users)`,
		`user ${THINGSPACE_DEMO.username} / ${THINGSPACE_DEMO.password}, account ${THINGSPACE_DEMO.account} (25,000 devices; every 50th has no consent; 5 wrong passwords lock the user)`,
		`user ${THINGSPACE_OTHER.username} / ${THINGSPACE_OTHER.password}, account ${THINGSPACE_OTHER.account} (its DeviceLocation listener points at another system)`,
	],
	tokens: {
		// A ThingSpace sign-in is the pair: a bearer grant and, with it, one UWS session login. The session
		// logins count sign-ins (a bearer renewed alone, within a session, is not one).
		logins: (sim) => sim.tokenCounts.sessionLogins,
		expire: (sim) => {
			sim.expireBearer();
			sim.expireSession();
		},
	},

	live(sim, say) {
		sim.setLive(true);
		const timer = setInterval(() => {
			void sim.hurrySessions().then((sessions) => {
				if (sessions > 0) say(`thingspace: ${sessions} periodic session(s) sent their next fix`);
			});
		}, LIVE_TICK_MS);
		return () => {
			clearInterval(timer);
			sim.setLive(false);
		};
	},

	examples: {
		'thingspace-fleet-periodic-start': { kind: 'manual', check: checkPeriodicStart },
		'thingspace-location-failure-alert': {
			kind: 'trigger',
			delivery: 'webhook',
			async fire(sim) {
				requireListener(sim);
				const keys: string[] = [];
				for (const index of twoDevices()) keys.push((await sim.failureReport(index)).key);
				return keys;
			},
			eventKey: itemKey,
			registered: (sim) => {
				const listener = sim.listener();
				return listener ? [listener.url] : [];
			},
			async sendInvalid(sim) {
				requireListener(sim);
				const [forged, unsigned] = twoDevices();
				return [record(await sim.failureReport(forged, 'forged')), record(await sim.failureReport(unsigned, 'unsigned'))];
			},
			async sendRepeated(sim) {
				const delivered = sentToDemo(sim).filter((delivery) => delivery.kind === 'signed' && delivery.httpStatus === 200);
				const last = delivered[delivered.length - 1];
				if (!last) throw new Error('No signed callback was delivered yet to send again');
				return [record(await sim.redeliver(last.seq))];
			},
			callbacks: (sim) => sentToDemo(sim).map(record),
			check: checkFailureAlert,
		},
	},
};
