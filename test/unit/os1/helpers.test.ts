import type { INode } from 'n8n-workflow';

import { encodeCallbackSecret, OS1_CALLBACK_URL, parseMeta, requireCallbackUrl } from '../../../nodes/Os1Mts/helpers/callback';
import { expiryFromAmount, expirySeconds, requireExpiry } from '../../../nodes/Os1Mts/helpers/expiry';
import { consentGiven, withIsoFields } from '../../../nodes/Os1Mts/helpers/times';
import { epochOfEitherUnitToIso } from '../../../nodes/shared/time';
import { traceToPoints, traceToRoute, type TraceFeature } from '../../../nodes/Os1Mts/helpers/trace';
import { callbackToJson, tracePointsToJson } from '../../../nodes/Os1Mts/trigger/events';
import { testNode } from '../test-node';

const node: INode = testNode();
const ref = (parameter: string) => ({ node, parameter, itemIndex: 2 });

describe('OS1 expiry', () => {
	it.each([
		['2h', 7200],
		['1d', 86400],
		['50s', 50],
		['3h4m7s', 3 * 3600 + 4 * 60 + 7],
		['60d', 60 * 86400],
	])('reads %s as %i seconds and accepts it', (text, seconds) => {
		expect(expirySeconds(text)).toBe(seconds);
		expect(requireExpiry(ref('Duration'), text)).toBe(text);
	});

	it.each(['', '0s', '61d', '60d1s', '4m3h', '2 h', '1w', 'h', '-1d'])('refuses %p before sending, naming the field', (text) => {
		expect(() => requireExpiry(ref('Duration'), text)).toThrow(`Invalid value for "Duration": ${JSON.stringify(text)}`);
	});

	it('turns a number and a unit into OS1 text, within 60 days', () => {
		expect(expiryFromAmount(ref('Expires After'), 14, 'd')).toBe('14d');
		expect(expiryFromAmount(ref('Expires After'), 90, 'm')).toBe('90m');
		expect(() => expiryFromAmount(ref('Expires After'), 61, 'd')).toThrow('Expires After');
		expect(() => expiryFromAmount(ref('Expires After'), 1.5, 'h')).toThrow('whole number of hours');
		expect(() => expiryFromAmount(ref('Expires After'), 0, 's')).toThrow('Expires After');
	});
});

describe('OS1 callback URL', () => {
	it('follows the documented pattern: a dotted public host name', () => {
		for (const url of ['https://myserver.com/callbacks', 'http://n8n.example.org/webhook/abc/webhook', 'https://www.acme.io/hook?x=1']) {
			expect(OS1_CALLBACK_URL.test(url)).toBe(true);
		}
		for (const url of ['http://localhost:5678/webhook/x', 'http://127.0.0.1:5678/webhook/x', 'https://10.0.0.4/hook', 'ftp://example.com/x', 'example.com/x']) {
			expect(OS1_CALLBACK_URL.test(url)).toBe(false);
		}
	});

	it('refuses a local URL for a real tenant with the reason, and allows it only for a local tenant (the simulator)', () => {
		const local = 'http://127.0.0.1:5678/webhook/abc/webhook';
		expect(() => requireCallbackUrl(ref('Callback URL'), local, 'https://acme.sandbox.getos1.com')).toThrow(
			expect.objectContaining({ description: expect.stringContaining('dotted host name') }),
		);
		expect(requireCallbackUrl(ref('Callback URL'), local, 'http://127.0.0.1:18103')).toBe(local);
		expect(() => requireCallbackUrl(ref('Callback URL'), 'not a url', 'http://127.0.0.1:18103')).toThrow('Callback URL');
	});

	it('sends the secret base64-encoded and reads meta from JSON text', () => {
		expect(encodeCallbackSecret('secret')).toBe('c2VjcmV0');
		expect(parseMeta(ref('Meta (JSON)'), '{"orderId":"A-17"}')).toEqual({ orderId: 'A-17' });
		expect(parseMeta(ref('Meta (JSON)'), '')).toBeUndefined();
		expect(() => parseMeta(ref('Meta (JSON)'), '[1]')).toThrow('Meta (JSON)');
	});
});

describe('OS1 times and consent words', () => {
	it('reads seconds and milliseconds alike, 0 as not yet', () => {
		expect(epochOfEitherUnitToIso(1633036800)).toBe('2021-09-30T21:20:00.000Z');
		expect(epochOfEitherUnitToIso(1678011594259)).toBe('2023-03-05T10:19:54.259Z');
		expect(epochOfEitherUnitToIso(0)).toBeNull();
		expect(withIsoFields({ startedAt: 1633036800, stoppedAt: 0, status: 'x' }, ['startedAt', 'stoppedAt', 'absent'])).toEqual({
			startedAt: '2021-09-30T21:20:00.000Z',
			stoppedAt: null,
			status: 'x',
		});
	});

	it('counts allowed and granted as consent given', () => {
		expect(['allowed', 'GRANTED', 'denied', 'revoked', undefined].map(consentGiven)).toEqual([true, true, false, false, false]);
	});
});

describe('OS1 trace data', () => {
	const features: TraceFeature[] = [
		{ type: 'Feature', geometry: { type: 'Point', coordinates: [77.2, 28.6] }, properties: { timestamp: 1700000000000, sequence: 1 } },
		{ type: 'Feature', geometry: { type: 'Point', coordinates: [77.21, 28.6] }, properties: { timestamp: 1700000030000, sequence: 2 } },
	];

	it('gives one point per feature with the normalized location', () => {
		const [first] = traceToPoints('mts:track:1', features);
		expect(first).toMatchObject({ trackId: 'mts:track:1', sequence: 1, timestamp: '2023-11-14T22:13:20.000Z' });
		expect(first.location).toMatchObject({ provider: 'os1', deviceId: 'mts:track:1', latitude: 28.6, longitude: 77.2, time: '2023-11-14T22:13:20.000Z' });
	});

	it('summarizes a track as a LineString with distance and times', () => {
		const route = traceToRoute('mts:track:1', 'sim-1', features);
		expect(route).toMatchObject({ points: 2, firstTime: '2023-11-14T22:13:20.000Z', lastTime: '2023-11-14T22:13:50.000Z' });
		expect(route.distanceM).toBeGreaterThan(970);
		expect(route.distanceM).toBeLessThan(1010);
		expect((route.route as { geometry: { coordinates: unknown } }).geometry.coordinates).toEqual([
			[77.2, 28.6],
			[77.21, 28.6],
		]);
	});
});

describe('OS1 callbacks', () => {
	it('gives times as ISO, passes meta through and splits trace updates into points', () => {
		const body = {
			eventId: 'e1',
			eventType: 'TRACE_UPDATE',
			occurredAt: 1700000000000,
			data: { trackId: 't1', points: [{ lat: 28.6, lon: 77.2, timestamp: 1700000000000, sequence: 7 }] },
			meta: { orderId: 'A-17' },
		};
		const event = callbackToJson(body);
		expect(event).toMatchObject({ eventType: 'TRACE_UPDATE', occurredAt: '2023-11-14T22:13:20.000Z', meta: { orderId: 'A-17' } });
		const [point] = tracePointsToJson(event);
		expect(point).toMatchObject({ eventId: 'e1', trackId: 't1', sequence: 7, timestamp: '2023-11-14T22:13:20.000Z', meta: { orderId: 'A-17' } });
		expect(point.location).toMatchObject({ latitude: 28.6, longitude: 77.2 });
		expect(callbackToJson({ eventType: 'CONSENT_REVOKED', data: { msisdn: '91', consentStatus: 'revoked' } })).toMatchObject({
			meta: {},
			data: { msisdn: '91', consentStatus: 'revoked' },
		});
	});
});
