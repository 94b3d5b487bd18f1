/** Callback listeners: register (shared key header), list (empty body when none), replace, delete, and where callbacks go. */
import { THINGSPACE_OTHER, THINGSPACE_OTHER_LISTENER } from '../index';
import { DEMO, LOC, harness } from './harness';

const path = `${LOC}/callbacks/${DEMO}`;

describe('ThingSpace callback listeners', () => {
	const env = harness();

	beforeEach(async () => {
		await env.signIn();
		for (const listener of env.sim.listeners()) await env.call('DELETE', `${path}/name/${listener.name}`);
	});

	it('lists no listener as an empty body (not JSON)', async () => {
		const answer = await env.call('GET', path);
		expect(answer.status).toBe(200);
		expect(answer.text).toBe('');
		expect(answer.headers.get('content-length')).toBe('0');
		expect(answer.headers.get('content-type')).toBeNull();
	});

	it('registers a listener: {account, name} and a new 64-hex shared key in VZ-Shared-Key', async () => {
		const answer = await env.call('POST', path, { name: 'DeviceLocation', url: env.receiver.url });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ account: DEMO, name: 'DeviceLocation' });
		const key = answer.headers.get('vz-shared-key');
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(env.sim.listener()?.secret).toBe(key);
		expect((await env.call('GET', path)).body).toEqual([{ name: 'DeviceLocation', url: env.receiver.url }]);
	});

	it('keeps one listener per account and name: registering again replaces the URL and the key', async () => {
		const first = await env.call('POST', path, { name: 'DeviceLocation', url: 'https://example.com/first' });
		const second = await env.call('POST', path, { name: 'DeviceLocation', url: 'https://example.com/second' });
		await env.call('POST', path, { name: 'Location', url: 'https://example.com/usage' });
		expect(second.headers.get('vz-shared-key')).not.toBe(first.headers.get('vz-shared-key'));
		const listed = (await env.call('GET', path)).body as Array<{ name: string; url: string }>;
		expect([...listed].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			{ name: 'DeviceLocation', url: 'https://example.com/second' },
			{ name: 'Location', url: 'https://example.com/usage' },
		]);
	});

	it('deletes a listener by name; deleting a missing one is 400 INVALID_PARAMETER', async () => {
		await env.call('POST', path, { name: 'DeviceLocation', url: env.receiver.url });
		const deleted = await env.call('DELETE', `${path}/name/DeviceLocation`);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({ account: DEMO, name: 'DeviceLocation' });
		const again = await env.call('DELETE', `${path}/name/DeviceLocation`);
		expect(again.status).toBe(400);
		expect(again.body.errorCode).toBe('INVALID_PARAMETER');
		expect((await env.call('DELETE', `${path}/name/Other`)).status).toBe(400);
	});

	it('refuses an unknown service name, a missing or relative URL, and another account', async () => {
		for (const body of [{ name: 'Locations', url: env.receiver.url }, { name: 'DeviceLocation' }, { name: 'DeviceLocation', url: '/relative' }, { name: 'DeviceLocation', url: 'ftp://x.example' }]) {
			const answer = await env.call('POST', path, body);
			expect(answer.status).toBe(400);
			expect(answer.body.errorCode).toBe('INVALID_PARAMETER');
		}
		const other = await env.call('POST', `${LOC}/callbacks/${THINGSPACE_OTHER.account}`, { name: 'DeviceLocation', url: env.receiver.url });
		expect(other.body.errorMessage).toBe('Unregistered account');
		expect(env.sim.listener(THINGSPACE_OTHER.account)?.url).toBe(THINGSPACE_OTHER_LISTENER);
	});

	it('calls only 127.0.0.1 listeners: deliveries to other URLs, or without a listener, are skipped', async () => {
		const skippedNone = await env.sim.failureReport(0);
		expect(skippedNone).toMatchObject({ url: '', httpStatus: 0, skipped: expect.any(String) });
		await env.call('POST', path, { name: 'DeviceLocation', url: 'https://n8n.example.com/webhook/x' });
		const skippedHttps = await env.sim.failureReport(0);
		expect(skippedHttps).toMatchObject({ url: 'https://n8n.example.com/webhook/x', httpStatus: 0, skipped: expect.any(String) });
		await env.listen();
		env.receiver.clear();
		const sent = await env.sim.failureReport(0);
		expect(sent.skipped).toBeUndefined();
		expect(sent.httpStatus).toBe(200);
		expect(env.receiver.received).toHaveLength(1);
	});

	it('registerForeignListener() puts another system’s URL in place, as a test precondition', async () => {
		const foreign = env.sim.registerForeignListener(DEMO, 'https://erp.example.com/verizon');
		expect(foreign.secret).toMatch(/^[0-9a-f]{64}$/);
		expect((await env.call('GET', path)).body).toEqual([{ name: 'DeviceLocation', url: 'https://erp.example.com/verizon' }]);
	});
});
