/**
 * The Navixy credential's two ways to sign in, through the n8n engine: an API key (no session) and a login
 * and password (one session hash, fetched by the credential, stored, shared and renewed when it ends).
 */
import { itemsInto, node, packageNodeType } from '../runner';
import { NAVIXY_DEMO_KEY, NAVIXY_SESSION_USER } from '../simulators/navixy';
import { passwordCredential, sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const NAVIXY = packageNodeType('navixy');

function stateRun(credentials: ReturnType<typeof useProvider>['credentials'], ids: number[]) {
	return itemsInto(
		ids.map((id) => ({ id })),
		node(
			'Navixy',
			NAVIXY,
			{ resource: 'state', operation: 'get', trackerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			credentials,
		),
	);
}

describe('Navixy credential: API key', () => {
	const fx = useProvider(navixy);

	it('sends "Authorization: NVX <key>" and asks for ISO dates; never opens a session', async () => {
		const result = await fx.n8n.run(stateRun(fx.credentials, fx.sim.trackerIds('regular').slice(0, 3)));
		expect(result.error).toBeUndefined();
		const [call] = fx.sim.requests('/tracker/get_states');
		expect(call.headers.authorization).toBe(`NVX ${NAVIXY_DEMO_KEY}`);
		expect(call.headers['nvx-iso-datetime']).toBe('true');
		expect(fx.sim.requests('/user/auth')).toHaveLength(0);
		expect(String(result.output('Navixy')[0].json.last_update)).toMatch(/T\d\d:\d\d:\d\d[+-]\d\d:\d\d$|Z$/);
	});

	it('a wrong key is an error naming code 4 and its meaning, without the key in it', async () => {
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, apiKey: 'ffffffffffffffffffffffffffffffff' });
		const result = await fx.n8n.run(stateRun(fx.credentials, [fx.sim.trackerIds('regular')[0]]));
		expect(result.error?.message).toMatch(/Navixy error [34]: /);
		expect(JSON.stringify(result.error)).not.toContain('ffffffffffffffffffffffffffffffff');
	});
});

describe('Navixy credential: login and password', () => {
	const fx = useProvider(navixy, { credentialData: passwordCredential });
	const ids = () => fx.sim.trackerIds('regular', NAVIXY_SESSION_USER.login).slice(0, 5);

	it('logs in once, stores the session hash, and the next executions reuse it', async () => {
		for (let run = 0; run < 3; run++) expect((await fx.n8n.run(stateRun(fx.credentials, ids()))).error).toBeUndefined();
		expect(fx.sim.requests('/user/auth')).toHaveLength(1);
		const hash = String(fx.n8n.credentials.read('1').data.sessionHash);
		expect(fx.sim.sessionsOf(NAVIXY_SESSION_USER.login)).toEqual([hash]);
		expect(fx.sim.requests('/tracker/get_states').every((call) => call.headers.authorization === `NVX ${hash}`)).toBe(true);
	});

	it('when the session ended (code 4) logs in once more, stores the new hash and resends', async () => {
		expect((await fx.n8n.run(stateRun(fx.credentials, ids()))).error).toBeUndefined();
		const first = String(fx.n8n.credentials.read('1').data.sessionHash);
		fx.sim.expireSessions();
		fx.sim.clearLog();
		const result = await fx.n8n.run(stateRun(fx.credentials, ids()));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests('/user/auth')).toHaveLength(1);
		expect(fx.sim.requests('/tracker/get_states').map((call) => call.status)).toEqual([400, 200]);
		expect(fx.n8n.credentials.read('1').data.sessionHash).not.toBe(first);
	});

	it('a wrong password fails with 102 and blames the credential; the login is not repeated', async () => {
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, password: 'not-the-password' });
		const result = await fx.n8n.run(stateRun(fx.credentials, ids()));
		expect(result.error?.message).toMatch(/Navixy login failed: 102 Wrong login or password/);
		expect((result.error as { description?: string }).description).toMatch(/login and password/);
		expect(fx.sim.requests('/user/auth')).toHaveLength(1);
		expect(JSON.stringify(result.error)).not.toContain('not-the-password');
	});

	it('20 executions at once on a never-used credential open one session (Login Sharing Wait at its default)', async () => {
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, loginWaitSeconds: 3, sessionHash: '' });
		const runs = await Promise.all(Array.from({ length: 20 }, async () => await fx.n8n.run(stateRun(fx.credentials, ids()))));
		expect(runs.every((run) => run.error === undefined)).toBe(true);
		expect(fx.sim.requests('/user/auth').length).toBeLessThanOrEqual(2);
	});
});
