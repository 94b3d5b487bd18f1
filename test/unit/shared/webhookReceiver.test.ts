import type { IDataObject } from 'n8n-workflow';

import { deliveryDigest, parseAddressList, rememberDelivery, rememberDeliveryHere, sourceAddressOf } from '../../../nodes/shared/webhookReceiver';

describe('repeated-delivery memory', () => {
	it('refuses a digest it holds and forgets the oldest beyond its limit', () => {
		const data: IDataObject = {};
		expect(['a', 'b', 'c'].map((digest) => rememberDelivery(data, digest, 2))).toEqual([true, true, true]);
		expect(data.recentDeliveries).toEqual(['b', 'c']);
		expect(rememberDelivery(data, 'c', 2)).toBe(false);
		expect(rememberDelivery(data, 'a', 2)).toBe(true);
		expect(data.recentDeliveries).toEqual(['c', 'a']);
	});

	it('survives a JSON round trip, as n8n stores static data', () => {
		const data: IDataObject = {};
		rememberDelivery(data, deliveryDigest('{"x":1}'), 10);
		const reloaded = JSON.parse(JSON.stringify(data)) as IDataObject;
		expect(rememberDelivery(reloaded, deliveryDigest(Buffer.from('{"x":1}')), 10)).toBe(false);
		expect(rememberDelivery(reloaded, deliveryDigest('{"x": 1}'), 10)).toBe(true);
	});
});

describe("this process's memory of deliveries", () => {
	it('is kept per trigger, refuses a digest it holds and forgets the oldest beyond its limit', () => {
		expect(['a', 'b', 'c'].map((digest) => rememberDeliveryHere('wf1\u0000Trigger', digest, 2))).toEqual([true, true, true]);
		expect(rememberDeliveryHere('wf1\u0000Trigger', 'c', 2)).toBe(false);
		expect(rememberDeliveryHere('wf1\u0000Trigger', 'a', 2)).toBe(true);
		expect(rememberDeliveryHere('wf2\u0000Trigger', 'c', 2)).toBe(true);
	});
});

describe('source addresses', () => {
	it('reads the address without the IPv4-in-IPv6 prefix', () => {
		expect(sourceAddressOf({ ip: '::ffff:68.128.212.217' })).toBe('68.128.212.217');
		expect(sourceAddressOf({ socket: { remoteAddress: '127.0.0.1' } })).toBe('127.0.0.1');
		expect(sourceAddressOf({})).toBe('');
	});

	it('parses a comma- or space-separated list', () => {
		expect(parseAddressList(' 68.128.212.217, 127.0.0.1\n10.0.0.1 ,')).toEqual(['68.128.212.217', '127.0.0.1', '10.0.0.1']);
	});
});
