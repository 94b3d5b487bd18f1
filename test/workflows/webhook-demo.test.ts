/**
 * The webhook-trigger path of the in-process n8n, proven on the test-only demo trigger (test/webhook-demo):
 * activation and deactivation run the trigger's webhookMethods through n8n-core's HookContext, callbacks
 * reach its webhook() through n8n-core's WebhookContext over real HTTP, and the executions they start run
 * through WorkflowExecute. Also runs the demo's example as the provider contract describes it.
 */
import { request } from 'node:http';

import { registerTestOnlyPackage, TestN8n, type ActiveWorkflow, type WorkflowJson } from '../runner';
import { isWebhookCheck, sandboxExamples, sandboxProviders } from '../simulators/provider-contract';
import { DEMO_PACKAGE, sandbox as demo } from '../webhook-demo/sandbox';
import { DemoWebhookSimulator } from '../webhook-demo/simulator';

registerTestOnlyPackage(DEMO_PACKAGE);

const example = sandboxExamples(sandboxProviders({ testOnly: true })).find((entry) => entry.provider.name === demo.name)!;
const TRIGGER = 'Demo event received';
const STATIC_KEY = `node:${TRIGGER}`;

function workflow(events: string[] = ['alarm', 'status']): WorkflowJson {
	const json = structuredClone(example.json) as unknown as WorkflowJson;
	json.nodes.find((node) => node.name === TRIGGER)!.parameters.events = events;
	return json;
}

async function post(url: string, body: string): Promise<number> {
	return await new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', reject);
		req.end(body);
	});
}

let sim: DemoWebhookSimulator;
let n8n: TestN8n;
const active: ActiveWorkflow[] = [];

async function activate(json = workflow(), staticData = {}): Promise<ActiveWorkflow> {
	const workflowActive = await n8n.activate(json, staticData);
	active.push(workflowActive);
	return workflowActive;
}

beforeEach(async () => {
	sim = demo.create();
	await sim.start(0);
	n8n = new TestN8n();
	n8n.credentials.add(demo.credential.type, demo.credential.data(sim.baseUrl), demo.credential.name, demo.credential.id);
});
afterEach(async () => {
	active.length = 0;
	await n8n.stop();
	await sim.stop();
});

describe('the demo webhook trigger, active in the in-process n8n', () => {
	it('is found only when test-only providers are asked for', () => {
		expect(sandboxProviders().map((provider) => provider.name)).not.toContain(demo.name);
		expect(sandboxExamples().map((entry) => entry.key)).not.toContain(example.key);
		expect(example.trigger).toBe(TRIGGER);
		expect(isWebhookCheck(example.check)).toBe(true);
	});

	it('activation registers exactly one subscription for the webhook URL and keeps its id and secret', async () => {
		const workflowActive = await activate();
		const subscriptions = sim.webhooks.list();
		expect(subscriptions).toHaveLength(1);
		expect(workflowActive.webhookUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/5b0c8a34-2f7e-4d8e-9a51-6f0f1f3b7c21\/webhook$/);
		expect(subscriptions[0]).toMatchObject({ url: workflowActive.webhookUrl(), events: ['alarm', 'status'] });
		expect(workflowActive.staticData[STATIC_KEY]).toEqual({ subscriptionId: subscriptions[0].id, secret: subscriptions[0].secret });
		expect(sim.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /subscriptions']);
	});

	it('a signed callback starts exactly one execution carrying the event', async () => {
		const workflowActive = await activate();
		const event = sim.event('alarm', 'truck-7', { alarm: 'sos' });
		const [delivery] = await sim.emit(event);
		expect([delivery.status, JSON.parse(delivery.responseBody)]).toEqual([200, { received: true }]);
		const executions = await workflowActive.executions();
		expect(executions).toHaveLength(1);
		expect(executions[0].result.error).toBeUndefined();
		expect(executions[0].result.run.mode).toBe('webhook');
		expect(executions[0].items.map((item) => item.json)).toEqual([event]);
		expect(executions[0].result.output('Handle the event').map((item) => item.json)).toEqual([event]);
		expect(workflowActive.calls.map((call) => call.outcome)).toEqual(['execution started']);
	});

	it('forged and unsigned callbacks are answered 401 and start no execution', async () => {
		const workflowActive = await activate();
		const forged = await sim.emit(sim.event('alarm'), 'forged');
		const unsigned = await sim.emit(sim.event('status'), 'unsigned');
		expect([...forged, ...unsigned].map((delivery) => delivery.status)).toEqual([401, 401]);
		expect(JSON.parse(forged[0].responseBody)).toEqual({ message: 'Invalid or missing signature' });
		expect(await workflowActive.executions()).toEqual([]);
		expect(workflowActive.calls.map((call) => [call.outcome, call.status])).toEqual([
			['answered by the node', 401],
			['answered by the node', 401],
		]);
	});

	it('a repeated delivery (the same signed bytes) is answered 200 and starts nothing; the same event re-signed in other bytes does', async () => {
		const workflowActive = await activate();
		const event = sim.event('alarm', 'truck-9');
		const [first] = await sim.emit(event);
		const repeated = await sim.webhooks.redeliver(first.seq);
		expect([first.status, repeated.status, JSON.parse(repeated.responseBody)]).toEqual([200, 200, { received: true, repeated: true }]);
		const [compact] = await sim.webhooks.send(JSON.stringify(event), { key: event.id });
		expect(compact.status).toBe(200);
		expect((await workflowActive.executions()).map((execution) => execution.items[0].json.id)).toEqual([event.id, event.id]);
		expect(workflowActive.calls.map((call) => call.outcome)).toEqual(['execution started', 'answered by the node', 'execution started']);
		expect((workflowActive.staticData[STATIC_KEY] as { recentDeliveries: string[] }).recentDeliveries).toHaveLength(2);
	});

	it('a signature of other bytes than the body sent is refused (the raw body is what is verified)', async () => {
		const workflowActive = await activate();
		const [subscription] = sim.webhooks.list();
		const event = sim.event('alarm');
		const sent = JSON.stringify(event, null, 2);
		const signedCompact = sim.webhooks.sign(subscription.secret, JSON.stringify(event));
		const tampered = await sim.webhooks.deliver(subscription.id, sent, { kind: 'unsigned', headers: { 'x-demo-signature': signedCompact } });
		const genuine = await sim.webhooks.deliver(subscription.id, sent, { headers: {} });
		expect([tampered.status, genuine.status]).toEqual([401, 200]);
		expect((await workflowActive.executions()).map((execution) => execution.items[0].json.id)).toEqual([event.id]);
	});

	it('concurrent signed callbacks each start their own execution', async () => {
		const workflowActive = await activate();
		const events = Array.from({ length: 20 }, (_, index) => sim.event(index % 2 ? 'alarm' : 'status', `device-${index}`));
		const deliveries = (await Promise.all(events.map(async (event) => await sim.emit(event)))).flat();
		expect(deliveries.map((delivery) => delivery.status)).toEqual(events.map(() => 200));
		const executions = await workflowActive.executions();
		expect(executions.map((execution) => execution.items.map((item) => item.json.id)).flat().sort()).toEqual(events.map((event) => event.id).sort());
		expect(executions.every((execution) => execution.result.error === undefined)).toBe(true);
	});

	it('deactivation deletes the subscription and the URL stops answering', async () => {
		const workflowActive = await activate();
		const url = workflowActive.webhookUrl();
		const [subscription] = sim.webhooks.list();
		await workflowActive.deactivate();
		expect(sim.webhooks.list()).toEqual([]);
		expect(sim.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /subscriptions', `DELETE /subscriptions/${subscription.id}`]);
		expect(workflowActive.staticData[STATIC_KEY]).toEqual({});
		expect(await post(url, '{}')).toBe(404);
	});

	it('re-activation with the stored static data keeps a live subscription, and replaces a lost one', async () => {
		const first = await activate();
		const stored = first.staticData;
		await n8n.stop();
		active.length = 0;
		// As after a restart: the same static data, the subscription still there.
		await activate(workflow(), stored);
		expect(sim.webhooks.list()).toHaveLength(1);
		expect(sim.requests().map((entry) => entry.method)).toEqual(['POST', 'GET']);
		await n8n.stop();
		// The provider lost it meanwhile: checkExists sees 404, create registers anew.
		sim.webhooks.clear();
		const third = await activate(workflow(), stored);
		expect(sim.webhooks.list()).toHaveLength(1);
		expect((third.staticData[STATIC_KEY] as { subscriptionId: string }).subscriptionId).toBe(sim.webhooks.list()[0].id);
	});

	it('the subscription takes only the event types chosen in the node', async () => {
		const workflowActive = await activate(workflow(['alarm']));
		expect(await sim.emit(sim.event('status'))).toEqual([]);
		const alarm = sim.event('alarm');
		expect((await sim.emit(alarm)).map((delivery) => delivery.status)).toEqual([200]);
		expect((await workflowActive.executions()).map((execution) => execution.items[0].json.id)).toEqual([alarm.id]);
	});

	it('an unknown webhook path gets n8n\'s 404', async () => {
		const workflowActive = await activate();
		expect(await post(workflowActive.webhookUrl().replace(/\/webhook$/, '/other'), '{}')).toBe(404);
	});
});

describe('the demo example, checked as the provider contract describes it', () => {
	it('fires once per signed event, refuses forged and unsigned callbacks, and unregisters on deactivation', async () => {
		const check = example.check;
		if (!isWebhookCheck(check)) throw new Error('the demo example should be a webhook trigger');
		const workflowActive = await activate(example.json as unknown as WorkflowJson);
		expect(check.registered(sim)).toEqual([workflowActive.webhookUrl()]);

		const keys = await check.fire(sim);
		const invalid = await check.sendInvalid(sim);
		const repeated = await check.sendRepeated(sim);
		expect(repeated.map((entry) => [entry.kind, entry.status])).toEqual([['repeated', 200]]);
		const executions = await workflowActive.executions();
		const counts: Record<string, number> = {};
		for (const execution of executions) {
			for (const item of execution.items) counts[check.eventKey(item.json)] = (counts[check.eventKey(item.json)] ?? 0) + 1;
			const output = (node: string) => execution.result.output(node).map((item) => item.json);
			expect(check.check?.(output, sim) ?? []).toEqual([]);
		}
		expect(counts).toEqual(Object.fromEntries(keys.map((key) => [key, 1])));
		expect(invalid.map((entry) => [entry.kind, entry.status])).toEqual([
			['forged', 401],
			['unsigned', 401],
		]);
		expect(check.callbacks(sim).filter((entry) => entry.kind === 'signed').map((entry) => entry.status)).toEqual(keys.map(() => 200));

		await workflowActive.deactivate();
		expect(check.registered(sim)).toEqual([]);
	});
});
