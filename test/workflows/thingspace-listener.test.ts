/** ThingSpace › Callback Listener through the n8n engine: Register, Get Many (an empty body when none), Delete. */
import type { IDataObject } from 'n8n-workflow';

import { itemsInto } from '../runner';
import { THINGSPACE_DEMO } from '../simulators/thingspace';
import { thingSpaceNode, useThingSpace } from './thingspace-fixture';

const DEMO = THINGSPACE_DEMO.account;
const URL = 'https://example.com/thingspace/callbacks';

describe('ThingSpace › Callback Listener, through the n8n engine', () => {
	const fx = useThingSpace({ rateLimitPerSecond: false }, { perTest: true });
	const run = async (parameters: IDataObject, items: IDataObject[] = [{}]) =>
		await fx.n8n.run(itemsInto(items, thingSpaceNode(fx, { resource: 'callbackListener', ...parameters })));

	it('Get Many of an account without listeners (ThingSpace answers an empty body) gives no items and no error', async () => {
		const result = await run({ operation: 'getMany' });
		expect(result.error).toBeUndefined();
		expect(result.output('ThingSpace')).toEqual([]);
		const [call] = fx.sim.requests(`/api/loc/v1/callbacks/${DEMO}`);
		expect(call.status).toBe(200);
	});

	it('Register answers the shared key; Get Many lists the listener; registering again replaces it with a new key', async () => {
		const first = await run({ operation: 'register', listenerName: 'DeviceLocation', url: URL });
		expect(first.error).toBeUndefined();
		expect(first.output('ThingSpace')[0].json).toEqual({ accountName: DEMO, name: 'DeviceLocation', url: URL, sharedKey: fx.sim.listener()?.secret });
		expect(String(first.output('ThingSpace')[0].json.sharedKey)).toMatch(/^[0-9a-f]{64}$/);
		expect(fx.sim.requests(`/api/loc/v1/callbacks/${DEMO}`)[0].body).toEqual({ name: 'DeviceLocation', url: URL });

		const second = await run({ operation: 'register', listenerName: 'Location', url: `${URL}/usage` });
		expect(second.error).toBeUndefined();
		const listed = await run({ operation: 'getMany' });
		expect(listed.output('ThingSpace').map((item) => item.json)).toEqual([
			{ accountName: DEMO, name: 'DeviceLocation', url: URL },
			{ accountName: DEMO, name: 'Location', url: `${URL}/usage` },
		]);
		const again = await run({ operation: 'register', listenerName: 'DeviceLocation', url: `${URL}/v2` });
		expect(again.output('ThingSpace')[0].json.sharedKey).not.toBe(first.output('ThingSpace')[0].json.sharedKey);
		expect(fx.sim.listener()?.url).toBe(`${URL}/v2`);
	});

	it('Delete removes the listener of that name; deleting one that is not there is ThingSpace\'s INVALID_PARAMETER', async () => {
		await run({ operation: 'register', listenerName: 'DeviceLocation', url: URL });
		const removed = await run({ operation: 'delete', listenerName: 'DeviceLocation' });
		expect(removed.error).toBeUndefined();
		expect(removed.output('ThingSpace')[0].json).toEqual({ accountName: DEMO, name: 'DeviceLocation', deleted: true });
		expect(fx.sim.listeners()).toEqual([]);
		expect(fx.sim.requests(`/api/loc/v1/callbacks/${DEMO}/name/DeviceLocation`)[0].method).toBe('DELETE');
		const missing = await run({ operation: 'delete', listenerName: 'DeviceLocation' });
		expect(missing.error?.message).toMatch(/ThingSpace error INVALID_PARAMETER/);
	});

	it('a URL that is not http(s) or an account name of the wrong shape fails before any request', async () => {
		const badUrl = await run({ operation: 'register', listenerName: 'DeviceLocation', url: 'ftp://example.com' });
		expect(badUrl.error?.message).toMatch(/"URL": "ftp:\/\/example.com" \(expected an http:\/\/ or https:\/\/ URL\)/);
		const badAccount = await run({ operation: 'getMany', accountName: '0000123456' });
		expect(badAccount.error?.message).toMatch(/"Account Name": "0000123456"/);
		expect(fx.sim.requests()).toEqual([]);
	});
});
