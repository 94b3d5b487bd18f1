/** /api/user/info, /api/user/list, block/unblock, /api/user/password/set and /api/message/send. */
import { createHash } from 'node:crypto';

import { PROTRACK_FLEET_EAST, PROTRACK_FLEET_WEST, protrackSignature } from '../index';
import { call, harness, type Params } from './harness';

/** Independent of the simulator's own md5 helper. */
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('ProTrack users and messages', () => {
	const env = harness();
	const post = async (path: string, params: Params, token = env.token): Promise<number> =>
		(await call(env.base, path, { access_token: token, ...params }, 'POST')).code;
	const userInfo = async (account: string, token = env.token) =>
		call(env.base, '/api/user/info', { access_token: token, account });
	const authorize = async (account: string, password: string): Promise<number> => {
		const time = env.nowSec();
		const signature = protrackSignature(password, time);
		return (await call(env.base, '/api/authorization', { time, account, signature })).code;
	};

	it('returns account information and the sub-customer list', async () => {
		const info = await userInfo('demo');
		expect(info.record).toEqual({
			createtime: expect.any(Number),
			mobile: '',
			telephone: '',
			roletype: 1,
			account: 'demo',
			email: 'openapidemo@example.com',
			blockstatus: 1,
			username: 'openapidemo',
		});
		const list = await call<Array<{ account: string }>>(env.base, '/api/user/list', {
			access_token: env.token,
		});
		expect(list.record?.map((entry) => entry.account)).toEqual([
			'demo',
			'fleet-east',
			'fleet-west',
		]);
		expect((await call(env.base, '/api/user/info', { access_token: env.token })).code).toBe(10005);
	});

	it('blocks and unblocks a sub-account', async () => {
		const eastToken = await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
		expect(await post('/api/user/block', { account: 'fleet-east' })).toBe(0);
		expect((await userInfo('fleet-east')).record).toMatchObject({ blockstatus: 0 });
		expect((await userInfo('fleet-east', eastToken)).code).toBe(10016);
		expect(await authorize('fleet-east', PROTRACK_FLEET_EAST.password)).toBe(10016);
		expect(await post('/api/user/block', { account: 'demo' })).toBe(10007);
		expect(await post('/api/user/unblock', { account: 'fleet-east' })).toBe(0);
		expect(env.simulator.account('fleet-east')?.blocked).toBe(false);
		await env.login(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password);
	});

	it('sets a sub-account password given as md5', async () => {
		const setPassword = async (password: string): Promise<number> =>
			post('/api/user/password/set', { account: 'fleet-west', password });
		expect(await setPassword('New@2025')).toBe(10004);
		expect(await setPassword(md5('New@2025'))).toBe(0);
		expect(await authorize('fleet-west', PROTRACK_FLEET_WEST.password)).toBe(20001);
		await env.login('fleet-west', 'New@2025');
	});

	it('limits messages to 200 accounts and 300 characters', async () => {
		const send = async (accounts: string, content: string): Promise<number> =>
			(
				await call(
					env.base,
					'/api/message/send',
					{ access_token: env.token, accounts, content },
					'POST',
					'form',
				)
			).code;
		const accounts = (count: number): string =>
			Array.from({ length: count }, (_, index) => `user${index}`).join(',');
		expect(await send(accounts(200), 'x'.repeat(300))).toBe(0);
		expect(await send(accounts(201), 'hello')).toBe(10006);
		expect(await send('fleet-east', 'y'.repeat(301))).toBe(10006);
		expect(await send('fleet-east', '')).toBe(10005);
		expect(env.simulator.messages).toHaveLength(1);
		expect(env.simulator.messages[0]).toMatchObject({ from: 'demo', content: 'x'.repeat(300) });
		expect(env.simulator.messages[0].accounts).toHaveLength(200);
	});
});
