import { headerOf, listenersOf } from '../../../nodes/ThingSpace/transport/api';
import { errorPartsOf, interpretThingSpaceAnswer } from '../../../nodes/ThingSpace/transport/request';

const answer = (status: number, body: unknown, headers = {}) => interpretThingSpaceAnswer({ status, body, headers });

describe('How ThingSpace answers read', () => {
	it('2xx is data, with its headers', () => {
		expect(answer(200, { txid: 'a' }, { 'vz-shared-key': 'k' })).toEqual({ kind: 'ok', value: { status: 200, body: { txid: 'a' }, headers: { 'vz-shared-key': 'k' } } });
		expect(answer(200, '')).toMatchObject({ kind: 'ok', value: { body: '' } });
	});

	it('a refused bearer (401, faults 900901/900902) renews the bearer only', () => {
		expect(answer(401, { fault: { code: 900901, message: 'Invalid Credentials', description: 'expired' } })).toEqual({
			kind: 'tokenRejected',
			code: '900901',
			providerMessage: 'Invalid Credentials: expired',
		});
		expect(answer(401, { fault: { code: 900902, message: 'Missing Credentials' } })).toMatchObject({ kind: 'tokenRejected', code: '900902' });
		expect(answer(401, {})).not.toHaveProperty('forget');
	});

	it('an expired or unknown session renews the session too; an unknown account does not', () => {
		const expired = { errorCode: 'INVALID_PARAMETER', errorMessage: 'UWS verification failure (The Session has expired.)' };
		expect(answer(400, expired)).toEqual({ kind: 'tokenRejected', code: 'INVALID_PARAMETER', providerMessage: expired.errorMessage, forget: ['sessionToken'] });
		expect(answer(400, { errorCode: 'REQUEST_FAILED.SessionToken.Expired', errorMessage: 'Session token expired' })).toMatchObject({ forget: ['sessionToken'] });
		expect(answer(400, { errorCode: 'INVALID_PARAMETER', errorMessage: 'UWS verification failure (Invalid session token.)' })).toMatchObject({ forget: ['sessionToken'] });
		expect(answer(400, { errorCode: 'INVALID_PARAMETER', errorMessage: 'UWS verification failure (Could not find account 1)' })).toMatchObject({ kind: 'failed', retry: 'never' });
	});

	it('429 is the rate limit; 5xx a gateway fault worth another try when safe, named in the message; other 4xx final', () => {
		expect(answer(429, { message: 'Too Many Requests' })).toEqual({ kind: 'rateLimited', code: undefined, providerMessage: 'Too Many Requests' });
		expect(answer(502, { fault: { code: 101503, message: 'Runtime Error' } })).toEqual({ kind: 'failed', message: 'HTTP 502 from ThingSpace (101503): Runtime Error', retry: 'ifSafe' });
		expect(answer(400, { errorCode: 'INVALID_PARAMETER', errorMessage: 'Unregistered account' })).toMatchObject({
			kind: 'failed',
			code: 'INVALID_PARAMETER',
			providerMessage: 'Unregistered account',
			retry: 'never',
		});
		expect(answer(404, 'Not Found')).toMatchObject({ kind: 'failed', code: undefined, message: 'HTTP 404 from ThingSpace', retry: 'never' });
	});

	it('reads each error shape: service, gateway, OAuth, rate limit', () => {
		expect(errorPartsOf({ error: 'invalid_client', error_description: 'Client authentication failed' })).toEqual({ code: 'invalid_client', message: 'Client authentication failed' });
		expect(errorPartsOf({ message: 'Too Many Requests' })).toEqual({ message: 'Too Many Requests' });
		expect(errorPartsOf([])).toEqual({});
	});

	it('lists listeners from an array, one object, or an empty body; finds headers in any case', () => {
		expect(listenersOf('')).toEqual([]);
		expect(listenersOf(undefined)).toEqual([]);
		expect(listenersOf([{ name: 'DeviceLocation', url: 'https://a' }, { bogus: 1 }])).toEqual([{ name: 'DeviceLocation', url: 'https://a' }]);
		expect(listenersOf({ name: 'Location', url: 'https://b' })).toEqual([{ name: 'Location', url: 'https://b' }]);
		expect(headerOf({ 'vz-shared-key': 'abc' }, 'VZ-Shared-Key')).toBe('abc');
		expect(headerOf({ 'VZ-Shared-Key': ['abc'] }, 'vz-shared-key')).toBe('abc');
		expect(headerOf({}, 'VZ-Shared-Key')).toBeUndefined();
	});
});
