/**
 * The OS1 credential through the n8n engine: one client-credentials token stored with its expiry and
 * shared by executions, OS1's headers on every call, renewal on 401 and before expiry, and a refused
 * client that is never retried.
 */
import { itemsInto, node, packageNodeType } from '../runner';
import { OS1_DEMO_PHONES, OS1_TENANT_ID } from '../simulators/os1';
import { sandbox as os1 } from '../simulators/os1/sandbox';
import { useProvider } from './provider-fixture';

const OS1 = packageNodeType('os1Mts');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN_PATH = /\/aaa\/auth\/client-credentials$/;

describe('OS1 credential', () => {
	const fx = useProvider(os1);
	beforeAll(() => {
		fx.sim.requestConsent(OS1_DEMO_PHONES.allows);
		fx.sim.requestConsent(OS1_DEMO_PHONES.denies);
	});
	const statusOf = (msisdns: string[]) =>
		itemsInto(
			msisdns.map((msisdn) => ({ msisdn })),
			node('OS1', OS1, { resource: 'consent', operation: 'getStatus', msisdn: '={{ $json.msisdn }}' }, fx.credentials),
		);

	it('fetches one token, stores it with its expiry, and sends the token, tenant and a fresh request id on every call', async () => {
		const before = Date.now();
		for (let run = 0; run < 2; run++) {
			const result = await fx.n8n.run(statusOf([OS1_DEMO_PHONES.allows, OS1_DEMO_PHONES.denies]));
			expect(result.error).toBeUndefined();
		}
		expect(fx.sim.requests(TOKEN_PATH)).toHaveLength(1);
		const stored = fx.n8n.credentials.read('1').data;
		expect(typeof stored.accessToken).toBe('string');
		expect(Number(stored.accessTokenExpiresAt)).toBeGreaterThan(before + 3500_000);
		const calls = fx.sim.requests(/\/consents\//);
		expect(calls).toHaveLength(4);
		for (const call of calls) {
			expect(call.headers['x-coreos-access']).toBe(stored.accessToken);
			expect(call.headers['x-coreos-tid']).toBe(OS1_TENANT_ID);
			expect(String(call.headers['x-coreos-request-id'])).toMatch(UUID);
		}
		const ids = fx.sim.requests().map((call) => call.headers['x-coreos-request-id']);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('when OS1 answers 401 (token expired) gets one new token and sends the call again', async () => {
		expect((await fx.n8n.run(statusOf([OS1_DEMO_PHONES.allows]))).error).toBeUndefined();
		const first = fx.n8n.credentials.read('1').data.accessToken;
		fx.sim.expireTokens();
		fx.sim.clearLog();
		const result = await fx.n8n.run(statusOf([OS1_DEMO_PHONES.allows]));
		expect(result.error).toBeUndefined();
		expect(fx.sim.requests(TOKEN_PATH)).toHaveLength(1);
		expect(fx.sim.requests(/\/consents\//).map((call) => call.status)).toEqual([401, 200]);
		expect(fx.n8n.credentials.read('1').data.accessToken).not.toBe(first);
	});

	it('renews a token that expires within 30 s before using it (no 401 first)', async () => {
		expect((await fx.n8n.run(statusOf([OS1_DEMO_PHONES.allows]))).error).toBeUndefined();
		const data = fx.n8n.credentials.read('1').data;
		fx.n8n.credentials.write('1', { ...data, accessTokenExpiresAt: Date.now() + 10_000 });
		fx.sim.clearLog();
		expect((await fx.n8n.run(statusOf([OS1_DEMO_PHONES.allows]))).error).toBeUndefined();
		expect(fx.sim.requests().map((call) => call.status)).toEqual([200, 200]);
		expect(fx.sim.requests(TOKEN_PATH)).toHaveLength(1);
	});

	it('a wrong client secret fails once, says what to check, and never shows the secret', async () => {
		fx.n8n.credentials.write('1', { ...fx.n8n.credentials.read('1').data, clientSecret: 'not-the-secret-123' });
		const result = await fx.n8n.run(statusOf([OS1_DEMO_PHONES.allows]));
		expect(result.error?.message).toMatch(/OS1 refused the client credentials \(HTTP 401/);
		expect(fx.sim.requests(TOKEN_PATH)).toHaveLength(1);
		expect(fx.sim.requests(/\/consents\//)).toHaveLength(0);
		expect(JSON.stringify(result.error)).not.toContain('not-the-secret-123');
	});
});
