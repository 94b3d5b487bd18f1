import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { PROTRACK_DEMO } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const PROTRACK = packageNodeType('proTrack');

describe('ProTrack › Message › Send, through the n8n engine', () => {
	const fx = useProvider(protrack);

	const sendMessage = (parameters: INodeParameters, extra = {}) =>
		node('ProTrack', PROTRACK, { resource: 'message', operation: 'send', ...parameters }, fx.credentials, extra);

	const run = async (accounts: unknown, content: string, extra = {}) =>
		await fx.n8n.run(itemsInto([{ accounts }], sendMessage({ accounts: '={{ $json.accounts }}', content }, extra)));

	const names = (count: number, prefix = 'driver') =>
		Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);

	it('sends to 450 accounts in exactly 3 requests of 200, 200 and 50 accounts', async () => {
		const before = fx.sim.messages.length;
		const accounts = names(450);
		const result = await run(accounts.join(','), 'Depot closes at 18:00');
		expect(result.error).toBeUndefined();

		const calls = fx.sim.requests('/api/message/send');
		expect(calls).toHaveLength(3);
		expect(calls.every((call) => call.method === 'POST')).toBe(true);
		const sent = fx.sim.messages.slice(before);
		expect(sent.map((message) => message.accounts)).toEqual([
			accounts.slice(0, 200),
			accounts.slice(200, 400),
			accounts.slice(400),
		]);
		expect(sent.every((message) => message.content === 'Depot closes at 18:00')).toBe(true);
		expect(sent.every((message) => message.from === PROTRACK_DEMO.account)).toBe(true);
		expect(result.output('ProTrack').map((item) => [item.json, item.pairedItem])).toEqual([
			[{ accounts: 450, requests: 3, contentLength: 21, sent: true }, { item: 0 }],
		]);
	});

	it('takes a list from an expression, skips blank entries and sends a repeated account once', async () => {
		const before = fx.sim.messages.length;
		const result = await run(['alice', ' bob ', '', 'alice', 'carol,dave'], 'Hello');
		expect(result.error).toBeUndefined();
		expect(fx.sim.messages.slice(before).map((message) => message.accounts)).toEqual([['alice', 'bob', 'carol', 'dave']]);
		expect(fx.sim.requests('/api/message/send')[0].params.accounts).toBe('alice,bob,carol,dave');
		expect(result.output('ProTrack')[0].json).toEqual({ accounts: 4, requests: 1, contentLength: 5, sent: true });
	});

	it('sends one message per input item, one account each', async () => {
		const before = fx.sim.messages.length;
		const result = await fx.n8n.run(
			itemsInto(
				[{ account: 'alice' }, { account: 'bob' }],
				sendMessage({ accounts: '={{ $json.account }}', content: '=Hi {{ $json.account }}' }),
			),
		);
		expect(result.error).toBeUndefined();
		expect(fx.sim.messages.slice(before).map((message) => [message.accounts, message.content])).toEqual([
			[['alice'], 'Hi alice'],
			[['bob'], 'Hi bob'],
		]);
		expect(result.output('ProTrack').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('sends content of exactly 300 characters', async () => {
		const before = fx.sim.messages.length;
		const content = 'x'.repeat(300);
		const result = await run('alice', content);
		expect(result.error).toBeUndefined();
		expect(fx.sim.messages.slice(before).map((message) => message.content)).toEqual([content]);
		expect(result.output('ProTrack')[0].json.contentLength).toBe(300);
	});

	it('counts characters, not UTF-16 units: 300 emoji are sent', async () => {
		const before = fx.sim.messages.length;
		const content = '🚚'.repeat(300);
		const result = await run('alice', content);
		expect(result.error).toBeUndefined();
		expect(fx.sim.messages.slice(before).map((message) => message.content)).toEqual([content]);
	});

	it('does NOT send again after HTTP 503 (exactly one request)', async () => {
		fx.sim.inject({ path: '/api/message/send', fault: { kind: 'status', status: 503 } });
		const result = await run('alice,bob', 'Hello');
		expect(result.error?.message).toMatch(/503/);
		expect(fx.sim.requests('/api/message/send')).toHaveLength(1);
	});

	it('retries after a 10009 refusal and delivers once', async () => {
		const before = fx.sim.messages.length;
		fx.sim.inject({ path: '/api/message/send', fault: { kind: 'body', body: { code: 10009, message: '' } } });
		const result = await run('alice,bob', 'Hello');
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/api/message/send')).toHaveLength(2);
		expect(fx.sim.messages.length - before).toBe(1);
	});

	it('when the 2nd of 3 requests fails, stops and says how many accounts already have the message', async () => {
		const before = fx.sim.messages.length;
		// The first request answers normally; the second gets a server error.
		fx.sim.inject({ path: '/api/message/send', fault: { kind: 'latency', ms: 0 } });
		fx.sim.inject({ path: '/api/message/send', fault: { kind: 'status', status: 503 } });
		const result = await run(names(450).join(','), 'Hello');
		expect(result.error?.message).toMatch(/first 200 of 450 accounts \(1 of 3 requests\).*503/);
		expect(fx.sim.requests('/api/message/send')).toHaveLength(2);
		expect(fx.sim.messages.length - before).toBe(1);
	});

	describe('bad input is rejected before any request', () => {
		it.each([
			['301 characters', 'alice', 'x'.repeat(301), /Content.*at most 300 characters, got 301/],
			['empty content from an expression', 'alice', '={{ "" }}', /Content/],
			['no account at all', ' , ,', 'Hello', /Accounts.*at least one account/],
			['an object instead of account names', { name: 'alice' }, 'Hello', /Accounts/],
		])('%s', async (_label, accounts, content, message) => {
			const before = fx.sim.messages.length;
			const result = await run(accounts, content);
			expect(result.error?.message).toMatch(message);
			expect(fx.sim.log).toHaveLength(0);
			expect(fx.sim.messages.length).toBe(before);
		});

		it('a too-long message in the second item stops the node before the first is sent', async () => {
			const result = await fx.n8n.run(
				itemsInto(
					[{ text: 'short' }, { text: 'y'.repeat(301) }],
					sendMessage({ accounts: 'alice', content: '={{ $json.text }}' }),
				),
			);
			expect(result.error?.message).toMatch(/Content.*301/);
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			expect(fx.sim.log).toHaveLength(0);
		});
	});
});
