/**
 * How the shared request pipeline reads ProTrack's answers that are neither data nor a plain error:
 * failed logins, sessions the API says are gone, system errors, and writes that may have happened.
 * Each case runs a workflow through the n8n engine against the simulator with one injected answer.
 */
import type { INodeParameters } from 'n8n-workflow';

import { itemsInto, node, packageNodeType } from '../runner';
import { DataStatus } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const PROTRACK = packageNodeType('proTrack');

describe('ProTrack answers through the shared request pipeline', () => {
	const fx = useProvider(protrack);

	const run = async (parameters: INodeParameters) =>
		await fx.n8n.run(itemsInto([{}], node('ProTrack', PROTRACK, parameters, fx.credentials)));
	const latestLocation = async () =>
		await run({ resource: 'device', operation: 'getLatestLocation', imeis: fx.sim.imeis().slice(0, 2).join(',') });
	const storedToken = () => String(fx.n8n.credentials.read('1').data.accessToken ?? '');

	describe('a login that fails', () => {
		it.each([
			['rate limited in the body (10009)', { kind: 'body', body: { code: 10009, message: 'Request is too frequency' } }],
			['rate limited over HTTP (429)', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }],
			['met a server error (HTTP 500)', { kind: 'status', status: 500 }],
			['met a system error (10000)', { kind: 'body', body: { code: 10000 } }],
		] as const)('is tried again when it was %s, and the run succeeds', async (_label, fault) => {
			fx.sim.inject({ path: '/api/authorization', fault });
			const result = await latestLocation();
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/authorization').map((call) => call.status)).toEqual([
				fault.kind === 'status' ? fault.status : 200,
				200,
			]);
			expect(result.output('ProTrack')).toHaveLength(2);
			expect(storedToken()).not.toBe('');
		});

		it('is final only when the account or password is refused (20001), and then blames the credential', async () => {
			fx.sim.inject({ path: '/api/authorization', fault: { kind: 'body', body: { code: 20001 } } });
			const result = await latestLocation();
			expect(result.error?.message).toMatch(/ProTrack authorization failed: 20001 Account or password error/);
			expect((result.error as { description?: string }).description).toMatch(/Check the account and password/);
			expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
			expect(fx.sim.requests('/api/track')).toHaveLength(0);
		});

		it('does not blame the credential when the login keeps being rate limited', async () => {
			fx.sim.inject({ path: '/api/authorization', times: Infinity, fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } });
			const result = await latestLocation();
			expect(result.error?.message).toMatch(/HTTP 429/);
			expect((result.error as { description?: string }).description).not.toMatch(/account and password/);
			expect(fx.sim.requests('/api/authorization')).toHaveLength(5);
		});
	});

	describe('a session the API says is gone', () => {
		it.each([
			[10002, 'Login timeout'],
			[10003, 'Not logged in yet'],
			[10011, 'Access token is invalid'],
		])('(%i %s) leads to one new login, a stored new token and one resend', async (code) => {
			expect((await latestLocation()).error).toBeUndefined();
			const before = storedToken();
			fx.sim.clearLog();

			fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code } } });
			const result = await latestLocation();
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/authorization')).toHaveLength(1);
			expect(fx.sim.requests('/api/track')).toHaveLength(2);
			expect(storedToken()).not.toBe(before);
			expect(storedToken()).not.toBe('');

			// The next execution uses the stored token without logging in.
			fx.sim.clearLog();
			expect((await latestLocation()).error).toBeUndefined();
			expect(fx.sim.requests('/api/authorization')).toHaveLength(0);
		});
	});

	describe('a system error (10000)', () => {
		it('on a read is retried, and the run succeeds', async () => {
			fx.sim.inject({ path: '/api/track', fault: { kind: 'body', body: { code: 10000, message: 'System error' } } });
			const result = await latestLocation();
			expect(result.error).toBeUndefined();
			expect(fx.sim.requests('/api/track')).toHaveLength(2);
		});

		it('on a command is not retried: the device might act twice', async () => {
			const imei = fx.sim.imeis()[0];
			fx.sim.setDeviceState(imei, { datastatus: DataStatus.ok });
			fx.sim.inject({ path: '/api/command/send', fault: { kind: 'body', body: { code: 10000 } } });
			const result = await run({
				resource: 'command',
				operation: 'send',
				imei: { __rl: true, mode: 'id', value: imei },
				command: 'lockDoor',
			});
			expect(result.error?.message).toBe('ProTrack error 10000: System error');
			expect(fx.sim.requests('/api/command/send')).toHaveLength(1);
		});
	});

	describe('a write that is not safe to repeat', () => {
		const geofence = () => ({
			resource: 'geofence',
			operation: 'create',
			imei: { __rl: true, mode: 'id', value: fx.sim.imeis()[0] },
			name: 'Depot',
			alarmWhen: 'leaving',
			latitude: 22.56861,
			longitude: 113.97196,
			radius: 300,
		});

		it.each([
			['an HTTP 500', { kind: 'status', status: 500 }],
			['a dropped connection', { kind: 'reset' }],
			['an answer that is not the Open API', { kind: 'malformed' }],
		] as const)('fails after %s on Geofence › Create, sent once, saying it may have happened', async (_label, fault) => {
			const before = fx.sim.geofences.length;
			fx.sim.inject({ path: '/api/geofence/create', fault });
			const result = await run(geofence());
			expect(result.error).toBeDefined();
			expect((result.error as { description?: string }).description).toMatch(
				/not sent again automatically: ProTrack may already have carried it out/,
			);
			expect(fx.sim.requests('/api/geofence/create')).toHaveLength(1);
			expect(fx.sim.geofences.length).toBe(before);
		});

		it('says nothing of the kind when ProTrack refused it with a code', async () => {
			fx.sim.inject({ path: '/api/geofence/create', fault: { kind: 'body', body: { code: 10013 } } });
			const result = await run(geofence());
			expect(result.error?.message).toBe('ProTrack error 10013: IMEI is not authorized');
			expect((result.error as { description?: string }).description ?? '').not.toMatch(/carried it out/);
		});
	});
});
