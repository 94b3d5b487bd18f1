/** /api/command/send and /api/command/query: delayed device answers and their effect. */
import { DataStatus } from '../index';
import { call, harness, withLiveSimulator, type Answer, type Params } from './harness';

type Sent = Answer<{ commandid: string }>;
type Reply = Answer<{ response: string; commandstatus: number }>;

describe('ProTrack commands', () => {
	const env = harness();
	const onlineImei = (offset = 0): string => env.simulator.onlineImeis()[offset];
	const send = async (params: Params, encoding?: 'form'): Promise<Sent> =>
		call(env.base, '/api/command/send', { access_token: env.token, ...params }, 'POST', encoding);
	const query = async (commandid = ''): Promise<Reply> =>
		call(env.base, '/api/command/query', { access_token: env.token, commandid }, 'POST');

	it('answers a command after the configured delay and applies it to the device', async () => {
		const imei = onlineImei();
		const sent = await send({ imei, command: 'RELAY,1' });
		expect(sent.code).toBe(0);
		const commandid = sent.record?.commandid ?? '';
		expect(commandid).toMatch(/^[0-9A-F]+$/);
		expect((await query(commandid)).record).toEqual({ response: '', commandstatus: 0 });
		env.clock += 1999;
		expect((await query(commandid)).record?.commandstatus).toBe(0);
		env.clock += 1;
		const answered = await query(commandid);
		expect(answered.record?.commandstatus).toBe(1);
		expect(answered.record?.response).toContain('Cut off the fuel supply');
		expect(env.simulator.device(imei)?.oilpowerstatus).toBe(0);
		expect(env.simulator.commands.map((command) => command.command)).toContain('RELAY,1');
	});

	it('honours setCommandBehaviour(): a custom reply, or never', async () => {
		const imei = onlineImei(1);
		env.simulator.setCommandBehaviour(imei, { replyAfterMs: 5000, response: 'Door locked' });
		const sent = await send({ imei, command: 'LOCKDOOR' }, 'form');
		env.clock += 5000;
		const answered = await query(sent.record?.commandid);
		expect(answered.record).toEqual({ response: 'Door locked', commandstatus: 1 });

		env.simulator.setCommandBehaviour(imei, { never: true });
		const silent = await send({ imei, command: 'RESET' });
		env.clock += 60_000;
		const unanswered = await query(silent.record?.commandid);
		expect(unanswered.record).toEqual({ response: '', commandstatus: 0 });
	});

	it('validates commands: 20048 unknown, 10005 SET_MILEAGE without paramData, 20017 offline, 20005 unknown id', async () => {
		const imei = onlineImei(2);
		expect((await send({ imei, command: 'SELF_DESTRUCT' })).code).toBe(20048);
		expect((await send({ imei, command: 'SET_MILEAGE' })).code).toBe(10005);
		expect((await send({ imei, command: 'SET_MILEAGE', paramData: 'thirty' })).code).toBe(10004);
		const mileage = await send({ imei, command: 'SET_MILEAGE', paramData: '{"mileage":"30"}' });
		expect(mileage.code).toBe(0);
		env.clock += 2000;
		const reply = await query(mileage.record?.commandid);
		expect(reply.record?.response).toContain('30km');
		expect(env.simulator.device(imei)?.mileage).toBe(30000);
		const offline = env.imeiWithStatus(DataStatus.offline);
		expect((await send({ imei: offline, command: 'RESET' })).code).toBe(20017);
		expect((await query('NOPE')).code).toBe(20005);
	});

	it('answers in real time when the clock is the wall clock', async () => {
		await withLiveSimulator({}, async (live, base, access_token) => {
			const imei = live.imeis()[0];
			live.setCommandBehaviour(imei, { replyAfterMs: 150, response: 'Reset OK' });
			const sent = await call<{ commandid: string }>(
				base,
				'/api/command/send',
				{ access_token, imei, command: 'RESET' },
				'POST',
			);
			const commandid = sent.record?.commandid ?? '';
			expect(
				(await call(base, '/api/command/query', { access_token, commandid }, 'POST')).record,
			).toEqual({ response: '', commandstatus: 0 });
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(
				(await call(base, '/api/command/query', { access_token, commandid }, 'POST')).record,
			).toEqual({ response: 'Reset OK', commandstatus: 1 });
		});
	});
});
