import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { md5, PROTRACK_FLEET_EAST, PROTRACK_FLEET_WEST, protrackSignature } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';
import { isoOf } from './time-cursor-oracle';

const PROTRACK = packageNodeType('proTrack');

describe('ProTrack › Account, through the n8n engine', () => {
	const fx = useProvider(protrack);

	const accountNode = (operation: string, parameters: INodeParameters = {}, extra = {}) =>
		node('ProTrack', PROTRACK, { resource: 'account', operation, ...parameters }, fx.credentials, extra);

	/** Logs in over HTTP as the Open API documents it; returns the answer's code. */
	const httpLogin = async (account: string, password: string): Promise<number> => {
		const time = Math.floor(Date.now() / 1000);
		const query = new URLSearchParams({ time: String(time), account, signature: protrackSignature(password, time) });
		const response = await fetch(`${fx.sim.baseUrl}/api/authorization?${query.toString()}`);
		return ((await response.json()) as { code: number }).code;
	};


	describe('Get Info', () => {
		it("describes the credential's own account when Account is empty, with role, blocked and createtimeIso", async () => {
			const result = await fx.n8n.run(itemsInto([{}], accountNode('getInfo', { account: '' })));
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/api/user/info');
			expect(calls).toHaveLength(1);
			expect(calls[0].method).toBe('GET');
			expect(calls[0].query.account).toBe('demo');

			const demo = fx.sim.account('demo')!;
			const output = result.output('ProTrack');
			expect(output).toHaveLength(1);
			expect(output[0].pairedItem).toEqual({ item: 0 });
			expect(output[0].json).toEqual({
				createtime: demo.createtime,
				createtimeIso: isoOf(demo.createtime),
				mobile: '',
				telephone: '',
				roletype: 1,
				account: 'demo',
				email: demo.email,
				blockstatus: 1,
				username: demo.username,
				role: 'distributor',
				blocked: false,
			});
		});

		it('describes the sub-account of each item', async () => {
			const result = await fx.n8n.run(
				itemsInto([{ name: 'fleet-east' }, { name: 'fleet-west' }], accountNode('getInfo', { account: '={{ $json.name }}' })),
			);
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/user/info').map((call) => call.query.account)).toEqual(['fleet-east', 'fleet-west']);
			const output = result.output('ProTrack');
			expect(output.map((item) => [item.json.account, item.json.username, item.json.role, item.pairedItem])).toEqual([
				['fleet-east', 'Fleet East', 'endUser', { item: 0 }],
				['fleet-west', 'Fleet West', 'endUser', { item: 1 }],
			]);
		});

		it('decodes a virtual account (roletype 3) and a blocked one (blockstatus 0)', async () => {
			fx.sim.inject({
				path: '/api/user/info',
				fault: {
					kind: 'body',
					body: {
						code: 0,
						record: { account: 'viewer', username: 'Viewer', roletype: 3, blockstatus: 0, createtime: 0 },
					},
				},
			});
			const result = await fx.n8n.run(itemsInto([{}], accountNode('getInfo', { account: 'viewer' })));
			expect(result.output('ProTrack')[0].json).toEqual(
				expect.objectContaining({ role: 'virtual', blocked: true, createtimeIso: null }),
			);
		});

		it('reports an unknown account with the documented code and meaning', async () => {
			const result = await fx.n8n.run(itemsInto([{}], accountNode('getInfo', { account: 'nobody' })));
			expect(result.error?.message).toBe("ProTrack error 20005: Target doesn't exist");
			expect(fx.sim.requests('/api/user/info')).toHaveLength(1);
		});
	});

	describe('Get Sub-Accounts', () => {
		it('lists every account below the credential account, one item each, when Return All is on', async () => {
			const result = await fx.n8n.run(itemsInto([{}], accountNode('getSubAccounts', { account: '', returnAll: true })));
			expect(result.error).toBeUndefined();
			const calls = fx.sim.requests('/api/user/list');
			expect(calls).toHaveLength(1);
			expect(calls[0].query).not.toHaveProperty('account');
			const output = result.output('ProTrack');
			expect(output.map((item) => item.json.account)).toEqual(['demo', 'fleet-east', 'fleet-west']);
			expect(output.map((item) => item.json.role)).toEqual(['distributor', 'endUser', 'endUser']);
			expect(output.every((item) => item.json.blocked === false)).toBe(true);
			const east = fx.sim.account('fleet-east')!;
			expect(output[1].json.createtimeIso).toBe(isoOf(east.createtime));
			expect(output.every((item) => (item.pairedItem as unknown as IDataObject).item === 0)).toBe(true);
		});

		it('stops at Limit and passes the chosen account', async () => {
			const limited = await fx.n8n.run(itemsInto([{}], accountNode('getSubAccounts', { returnAll: false, limit: 2 })));
			expect(limited.output('ProTrack').map((item) => item.json.account)).toEqual(['demo', 'fleet-east']);

			fx.sim.clearLog();
			const east = await fx.n8n.run(itemsInto([{}], accountNode('getSubAccounts', { account: 'fleet-east', returnAll: true })));
			expect(fx.sim.requests('/api/user/list')[0].query.account).toBe('fleet-east');
			expect(east.output('ProTrack').map((item) => item.json.account)).toEqual(['fleet-east']);
		});

		it('rejects a Limit of 0 before any request', async () => {
			const result = await fx.n8n.run(itemsInto([{}], accountNode('getSubAccounts', { returnAll: false, limit: 0 })));
			expect(result.error?.message).toMatch(/"Limit": 0 \(expected a whole number from 1/);
			expect(fx.sim.log).toHaveLength(0);
		});
	});

	describe('Block / Unblock', () => {
		afterEach(() => {
			(fx.sim.account('fleet-east') as { blocked: boolean }).blocked = false;
		});

		it('blocks a sub-account (it can no longer log in), then unblocks it', async () => {
			const blocked = await fx.n8n.run(itemsInto([{}], accountNode('block', { account: 'fleet-east' })));
			expect(blocked.error).toBeUndefined();
			expect(blocked.output('ProTrack').map((item) => item.json)).toEqual([{ account: 'fleet-east', blocked: true }]);
			const calls = fx.sim.requests('/api/user/block');
			expect(calls).toHaveLength(1);
			expect(calls[0].method).toBe('POST');
			expect(calls[0].query.account).toBe('fleet-east');
			expect(fx.sim.account('fleet-east')!.blocked).toBe(true);
			expect(await httpLogin(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password)).toBe(10016);

			const info = await fx.n8n.run(itemsInto([{}], accountNode('getInfo', { account: 'fleet-east' })));
			expect(info.output('ProTrack')[0].json).toEqual(expect.objectContaining({ blockstatus: 0, blocked: true }));

			const unblocked = await fx.n8n.run(itemsInto([{}], accountNode('unblock', { account: 'fleet-east' })));
			expect(unblocked.output('ProTrack').map((item) => item.json)).toEqual([{ account: 'fleet-east', blocked: false }]);
			expect(fx.sim.requests('/api/user/unblock')).toHaveLength(1);
			expect(fx.sim.account('fleet-east')!.blocked).toBe(false);
			expect(await httpLogin(PROTRACK_FLEET_EAST.account, PROTRACK_FLEET_EAST.password)).toBe(0);
		});

		it('fails with permission denied when asked to block the credential account itself', async () => {
			const result = await fx.n8n.run(itemsInto([{}], accountNode('block', { account: 'demo' })));
			expect(result.error?.message).toBe('ProTrack error 10007: Permission denied');
			expect(fx.sim.account('demo')!.blocked).toBe(false);
		});

		it('requires Account: an empty one fails before any request, also when only a later item has it empty', async () => {
			const result = await fx.n8n.run(
				itemsInto([{ name: 'fleet-east' }, { name: '  ' }], accountNode('block', { account: '={{ $json.name }}' })),
			);
			expect(result.error?.message).toMatch(/"Account"/);
			expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
			expect(fx.sim.log).toHaveLength(0);
			expect(fx.sim.account('fleet-east')!.blocked).toBe(false);
		});

		it('with Continue On Fail, blocks the good items and reports the empty one', async () => {
			const result = await fx.n8n.run(
				itemsInto(
					[{ name: '' }, { name: 'fleet-east' }],
					accountNode('block', { account: '={{ $json.name }}' }, { onError: 'continueRegularOutput' }),
				),
			);
			const output = result.output('ProTrack');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(output[0].json.error).toMatch(/"Account"/);
			expect(output[1].json).toEqual({ account: 'fleet-east', blocked: true });
			expect(fx.sim.requests('/api/user/block')).toHaveLength(1);
		});

		it('retries a rate-limited block, and a block after HTTP 503 (blocking twice does no harm)', async () => {
			fx.sim.inject({ path: '/api/user/block', fault: { kind: 'body', body: { code: 10009, message: 'too frequent' } } });
			fx.sim.inject({ path: '/api/user/block', fault: { kind: 'status', status: 503 } });
			const result = await fx.n8n.run(itemsInto([{}], accountNode('block', { account: 'fleet-east' })));
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/user/block').map((call) => call.status)).toEqual([200, 503, 200]);
			expect(fx.sim.account('fleet-east')!.blocked).toBe(true);
		});
	});

	describe('Set Password', () => {
		const newPassword = 'N3w#Secret 2025';
		const newPasswordMd5 = md5(newPassword);

		afterEach(() => {
			(fx.sim.account('fleet-west') as { passwordMd5: string }).passwordMd5 = md5(PROTRACK_FLEET_WEST.password);
		});

		it('sends md5(new password) once; the sub-account then logs in with the new password only', async () => {
			const result = await fx.n8n.run(itemsInto([{}], accountNode('setPassword', { account: 'fleet-west', newPassword })));
			expect(result.error).toBeUndefined();
			const output = result.output('ProTrack');
			expect(output.map((item) => item.json)).toEqual([{ account: 'fleet-west', passwordChanged: true }]);
			expect(output[0].pairedItem).toEqual({ item: 0 });
			const serialized = JSON.stringify(output);
			expect(serialized).not.toContain(newPassword);
			expect(serialized).not.toContain(newPasswordMd5);

			const calls = fx.sim.requests('/api/user/password/set');
			expect(calls).toHaveLength(1);
			expect(calls[0].method).toBe('POST');
			expect(calls[0].query.account).toBe('fleet-west');
			expect(calls[0].query.password).toBe(newPasswordMd5);
			expect(calls[0].query.password).toMatch(/^[0-9a-f]{32}$/);

			expect(fx.sim.account('fleet-west')!.passwordMd5).toBe(newPasswordMd5);
			expect(await httpLogin('fleet-west', newPassword)).toBe(0);
			expect(await httpLogin('fleet-west', PROTRACK_FLEET_WEST.password)).toBe(20001);
		});

		it("keeps the password and its md5 out of a provider error, even when ProTrack echoes them", async () => {
			const echo = `Parameter error: password=${newPasswordMd5} (${newPassword})`;
			fx.sim.inject({ path: '/api/user/password/set', fault: { kind: 'body', body: { code: 10004, message: echo } } });
			const result = await fx.n8n.run(itemsInto([{}], accountNode('setPassword', { account: 'fleet-west', newPassword })));
			const error = result.error as unknown as IDataObject;
			expect(error.message).toBe('ProTrack error 10004: Parameter error');
			expect(error.description).toMatch(/Provider message: Parameter error: password=\*\*\*/);
			const everything = JSON.stringify({
				message: error.message,
				description: error.description,
				messages: error.messages,
				context: error.context,
				errorResponse: error.errorResponse,
				cause: error.cause,
			});
			expect(everything).not.toContain(newPassword);
			expect(everything).not.toContain(newPasswordMd5);
			expect(fx.sim.requests('/api/user/password/set')).toHaveLength(1);
			expect(fx.sim.account('fleet-west')!.passwordMd5).toBe(md5(PROTRACK_FLEET_WEST.password));
		});

		it('keeps them out of the error item under Continue On Fail as well', async () => {
			const echo = `bad value ${newPasswordMd5}`;
			fx.sim.inject({ path: '/api/user/password/set', fault: { kind: 'body', body: { code: 10004, message: echo } } });
			const result = await fx.n8n.run(
				itemsInto(
					[{}],
					accountNode('setPassword', { account: 'fleet-west', newPassword }, { onError: 'continueRegularOutput' }),
				),
			);
			const output = result.output('ProTrack');
			expect(output).toHaveLength(1);
			expect(output[0].json.error).toMatch(/10004/);
			expect(JSON.stringify(output)).not.toContain(newPasswordMd5);
			expect(JSON.stringify(output)).not.toContain(newPassword);
		});

		// n8n itself refuses a required field left empty; an expression that gives nothing gets this far.
		it.each([
			['an empty New Password', { account: 'fleet-west', password: '' }, /"New Password"/],
			['an empty Account', { account: '', password: newPassword }, /"Account"/],
		])('rejects %s before any request', async (_label, item, message) => {
			const parameters = { account: '={{ $json.account }}', newPassword: '={{ $json.password }}' };
			const result = await fx.n8n.run(itemsInto([item], accountNode('setPassword', parameters)));
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).not.toContain(newPassword);
			expect(fx.sim.log).toHaveLength(0);
		});
	});
});
