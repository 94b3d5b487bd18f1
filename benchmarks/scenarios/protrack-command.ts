/**
 * Scenario 7: ProTrack Command › Send and Await Answer, the device answering after 1 s, 3 s and 10 s.
 * The Open API says to query the answer about once a second: the minimum is the send plus one query per
 * second until the answer (1 + ⌈answer time / 1 s⌉), and one login. The figure that matters is how long
 * after the device answered the workflow had the answer (goal: within one poll interval, 1 s).
 */
import type { IDataObject } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../../test/runner';
import type { SentCommand } from '../../test/simulators/protrack';
import { sandbox as protrack } from '../../test/simulators/protrack/sandbox';
import { baselineWorkflow } from '../lib/baseline';
import type { Outcome } from '../lib/measure';
import type { ScenarioResult } from '../lib/report';
import { expectCount, itemsOutcome, measureFlows, outputOf, withCredential, type Bench, type Scenario } from '../lib/scenario';
import type { RemoteSimulator } from '../lib/simulators';

const ANSWER_AFTER_MS = [1000, 3000, 10_000];
const POLL_INTERVAL_MS = 1000;
const LOGIN_PATHS = ['/api/authorization'];

/** Adds to the outcome how long after the device's answer (simulator time of the send + its delay) the run ended. */
async function withLatencyAfterAnswer(sim: RemoteSimulator, imei: string, run: () => Promise<Outcome & { answer: IDataObject }>) {
	const outcome = await run();
	const ended = Date.now();
	if (outcome.answer.answered !== true) throw new Error(`The device did not answer: ${JSON.stringify(outcome.answer)}`);
	const sent = (await sim.call<SentCommand[]>('commands')).filter((command) => command.imei === imei).pop();
	if (sent === undefined || !('replyAfterMs' in sent.behaviour)) throw new Error('The simulator has no answered command');
	return { ...outcome, extra: { afterAnswerMs: ended - (sent.sentAt + sent.behaviour.replyAfterMs) } };
}

async function packageFlow(bench: Bench, sim: RemoteSimulator, imei: string) {
	const { n8n, credentials } = withCredential(bench, protrack, sim.baseUrl);
	const parameters = {
		resource: 'command',
		operation: 'sendAndAwaitAnswer',
		imei: { __rl: true, mode: 'id', value: imei },
		command: 'lockDoor',
	};
	const result = await n8n.run(itemsInto([{}], node('ProTrack', packageNodeType('proTrack'), parameters, credentials)));
	const items = outputOf(result, 'ProTrack');
	expectCount('ProTrack items', items.length, 1);
	return { ...itemsOutcome(items, 1), answer: items[0].json };
}

async function baselineFlow(bench: Bench, sim: RemoteSimulator, imei: string) {
	const settings = protrack.credential.data(sim.baseUrl);
	const workflow = baselineWorkflow('protrack-command', {
		BASE_URL: sim.baseUrl,
		ACCOUNT: String(settings.account),
		PASSWORD: String(settings.password),
		IMEI: imei,
	});
	const items = outputOf(await bench.engine.n8n().run(workflow), 'Answer');
	expectCount('baseline items', items.length, 1);
	return { ...itemsOutcome(items, 1), answer: items[0].json };
}

export const protrackCommand: Scenario = {
	id: 'protrack-command',
	title: '7. ProTrack command send-and-wait',
	async run(bench, latencies) {
		const sim = await bench.host.start('protrack-command', 'protrack', { deviceCount: 20 });
		const [imei] = await sim.call<string[]>('onlineImeis');
		const context = { sim, loginPaths: LOGIN_PATHS, runnerPid: bench.engine.runnerPid() };
		const results: ScenarioResult[] = [];
		for (const [index, answerAfterMs] of ANSWER_AFTER_MS.entries()) {
			await sim.call('setCommandBehaviour', imei, { replyAfterMs: answerAfterMs });
			const minimum = 1 + Math.ceil(answerAfterMs / POLL_INTERVAL_MS);
			const rows = [];
			for (const latencyMs of latencies) {
				await sim.setLatency(latencyMs);
				rows.push(
					...(await measureFlows(
						context,
						latencyMs,
						[
							{
								flow: 'package',
								minimumRequests: minimum,
								times: 1,
								run: async () => await withLatencyAfterAnswer(sim, imei, async () => await packageFlow(bench, sim, imei)),
							},
							{
								flow: 'baseline',
								minimumRequests: minimum,
								times: 1,
								run: async () => await withLatencyAfterAnswer(sim, imei, async () => await baselineFlow(bench, sim, imei)),
							},
						],
						{ warmUp: false },
					)),
				);
			}
			const after = rows.map((row) => `${row.flow} at ${row.latencyMs} ms: ${row.figures.extra?.afterAnswerMs} ms`).join(', ');
			results.push({
				id: `${this.id}-${answerAfterMs / 1000}s`,
				title: `7${'abc'[index]}. ProTrack command send-and-wait: the device answers after ${answerAfterMs / 1000} s`,
				about: [
					'package: one item → ProTrack › Command › Send and Await Answer (Lock Door, poll interval 1 s, at most 30 tries).',
					'baseline (`baseline/protrack-command.json`): Code signs in → HTTP Request token → HTTP Request /api/command/send → Wait 1 s → HTTP Request /api/command/query → If answered (or 30 tries) → Code; else back to the Wait.',
					`Per item: per command. Minimum: the send and ${minimum - 1} queries (one per second until the answer), 1 login.`,
				],
				rows,
				notes: [`Time from the device's answer to the end of the run: ${after}.`],
			});
		}
		await sim.stop();
		return results;
	},
};
