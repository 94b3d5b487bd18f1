/** Navixy in the sandbox and the end-to-end suite (see ../provider-contract.ts for the contract). */
import type { OutputItem, OutputOf, SandboxProvider } from '../provider-contract';
import { NAVIXY_BUNDLE_IMEIS, NAVIXY_DEMO_KEY, NAVIXY_MODELS, NAVIXY_DEMO_LOGIN, NAVIXY_DEMO_PASSWORD, NavixySimulator } from './index';

const missing = (what: string, found: unknown) => `${what}, found ${JSON.stringify(found)?.slice(0, 300)}`;

/** Flips a tracker between offline and active (pinned until flipped again); returns the new status. */
function flipConnection(sim: NavixySimulator, id: number): string {
	const next = sim.state(id).connection_status === 'offline' ? 'active' : 'offline';
	sim.setState(id, { connection_status: next });
	return next;
}

const changeKey = (trackerId: unknown, field: unknown, current: unknown) => `${String(trackerId)}/${String(field)}/${String(current)}`;

/**
 * The demo credential uses the API key (Navixy's recommended way); tests of the login-and-password
 * session use `passwordCredential` on top of it.
 */
export const sandbox: SandboxProvider<NavixySimulator> = {
	name: 'navixy',
	port: 18102,
	create: () => new NavixySimulator(),
	credential: {
		id: 'lt-navixy-demo',
		name: 'Navixy demo (simulator)',
		type: 'navixyApi',
		data: (baseUrl) => ({ apiUrl: 'custom', customUrl: baseUrl, authentication: 'apiKey', apiKey: NAVIXY_DEMO_KEY }),
		inTests: { loginWaitSeconds: 0 },
	},
	accounts: [
		`API key ${NAVIXY_DEMO_KEY} (the demo fleet)`,
		`login ${NAVIXY_DEMO_LOGIN} / password ${NAVIXY_DEMO_PASSWORD} (a second user with a fleet of its own)`,
	],

	live(sim, say) {
		let tick = 0;
		const timer = setInterval(() => {
			const regular = sim.trackerIds('regular');
			const id = regular[(tick * 7) % regular.length];
			say(`navixy: tracker ${id} is now ${flipConnection(sim, id)}`);
			sim.addEvents(id, [{ event: 'speedup', time: Math.floor(Date.now() / 1000), message: 'Speeding (simulated)' }]);
			tick++;
		}, 30_000);
		return () => clearInterval(timer);
	},

	examples: {
		'navixy-fleet-states': {
			kind: 'manual',
			check(output, sim) {
				const problems: string[] = [];
				const items = output('Current states');
				const stated = items.filter((item) => item.location !== undefined);
				const blocked = sim.trackerIds('blocked');
				const readable = sim.trackerIds('all').filter((id) => !blocked.includes(id));
				const ids = stated.map((item) => Number(item.trackerId)).sort((a, b) => a - b);
				if (JSON.stringify(ids) !== JSON.stringify(readable)) problems.push(missing(`states of trackers ${readable.join(',')}`, ids));
				for (const item of stated) {
					const truth = sim.state(Number(item.trackerId));
					if (item.connection_status !== truth.connection_status) problems.push(missing(`tracker ${String(item.trackerId)} ${truth.connection_status}`, item.connection_status));
					const location = item.location as OutputItem;
					if (typeof location.latitude !== 'number' || location.provider !== 'navixy') problems.push(missing('a normalized location', location));
				}
				const errors = items.filter((item) => item.location === undefined).map((item) => String(item.error));
				if (errors.length !== blocked.length || !blocked.every((id) => errors.some((error) => error.includes(`Tracker ${id} is blocked`)))) {
					problems.push(missing(`an error item for each blocked tracker (${blocked.join(',')})`, errors));
				}
				return problems;
			},
		},
		'navixy-register-and-tag': {
			kind: 'manual',
			check(output, sim) {
				const [registered] = output("Register the van's tracker");
				const [tagged] = output('Tag it as a van');
				if (!registered || typeof registered.id !== 'number') return [missing('the registered tracker', registered)];
				const tracker = sim.tracker(registered.id) as { label?: string; source?: { device_id?: string }; tag_bindings?: unknown[] } | undefined;
				const problems: string[] = [];
				if (tracker?.label !== 'Van 12' || tracker.source?.device_id !== NAVIXY_BUNDLE_IMEIS[0]) problems.push(missing('tracker "Van 12" with the bundle IMEI', tracker));
				if (JSON.stringify(tracker?.tag_bindings) !== JSON.stringify([{ tag_id: 456789, ordinal: 1 }])) problems.push(missing('tag 456789 bound as ordinal 1', tracker?.tag_bindings));
				if (tagged?.trackerId !== registered.id) problems.push(missing(`tags set on tracker ${registered.id}`, tagged));
				return problems;
			},
		},
		'navixy-connection-alert': {
			kind: 'trigger',
			fire(sim) {
				// A clone shares its tracker's device, so it would change too: pick trackers without clones.
				const sourceOf = (id: number) => (sim.tracker(id)?.source as { id?: number } | undefined)?.id;
				const cloned = new Set(sim.trackerIds('clones').map(sourceOf));
				// ...and trackers whose model can be asked for a position by SMS (what the example does next).
				const bySms = (id: number) => {
					const code = (sim.tracker(id)?.source as { model?: string } | undefined)?.model;
					return NAVIXY_MODELS.some((model) => model.code === code && model.has_location_request);
				};
				const regular = sim.trackerIds('regular').filter((id) => !cloned.has(sourceOf(id)) && bySms(id));
				const picked = [regular[Math.floor(Math.random() * regular.length)], regular[regular.length - 1]];
				return [...new Set(picked)].map((id) => changeKey(id, 'connectionStatus', flipConnection(sim, id)));
			},
			eventKey: (item) => changeKey(item.trackerId, item.field, item.current),
			check(output: OutputOf, sim) {
				const changed = output('Connection changed').map((item) => Number(item.trackerId));
				const answers = output('Ask for a fresh position');
				const asked = answers.map((item) => Number(item.trackerId));
				const recorded = new Set(sim.locationRequests.map((request) => request.tracker_id));
				const problems: string[] = [];
				if (JSON.stringify(asked) !== JSON.stringify(changed)) problems.push(missing(`location requests for ${changed.join(',')}`, asked));
				// Navixy answers 256 (the node: alreadyActual) when the last fix is fresh: nothing to record then.
				for (const answer of answers) {
					if (answer.alreadyActual !== true && !recorded.has(Number(answer.trackerId))) {
						problems.push(`the simulator recorded no location request for tracker ${String(answer.trackerId)}`);
					}
				}
				return problems;
			},
		},
	},
};

/** Credential data of the login-and-password user, for tests (on top of the contract's). */
export const passwordCredential = { authentication: 'password', login: NAVIXY_DEMO_LOGIN, password: NAVIXY_DEMO_PASSWORD };
