/**
 * ThingSpace callbacks for scenario 6: the flow's webhook URL is the demo account's DeviceLocation
 * listener (registered by the trigger's activation; for the baseline, by the user, with the shared key
 * the registration returns); a round has the simulator send 250 SUCCESS LOCATION_REPORTs (one device
 * each) at once, signed (VZ-Signature) with that key.
 */
import { chain, node, packageNodeType, type ActiveWorkflow } from '../../test/runner';
import type { CallbackDelivery, Listener } from '../../test/simulators/thingspace';
import { THINGSPACE_DEMO } from '../../test/simulators/thingspace';
import { sandbox as thingspace } from '../../test/simulators/thingspace/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import { withCredential } from '../lib/scenario';
import { burstScenario, CALLBACKS_AT_ONCE, type CallbackSource } from '../lib/callback-burst';

const thingspaceSource: CallbackSource = {
	id: 'thingspace-callbacks',
	title: '6b. ThingSpace Trigger: signed callbacks per second',
	about: [
		"package: ThingSpace Trigger, active (activation registered its URL as the account's DeviceLocation listener); its webhook() checks the VZ-Signature HMAC over the raw body, refuses repeated deliveries and starts one execution per callback with one item per device.",
		"baseline (`baseline/thingspace-callbacks.json`): the user registers the Webhook node's URL as listener and copies the shared key into the Code node; n8n's Webhook node (POST, Raw Body) → Code recomputes the HMAC and makes one item per device of the verified reports.",
		'Callbacks: SUCCESS LOCATION_REPORTs, one device each, for consecutive devices of the demo fleet.',
	],
	async connect(bench, flow) {
		const sim = await bench.host.start(`thingspace-${flow}`, 'thingspace', { rateLimitPerSecond: false, fleetSize: 2000 });
		let active: ActiveWorkflow;
		let resultNode: string;
		if (flow === 'package') {
			const { n8n, credentials } = withCredential(bench, thingspace, sim.baseUrl);
			resultNode = 'On location report';
			const trigger = node(resultNode, packageNodeType('thingSpaceTrigger'), {}, credentials, {
				webhookId: '6f1c9a52-3d4e-4b8f-9a7c-2e5d8b1f0c99',
			});
			active = await n8n.activate(chain(trigger));
		} else {
			resultNode = 'Verify signature';
			// The user registers the URL first (the registration returns the shared key), then puts the key into the Code node.
			const n8n = bench.engine.n8n();
			const placeholder = await n8n.activate(baselineWorkflow('thingspace-callbacks', { SHARED_KEY: '0' }));
			const listener = await sim.call<Listener>('registerForeignListener', THINGSPACE_DEMO.account, placeholder.webhookUrl());
			await placeholder.deactivate();
			active = await n8n.activate(baselineWorkflow('thingspace-callbacks', { SHARED_KEY: listener.secret }));
			if (active.webhookUrl() !== listener.url)
				throw new Error(`The baseline's URL changed: ${active.webhookUrl()} is not ${listener.url}`);
		}
		return {
			sim,
			active,
			resultNode,
			itemsPerCallback: 1,
			async sendRound(round) {
				const sent = await sim.call<CallbackDelivery[]>('sendLocationReports', CALLBACKS_AT_ONCE, {
					firstDevice: round * CALLBACKS_AT_ONCE,
				});
				return sent.map((delivery) => delivery.httpStatus);
			},
		};
	},
};

/** Scenario 6 with ThingSpace callbacks (see lib/callback-burst.ts). */
export const thingspaceCallbacks = burstScenario(thingspaceSource);
