import { TestN8n, type WorkflowJson } from '../runner';
import type { Simulator } from '../simulators/framework';
import { isWebhookCheck, sandboxExamples, sandboxProviders, type SandboxProvider } from '../simulators/provider-contract';

const examples = sandboxExamples();

/**
 * Every workflow in examples/ runs unchanged through the in-process n8n engine against its provider's
 * simulator and is judged by the same checks the end-to-end suite applies in a real n8n
 * (test/simulators/<provider>/sandbox.ts).
 */
describe.each(sandboxProviders().map((provider) => [provider.name, provider] as const))(
	'examples/ of %s',
	(_name, provider: SandboxProvider) => {
		const mine = examples.filter((example) => example.provider === provider);
		let sim: Simulator;
		let n8n: TestN8n;

		beforeEach(async () => {
			sim = provider.create();
			await sim.start(0);
			n8n = new TestN8n();
			n8n.credentials.add(
				provider.credential.type,
				provider.credential.data(sim.baseUrl),
				provider.credential.name,
				provider.credential.id,
			);
		});
		afterEach(async () => {
			await n8n.stop();
			await sim.stop();
		});

		it('has a check for each of its examples and an example for each check', () => {
			expect(mine.map((example) => example.key).sort()).toEqual(Object.keys(provider.examples).sort());
		});

		it.each(mine.map((example) => [example.key, example] as const))('%s does what its check expects', async (_key, example) => {
			const json = example.json as unknown as WorkflowJson;
			const expectation = example.check;
			if (expectation.kind === 'manual') {
				// Each run a new execution, with the static data the previous one left (as n8n stores it).
				let staticData = json.staticData ?? {};
				for (let run = 0; run < (expectation.runs ?? 1); run++) {
					await expectation.prepare?.(sim, run);
					const result = await n8n.run({ ...json, staticData });
					expect(result.error).toBeUndefined();
					const output = (node: string) => result.output(node).map((item) => item.json);
					expect(expectation.check(output, sim, run)).toEqual([]);
					staticData = result.staticData;
				}
				return;
			}

			if (isWebhookCheck(expectation)) {
				// Active, as in a real n8n: the trigger registers itself (or, without a registration API, is
				// handed its URL as a user would paste it); each signed callback starts one execution,
				// forged and unsigned ones are answered 401, repeated ones 200, and neither starts any.
				const active = await n8n.activate(json);
				await expectation.connect?.(sim, [active.webhookUrl()]);
				expect(expectation.registered(sim)).toEqual([active.webhookUrl()]);
				const keys = await expectation.fire(sim);
				const refused = await expectation.sendInvalid(sim);
				const repeated = await expectation.sendRepeated(sim);
				expect(refused.map((callback) => callback.status)).toEqual(refused.map(() => 401));
				expect(repeated.map((callback) => callback.status)).toEqual(repeated.map(() => 200));
				const executions = await active.executions();
				const counts: Record<string, number> = {};
				for (const execution of executions) {
					expect(execution.result.error).toBeUndefined();
					for (const item of execution.items) {
						const key = expectation.eventKey(item.json);
						counts[key] = (counts[key] ?? 0) + 1;
					}
					const output = (node: string) => execution.result.output(node).map((item) => item.json);
					expect(expectation.check?.(output, sim) ?? []).toEqual([]);
				}
				expect(counts).toEqual(Object.fromEntries(keys.map((key) => [key, 1])));
				await active.deactivate();
				if (!expectation.connect) expect(expectation.registered(sim)).toEqual([]);
				return;
			}

			const poller = n8n.poller(json, example.trigger!);
			expect(await poller.poll()).toBeNull();
			const keys = await expectation.fire(sim);
			const items = (await poller.poll()) ?? [];
			expect(items.map((item) => expectation.eventKey(item.json)).sort()).toEqual([...keys].sort());
			expect(await poller.poll()).toBeNull();

			const result = await n8n.run(json, 'trigger', { node: example.trigger!, items });
			expect(result.error).toBeUndefined();
			const output = (node: string) => result.output(node).map((item) => item.json);
			expect(expectation.check?.(output, sim) ?? []).toEqual([]);
		});
	},
);
