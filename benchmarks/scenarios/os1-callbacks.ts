/**
 * OS1 callbacks for scenario 6: 250 started smartphone tracks whose callback is the flow's webhook URL;
 * a round moves the simulator's time by a minute and lets it send each track's TRACE_UPDATE, signed
 * (X-COREOS-HMAC-SIGNATURE) with the callback secret.
 */
import { chain, node, packageNodeType, type ActiveWorkflow } from '../../test/runner';
import type { Callback, Os1Delivery } from '../../test/simulators/os1';
import { OS1_DEMO_CALLBACK_SECRET, sandbox as os1 } from '../../test/simulators/os1/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import { withCredential } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';
import { burstScenario, CALLBACKS_AT_ONCE, type CallbackSource } from '../lib/callback-burst';

const SECRET_B64 = Buffer.from(OS1_DEMO_CALLBACK_SECRET, 'utf8').toString('base64');

/** Creates the started tracks calling back the workflow, and waits for the executions of their TRACK_STARTED callbacks. */
async function createTracks(sim: RemoteSimulator, active: ActiveWorkflow, prefix: string): Promise<void> {
	const callback: Callback = { url: active.webhookUrl(), meta: { fleet: 'bench' }, secret: SECRET_B64 };
	for (let first = 0; first < CALLBACKS_AT_ONCE; first += 50) {
		const batch = Array.from({ length: Math.min(50, CALLBACKS_AT_ONCE - first) }, (_, i) => first + i);
		await Promise.all(
			batch.map(async (i) => await sim.call('createTrack', { kind: 'smartphone', contextId: `${prefix}-${i}`, start: true, callback })),
		);
	}
	await active.waitForExecutions(CALLBACKS_AT_ONCE, 60_000);
}

const os1Source: CallbackSource = {
	id: 'os1-callbacks',
	title: '6a. OS1 Movement Tracking Trigger: signed callbacks per second',
	about: [
		'package: OS1 Movement Tracking Trigger, active; its webhook() checks the signature over the raw body (constant time), refuses repeated deliveries (digests kept in static data) and starts one execution per callback.',
		"baseline (`baseline/os1-callbacks.json`): n8n's Webhook node (POST, Raw Body) → Code recomputes the HMAC over the raw body (read from the binary data) and keeps the callback only when it matches; n8n answers each callback 200 before the Code node runs.",
		'Callbacks: TRACE_UPDATE of 250 started smartphone tracks, one per track per round (the simulator moves its clock a minute).',
	],
	async connect(bench, flow) {
		const sim = await bench.host.start(`os1-${flow}`, 'os1', { consentReplyMs: 0, rateLimitPerSecond: false });
		let active: ActiveWorkflow;
		let resultNode: string;
		if (flow === 'package') {
			const { n8n, credentials } = withCredential(bench, os1, sim.baseUrl);
			resultNode = 'On OS1 event';
			const trigger = node(resultNode, packageNodeType('os1MtsTrigger'), {}, credentials, {
				webhookId: '3f0c9a52-5b1e-4c77-8d7e-2a41b6c0e001',
			});
			active = await n8n.activate(chain(trigger));
		} else {
			resultNode = 'Verify signature';
			active = await bench.engine.n8n().activate(baselineWorkflow('os1-callbacks', { CALLBACK_SECRET_B64: SECRET_B64 }));
		}
		await createTracks(sim, active, flow);
		return {
			sim,
			active,
			resultNode,
			itemsPerCallback: 1,
			async sendRound() {
				await sim.call('advance', 60_000);
				const sent = await sim.call<Os1Delivery[]>('tick');
				return sent.filter((delivery) => delivery.eventType === 'TRACE_UPDATE').map((delivery) => delivery.status);
			},
		};
	},
};

/** Scenario 6 with OS1 callbacks (see lib/callback-burst.ts). */
export const os1Callbacks = burstScenario(os1Source);
