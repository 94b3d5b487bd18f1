import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { chain, itemsInto, node, packageNodeType } from '../runner';
import { DataStatus } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const PROTRACK = packageNodeType('proTrack');

describe('ProTrack › Command, through the n8n engine', () => {
	const fx = useProvider(protrack);
	let online: string[];

	beforeAll(() => {
		online = fx.sim.imeis().slice(0, 4);
		for (const imei of online) fx.sim.setDeviceState(imei, { datastatus: DataStatus.ok });
	});

	const device = (imei: string) => ({ __rl: true, mode: 'id', value: imei });

	const commandNode = (name: string, operation: string, parameters: INodeParameters, extra = {}) =>
		node(name, PROTRACK, { resource: 'command', operation, ...parameters }, fx.credentials, extra);

	const send = (parameters: INodeParameters, extra = {}) =>
		commandNode('ProTrack', 'send', parameters, extra);

	const sendAndAwait = (parameters: INodeParameters, extra = {}) =>
		commandNode('ProTrack', 'sendAndAwaitAnswer', parameters, extra);

	/** Commands the simulator received during the test (its list survives clearLog). */
	const commandsSince = (count: number) => fx.sim.commands.slice(count);

	describe('Send', () => {
		it.each([
			['stopEngine', 'RELAY,1'],
			['restoreEngine', 'RELAY,0'],
			['resetDevice', 'RESET'],
			['lockDoor', 'LOCKDOOR'],
			['unlockDoor', 'UNLOCKDOOR'],
		])('sends %s as the documented command %s and returns its command ID', async (choice, apiCommand) => {
			const before = fx.sim.commands.length;
			const result = await fx.n8n.run(itemsInto([{}], send({ imei: device(online[0]), command: choice })));
			expect(result.error).toBeUndefined();

			const sent = commandsSince(before);
			expect(sent).toHaveLength(1);
			expect(sent[0]).toEqual(expect.objectContaining({ imei: online[0], command: apiCommand, paramData: undefined }));
			const calls = fx.sim.requests('/api/command/send');
			expect(calls).toHaveLength(1);
			expect(calls[0].method).toBe('POST');
			expect(calls[0].params).toEqual(expect.objectContaining({ imei: online[0], command: apiCommand }));
			expect(calls[0].params.paramData).toBeUndefined();
			expect(result.output('ProTrack').map((item) => item.json)).toEqual([
				{ imei: online[0], command: apiCommand, commandId: sent[0].commandid },
			]);
		});

		it('sends Set Mileage with paramData {"mileage":"<value>"}', async () => {
			const before = fx.sim.commands.length;
			const result = await fx.n8n.run(
				itemsInto([{}], send({ imei: device(online[1]), command: 'setMileage', mileage: 30 })),
			);
			expect(result.error).toBeUndefined();
			const sent = commandsSince(before);
			expect(sent.map((command) => [command.command, command.paramData])).toEqual([
				['SET_MILEAGE', '{"mileage":"30"}'],
			]);
			expect(JSON.parse(fx.sim.requests('/api/command/send')[0].params.paramData)).toEqual({ mileage: '30' });
			expect(result.output('ProTrack')[0].json).toEqual({
				imei: online[1],
				command: 'SET_MILEAGE',
				commandId: sent[0].commandid,
				mileage: 30,
			});
		});

		it('sends one command per input item, each output paired to its item', async () => {
			const before = fx.sim.commands.length;
			const result = await fx.n8n.run(
				itemsInto(
					online.slice(0, 3).map((imei) => ({ imei })),
					send({ imei: { __rl: true, mode: 'id', value: '={{ $json.imei }}' }, command: 'lockDoor' }),
				),
			);
			expect(result.error).toBeUndefined();
			expect(commandsSince(before).map((command) => command.imei)).toEqual(online.slice(0, 3));
			const output = result.output('ProTrack');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(output.map((item) => item.json.commandId)).toEqual(
				commandsSince(before).map((command) => command.commandid),
			);
		});

		it('does NOT send a command again after HTTP 503: exactly one request, and the error says why', async () => {
			fx.sim.inject({ path: '/api/command/send', fault: { kind: 'status', status: 503 } });
			const result = await fx.n8n.run(itemsInto([{}], send({ imei: device(online[0]), command: 'stopEngine' })));
			expect(result.error?.message).toMatch(/503/);
			expect((result.error as unknown as IDataObject).description).toMatch(/not sent again automatically/);
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
		});

		it('does NOT send a command again after a dropped connection', async () => {
			const before = fx.sim.commands.length;
			fx.sim.inject({ path: '/api/command/send', fault: { kind: 'reset' } });
			const result = await fx.n8n.run(itemsInto([{}], send({ imei: device(online[0]), command: 'stopEngine' })));
			expect(result.error).toBeDefined();
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
			expect(commandsSince(before)).toHaveLength(0);
		});

		it('retries after a 10009 refusal (nothing was sent) and sends the command exactly once', async () => {
			const before = fx.sim.commands.length;
			fx.sim.inject({ path: '/api/command/send', fault: { kind: 'body', body: { code: 10009, message: 'too frequent' } } });
			const result = await fx.n8n.run(itemsInto([{}], send({ imei: device(online[0]), command: 'stopEngine' })));
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/command/send')).toHaveLength(2);
			expect(commandsSince(before)).toHaveLength(1);
		});

		it('reports an offline device with the documented code 20017 and sends nothing else', async () => {
			const offline = fx.sim.imeis()[10];
			fx.sim.setDeviceState(offline, { datastatus: DataStatus.offline });
			const result = await fx.n8n.run(itemsInto([{}], send({ imei: device(offline), command: 'stopEngine' })));
			expect(result.error?.message).toBe('ProTrack error 20017: Device is offline');
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
		});

		describe('bad input is rejected before any request', () => {
			it.each([
				['a negative mileage', { command: 'setMileage', mileage: -1 }, /Mileage.*-1/],
				['a mileage that is not a number', { command: 'setMileage', mileage: '={{ "thirty" }}' }, /Mileage.*thirty/],
				['an unknown command from an expression', { command: '={{ "SELF_DESTRUCT" }}' }, /Command.*SELF_DESTRUCT/],
				['a raw API command from an expression', { command: '={{ "RELAY,1" }}' }, /Command.*RELAY,1/],
			])('%s', async (_label, parameters, message) => {
				const result = await fx.n8n.run(itemsInto([{}], send({ imei: device(online[0]), ...parameters })));
				expect(result.error?.message).toMatch(message);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('an IMEI with letters', async () => {
				const result = await fx.n8n.run(itemsInto([{}], send({ imei: device('={{ "35889905102533A" }}'), command: 'lockDoor' })));
				expect(result.error?.message).toMatch(/Device.*35889905102533A/);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('an invalid third item stops the node before the first item is sent', async () => {
				const result = await fx.n8n.run(
					itemsInto(
						[{ command: 'lockDoor' }, { command: 'lockDoor' }, { command: 'explode' }],
						send({ imei: device(online[0]), command: '={{ $json.command }}' }),
					),
				);
				expect(result.error?.message).toMatch(/Command.*explode/);
				expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(2);
				expect(fx.sim.log).toHaveLength(0);
			});

			it('Set Mileage of 0 is accepted (a valid reset of the odometer)', async () => {
				const result = await fx.n8n.run(
					itemsInto([{}], send({ imei: device(online[0]), command: 'setMileage', mileage: 0 })),
				);
				expect(result.error).toBeUndefined();
				expect(fx.sim.requests('/api/command/send')[0].params.paramData).toBe('{"mileage":"0"}');
			});
		});
	});

	describe('Get Response', () => {
		const sendThenAsk = (imei: string) =>
			chain(
				node('Start', 'n8n-nodes-base.manualTrigger'),
				node('Items', 'test.items', { items: JSON.stringify([{}]) }),
				commandNode('Send', 'send', { imei: device(imei), command: 'unlockDoor' }),
				commandNode('Get Response', 'getResponse', { commandId: '={{ $json.commandId }}' }),
			);

		it('reports an answered command with the device response', async () => {
			fx.sim.setCommandBehaviour(online[2], { replyAfterMs: 0, response: 'Door unlocked' });
			const result = await fx.n8n.run(sendThenAsk(online[2]));
			expect(result.error).toBeUndefined();
			const commandId = result.output('Send')[0].json.commandId;
			expect(result.output('Get Response').map((item) => item.json)).toEqual([
				{ commandId, answered: true, commandstatus: 1, response: 'Door unlocked' },
			]);
			const query = fx.sim.requests('/api/command/query');
			expect(query).toHaveLength(1);
			expect(query[0].method).toBe('POST');
			expect(query[0].params.commandid).toBe(commandId);
		});

		it('reports a command the device has not answered yet', async () => {
			fx.sim.setCommandBehaviour(online[2], { never: true });
			const result = await fx.n8n.run(sendThenAsk(online[2]));
			expect(result.output('Get Response')[0].json).toEqual(
				expect.objectContaining({ answered: false, commandstatus: 0, response: '' }),
			);
		});

		it('retries the read-only query after HTTP 503', async () => {
			fx.sim.setCommandBehaviour(online[2], { replyAfterMs: 0 });
			fx.sim.inject({ path: '/api/command/query', fault: { kind: 'status', status: 503 } });
			const result = await fx.n8n.run(sendThenAsk(online[2]));
			expect(result.error).toBeUndefined();
			expect(result.output('Get Response')[0].json.answered).toBe(true);
			expect(fx.sim.requests('/api/command/query').map((call) => call.status)).toEqual([503, 200]);
		});

		it('turns an unknown command ID into the documented error 20005', async () => {
			const result = await fx.n8n.run(
				itemsInto([{}], commandNode('ProTrack', 'getResponse', { commandId: 'FFFFFF' })),
			);
			expect(result.error?.message).toBe("ProTrack error 20005: Target doesn't exist");
		});

		it('rejects an empty command ID before any request', async () => {
			const result = await fx.n8n.run(itemsInto([{}], commandNode('ProTrack', 'getResponse', { commandId: ' ' })));
			expect(result.error?.message).toMatch(/Command ID/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Send and Await Answer', () => {
		it("still runs in workflows saved with the operation's old value, sendAndWait", async () => {
			fx.sim.setCommandBehaviour(online[3], { replyAfterMs: 0 });
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					commandNode('ProTrack', 'sendAndWait', { imei: device(online[3]), command: 'lockDoor', pollInterval: 1, maxTries: 3 }),
				),
			);
			expect(result.error).toBeUndefined();
			expect(result.output('ProTrack')[0].json).toMatchObject({ imei: online[3], command: 'LOCKDOOR', answered: true });
		});

		it('returns the answer of a device that answers after 2.5 s, with the number of checks it took', async () => {
			const before = fx.sim.commands.length;
			fx.sim.setCommandBehaviour(online[3], { replyAfterMs: 2500 });
			const result = await fx.n8n.run(
				itemsInto([{}], sendAndAwait({ imei: device(online[3]), command: 'stopEngine', pollInterval: 1, maxTries: 30 })),
			);
			expect(result.error).toBeUndefined();
			const sent = commandsSince(before);
			expect(sent).toHaveLength(1);
			const queries = fx.sim.requests('/api/command/query');
			const json = result.output('ProTrack')[0].json;
			expect(json).toEqual({
				imei: online[3],
				command: 'RELAY,1',
				commandId: sent[0].commandid,
				answered: true,
				timedOut: false,
				response: 'Cut off the fuel supply: Success! Speed: 0km/h.',
				tries: queries.length,
				waitedMs: expect.any(Number),
			});
			expect(sent[0].response).toBe(json.response);
			// Checks at about 1 s, 2 s, 3 s after the send: the third one sees the answer.
			expect(queries.length).toBeGreaterThanOrEqual(3);
			expect(queries.length).toBeLessThanOrEqual(4);
			expect(queries.every((call) => call.params.commandid === sent[0].commandid)).toBe(true);
			expect(json.waitedMs).toBeGreaterThanOrEqual(2500);
		});

		it('MEASURE: device answering after 3 s, Poll Interval 1 s', async () => {
			fx.sim.setCommandBehaviour(online[3], { replyAfterMs: 3000, response: 'Engine stopped' });
			const started = Date.now();
			const result = await fx.n8n.run(
				itemsInto([{}], sendAndAwait({ imei: device(online[3]), command: 'stopEngine', pollInterval: 1, maxTries: 30 })),
			);
			const elapsedMs = Date.now() - started;
			expect(result.error).toBeUndefined();
			const sends = fx.sim.requests('/api/command/send').length;
			const queries = fx.sim.requests('/api/command/query').length;
			const json = result.output('ProTrack')[0].json;
			console.log(
				`MEASURE: Send and Wait, reply after 3000 ms, poll 1 s: elapsed ${elapsedMs} ms (waitedMs ${String(json.waitedMs)}), ` +
					`${sends} /api/command/send, ${queries} /api/command/query, tries ${String(json.tries)}`,
			);
			expect(json.response).toBe('Engine stopped');
			expect(sends).toBe(1);
			// The k-th check happens k s (plus request time) after the send; the answer exists from 3 s
			// on, so the 3rd check sees it, or the 4th if the 3rd arrived a hair early.
			expect(queries).toBeGreaterThanOrEqual(3);
			expect(queries).toBeLessThanOrEqual(4);
			expect(json.tries).toBe(queries);
			expect(elapsedMs).toBeGreaterThanOrEqual(3000);
			expect(elapsedMs).toBeLessThan(5500);
		});

		it('returns a timeout item after Max Tries checks when the device never answers', async () => {
			fx.sim.setCommandBehaviour(online[3], { never: true });
			const started = Date.now();
			const result = await fx.n8n.run(
				itemsInto([{}], sendAndAwait({ imei: device(online[3]), command: 'lockDoor', pollInterval: 1, maxTries: 3 })),
			);
			expect(result.error).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
			expect(result.output('ProTrack')[0].json).toEqual(
				expect.objectContaining({ imei: online[3], command: 'LOCKDOOR', answered: false, timedOut: true, tries: 3 }),
			);
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
			expect(fx.sim.requests('/api/command/query')).toHaveLength(3);
		});

		it('fails after Max Tries when On Timeout is Fail, naming the tries and the command ID', async () => {
			const before = fx.sim.commands.length;
			fx.sim.setCommandBehaviour(online[3], { never: true });
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					sendAndAwait({ imei: device(online[3]), command: 'lockDoor', pollInterval: 1, maxTries: 3, onTimeout: 'fail' }),
				),
			);
			const commandId = commandsSince(before)[0].commandid;
			expect(result.error?.message).toMatch(new RegExp(`no answer .*${commandId}.* after 3 tries`));
			expect(fx.sim.requests('/api/command/query')).toHaveLength(3);
		});

		it('gives a timeout item an error item under Continue On Fail', async () => {
			fx.sim.setCommandBehaviour(online[3], { never: true });
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					sendAndAwait(
						{ imei: device(online[3]), command: 'lockDoor', pollInterval: 1, maxTries: 1, onTimeout: 'fail' },
						{ onError: 'continueRegularOutput' },
					),
				),
			);
			expect(result.error).toBeUndefined();
			expect(result.output('ProTrack')[0].json.error).toMatch(/after 1 tries/);
		});

		it('reports an offline device with the documented code 20017 and never starts polling', async () => {
			const offline = fx.sim.imeis()[11];
			fx.sim.setDeviceState(offline, { datastatus: DataStatus.offline });
			const result = await fx.n8n.run(itemsInto([{}], sendAndAwait({ imei: device(offline), command: 'stopEngine' })));
			expect(result.error?.message).toMatch(/20017/);
			expect(result.error?.message).toMatch(/Device is offline/);
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
			expect(fx.sim.requests('/api/command/query')).toHaveLength(0);
		});

		it('names the command ID when checking for the answer fails after the command went out', async () => {
			const before = fx.sim.commands.length;
			fx.sim.setCommandBehaviour(online[3], { never: true });
			fx.sim.inject({ path: '/api/command/query', fault: { kind: 'body', body: { code: 10007, message: '' } } });
			const result = await fx.n8n.run(
				itemsInto([{}], sendAndAwait({ imei: device(online[3]), command: 'stopEngine', pollInterval: 1, maxTries: 3 })),
			);
			const commandId = commandsSince(before)[0].commandid;
			expect(result.error?.message).toContain(`command ID ${commandId}`);
			expect(result.error?.message).toMatch(/10007/);
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
		});

		describe('bad input is rejected before any request', () => {
			it.each([
				['an unknown command from an expression', { command: '={{ "SELF_DESTRUCT" }}' }, /Command.*SELF_DESTRUCT/],
				['Poll Interval 0', { pollInterval: 0 }, /Poll Interval.*0.*1 to 10/],
				['Poll Interval 11', { pollInterval: 11 }, /Poll Interval.*11.*1 to 10/],
				['Max Tries 0', { maxTries: 0 }, /Max Tries.*0.*1 to 30/],
				['Max Tries 31', { maxTries: 31 }, /Max Tries.*31.*1 to 30/],
				['Max Tries 2.5', { maxTries: 2.5 }, /Max Tries.*2\.5/],
				['an unknown On Timeout', { onTimeout: '={{ "retry" }}' }, /On Timeout.*retry/],
			])('%s', async (_label, parameters, message) => {
				const result = await fx.n8n.run(
					itemsInto([{}], sendAndAwait({ imei: device(online[3]), command: 'lockDoor', ...parameters })),
				);
				expect(result.error?.message).toMatch(message);
				expect(fx.sim.log).toHaveLength(0);
			});
		});
	});
});
