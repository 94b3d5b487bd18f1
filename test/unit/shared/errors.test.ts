import { NodeApiError } from 'n8n-workflow';

import {
	UNKNOWN_PROVIDER_CODE,
	describeProviderCode,
	providerApiError,
	redactSecrets,
} from '../../../nodes/shared/errors';
import type { ProviderErrorTable } from '../../../nodes/shared/errors';
import { testNode } from '../test-node';

const node = testNode();
const table: ProviderErrorTable = {
	provider: 'ProTrack',
	codes: {
		'10013': 'IMEI is not authorized',
		'20001': 'Operation not permitted (EPERM)',
		'10007': 'Service is busy',
	},
};

describe('describeProviderCode', () => {
	it('looks codes up as strings or numbers', () => {
		expect(describeProviderCode(table, 10013)).toBe('IMEI is not authorized');
		expect(describeProviderCode(table, ' 10013 ')).toBe('IMEI is not authorized');
	});

	it('marks codes outside the table, including prototype names', () => {
		expect(describeProviderCode(table, 99999)).toBe(
			"Unknown error code (not in the provider's documented table)",
		);
		expect(describeProviderCode(table, 'constructor')).toBe(UNKNOWN_PROVIDER_CODE);
		expect(describeProviderCode(table, 'toString')).toBe(UNKNOWN_PROVIDER_CODE);
	});
});

describe('providerApiError', () => {
	it('builds a NodeApiError with the documented meaning as message', () => {
		const error = providerApiError(node, table, 10013, {
			providerMessage: 'imei 123 no auth',
			operation: 'Get Location',
			itemIndex: 4,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ProTrack error 10013: IMEI is not authorized');
		expect(error.description).toBe('Provider message: imei 123 no auth; Operation: Get Location');
		expect(error.context.itemIndex).toBe(4);
		expect(error.context.providerCode).toBe('10013');
		expect(error.context.provider).toBe('ProTrack');
		expect(error.node).toBe(node);
	});

	it('keeps the message when an HTTP code is given (NodeApiError would use a generic status text)', () => {
		const error = providerApiError(node, table, '10007', { httpCode: 503 });
		expect(error.message).toBe('ProTrack error 10007: Service is busy');
		expect(error.httpCode).toBe('503');
	});

	it('keeps the message even when it contains an OS error code', () => {
		const error = providerApiError(node, table, 20001);
		expect(error.message).toBe('ProTrack error 20001: Operation not permitted (EPERM)');
	});

	it('does not report the provider code as an HTTP code', () => {
		expect(providerApiError(node, table, 10013).httpCode).toBeNull();
	});

	it('omits the description when the provider repeats the documented text and no operation is given', () => {
		const error = providerApiError(node, table, 10013, {
			providerMessage: ' imei is NOT authorized ',
		});
		expect(error.description).toBeUndefined();
		expect(
			providerApiError(node, table, 10013, { providerMessage: '   ' }).description,
		).toBeUndefined();
	});

	it('explains unknown codes and still shows what the provider said', () => {
		const error = providerApiError(node, table, 'E42', {
			providerMessage: 'Something odd',
			httpCode: '200',
		});
		expect(error.message).toBe(
			"ProTrack error E42: Unknown error code (not in the provider's documented table)",
		);
		expect(error.description).toBe('Provider message: Something odd');
		expect(error.context.providerCode).toBe('E42');
		expect(error.httpCode).toBe('200');
	});
});

describe('redactSecrets', () => {
	it('replaces every occurrence of each non-empty secret', () => {
		expect(redactSecrets('key s3cr3t and again s3cr3t', ['s3cr3t', undefined, ''])).toBe(
			'key *** and again ***',
		);
	});

	it('replaces longer secrets first and never rescans a replacement', () => {
		expect(redactSecrets('token abc123 and abc', ['abc', 'abc123'])).toBe('token *** and ***');
		expect(redactSecrets('pw x*y', ['x*y', '*'])).toBe('pw ***');
	});

	it('replaces URL-encoded forms of secrets', () => {
		expect(redactSecrets('GET /login?pass=p%40ss%20word', ['p@ss word'])).toBe(
			'GET /login?pass=***',
		);
	});

	it('redacts the values of the named query parameters and JSON fields, and only those', () => {
		const names = ['access_token', 'password', 'signature'];
		const url =
			'https://api.example/api/track?access_token=abc.def&imei=1&signature=9f8e&PASSWORD=hunter2#x';
		expect(redactSecrets(url, [], names)).toBe(
			'https://api.example/api/track?access_token=***&imei=1&signature=***&PASSWORD=***#x',
		);
		expect(redactSecrets('{"password":"hun\\"ter2","user":"bob"}', [], names)).toBe(
			'{"password":"***","user":"bob"}',
		);
		expect(redactSecrets('/x?hash=abc&key=k1', [], ['hash'])).toBe('/x?hash=***&key=k1');
		expect(redactSecrets(url, [])).toBe(url);
	});

	it('leaves text without secrets alone', () => {
		expect(redactSecrets('nothing to hide: /x?password=&imei=1', ['absent'], ['password'])).toBe(
			'nothing to hide: /x?password=&imei=1',
		);
	});
});
