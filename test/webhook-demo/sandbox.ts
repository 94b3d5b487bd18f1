/**
 * The test-only webhook demo provider in the provider contract (../simulators/provider-contract.ts). It is
 * `testOnly`: discovery lists it only when asked ({ testOnly: true }), so it never appears in the sandbox,
 * `npm run simulators`, examples/ or the shipped package; its example lives in ./examples and its nodes
 * come in a package of their own, compiled at test time for a real n8n.
 */
import { join } from 'node:path';

import type { CallbackRecord, OutputOf, SandboxProvider } from '../simulators/provider-contract';
import type { WebhookDelivery } from '../simulators/webhooks';
import { DEMO_API_KEY, DemoWebhookSimulator } from './simulator';

export const DEMO_PACKAGE = {
	name: 'n8n-nodes-location-tracking-webhook-demo',
	nodes: ['test/webhook-demo/DemoWebhookTrigger.node.ts'],
	credentials: ['test/webhook-demo/DemoWebhookApi.credentials.ts'],
};

const record = (delivery: WebhookDelivery): CallbackRecord => ({
	kind: delivery.kind,
	url: delivery.url,
	eventKey: delivery.key ?? '',
	status: delivery.status,
});

export const sandbox: SandboxProvider<DemoWebhookSimulator> = {
	name: 'webhook-demo',
	// Never started on it: test-only providers run on free ports.
	port: 18199,
	create: () => new DemoWebhookSimulator(),
	credential: {
		id: 'lt-webhook-demo',
		name: 'Webhook demo (tests only)',
		type: 'demoWebhookApi',
		data: (baseUrl) => ({ baseUrl, apiKey: DEMO_API_KEY }),
	},
	accounts: [`API key ${DEMO_API_KEY}`],
	testOnly: { examplesDir: join(__dirname, 'examples'), package: DEMO_PACKAGE },

	examples: {
		'webhook-demo-events': {
			kind: 'trigger',
			delivery: 'webhook',
			async fire(sim) {
				const events = [
					sim.event('alarm', 'demo-device-1', { alarm: 'sos', speed: 0 }),
					sim.event('status', 'demo-device-2', { online: false }),
				];
				for (const event of events) {
					const deliveries = await sim.emit(event);
					if (deliveries.length === 0) throw new Error(`No subscription at the demo simulator takes ${event.type} events`);
				}
				return events.map((event) => event.id);
			},
			eventKey: (item) => String(item.id),
			registered: (sim) => sim.webhooks.list().map((subscription) => subscription.url),
			async sendInvalid(sim) {
				const forged = await sim.emit(sim.event('alarm', 'demo-device-3', { alarm: 'forged' }), 'forged');
				const unsigned = await sim.emit(sim.event('status', 'demo-device-4', { online: true }), 'unsigned');
				return [...forged, ...unsigned].map(record);
			},
			async sendRepeated(sim) {
				const [first] = sim.webhooks.sent('signed');
				if (!first) throw new Error('No signed callback to repeat yet');
				return [record(await sim.webhooks.redeliver(first.seq))];
			},
			callbacks: (sim) => sim.webhooks.sent().map(record),
			check(output: OutputOf) {
				const received = output('Demo event received');
				const handled = output('Handle the event');
				const problems: string[] = [];
				if (received.length !== 1) problems.push(`one event per execution, found ${received.length}`);
				if (JSON.stringify(handled) !== JSON.stringify(received)) {
					problems.push(`the next node should get the event as sent, got ${JSON.stringify(handled).slice(0, 300)}`);
				}
				return problems;
			},
		},
	},
};
