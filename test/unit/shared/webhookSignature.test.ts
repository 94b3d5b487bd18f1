import { createHmac } from 'node:crypto';

import { computeSignature, verifySignature } from '../../../nodes/shared/webhookSignature';

const SECRET = 'whsec_5f1c2a';
const BODY = '{"event":"alarm","imei":"358899051234567","speed":12.5}';
// Independent of the helper: what a provider computes.
const hmac = (algorithm: string, encoding: 'hex' | 'base64', body: string | Buffer = BODY, secret = SECRET) =>
	createHmac(algorithm, secret).update(body).digest(encoding);

describe('computeSignature', () => {
	it('is the hex HMAC-SHA256 of the body by default', () => {
		expect(computeSignature(SECRET, BODY)).toBe(hmac('sha256', 'hex'));
	});

	it.each([
		['sha1', 'hex'],
		['sha1', 'base64'],
		['sha256', 'base64'],
		['sha512', 'hex'],
		['sha512', 'base64'],
	] as const)('supports %s in %s', (algorithm, encoding) => {
		expect(computeSignature(SECRET, BODY, { algorithm, encoding })).toBe(hmac(algorithm, encoding));
	});

	it('puts the prefix before the digest', () => {
		expect(computeSignature(SECRET, BODY, { prefix: 'sha256=' })).toBe(`sha256=${hmac('sha256', 'hex')}`);
	});

	it('signs the exact bytes: a Buffer and the same text agree, any change of a byte differs', () => {
		const bytes = Buffer.from(BODY, 'utf8');
		expect(computeSignature(SECRET, bytes)).toBe(computeSignature(SECRET, BODY));
		expect(computeSignature(SECRET, `${BODY} `)).not.toBe(computeSignature(SECRET, BODY));
		expect(computeSignature(SECRET, 'ünïcode')).toBe(hmac('sha256', 'hex', Buffer.from('ünïcode', 'utf8')));
	});

	it('depends on the secret', () => {
		expect(computeSignature('other', BODY)).not.toBe(computeSignature(SECRET, BODY));
	});
});

describe('verifySignature', () => {
	it('accepts the right signature (hex, either case)', () => {
		const signature = hmac('sha256', 'hex');
		expect(verifySignature(SECRET, BODY, signature)).toBe(true);
		expect(verifySignature(SECRET, BODY, signature.toUpperCase())).toBe(true);
		expect(verifySignature(SECRET, Buffer.from(BODY), ` ${signature}\t`)).toBe(true);
	});

	it('accepts the right base64 signature and other algorithms', () => {
		expect(verifySignature(SECRET, BODY, hmac('sha256', 'base64'), { encoding: 'base64' })).toBe(true);
		expect(verifySignature(SECRET, BODY, hmac('sha1', 'hex'), { algorithm: 'sha1' })).toBe(true);
		expect(verifySignature(SECRET, BODY, hmac('sha512', 'base64'), { algorithm: 'sha512', encoding: 'base64' })).toBe(
			true,
		);
	});

	it('rejects a signature of another body, another secret or another algorithm', () => {
		expect(verifySignature(SECRET, BODY, hmac('sha256', 'hex', `${BODY}\n`))).toBe(false);
		expect(verifySignature(SECRET, BODY, hmac('sha256', 'hex', BODY, 'wrong'))).toBe(false);
		expect(verifySignature(SECRET, BODY, hmac('sha512', 'hex'))).toBe(false);
		expect(verifySignature(SECRET, BODY, hmac('sha256', 'hex'), { encoding: 'base64' })).toBe(false);
	});

	it('rejects one changed digit', () => {
		const signature = hmac('sha256', 'hex');
		const forged = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
		expect(verifySignature(SECRET, BODY, forged)).toBe(false);
	});

	it('rejects a wrong length without comparing (truncated, extended, empty)', () => {
		const signature = hmac('sha256', 'hex');
		expect(verifySignature(SECRET, BODY, signature.slice(0, 62))).toBe(false);
		expect(verifySignature(SECRET, BODY, `${signature}00`)).toBe(false);
		expect(verifySignature(SECRET, BODY, signature.slice(0, 63))).toBe(false);
		expect(verifySignature(SECRET, BODY, '')).toBe(false);
	});

	it('rejects malformed values instead of decoding them leniently', () => {
		const hex = hmac('sha256', 'hex');
		expect(verifySignature(SECRET, BODY, `${hex.slice(0, -2)}zz`)).toBe(false);
		const base64 = hmac('sha256', 'base64');
		expect(verifySignature(SECRET, BODY, `${base64.slice(0, 10)}!${base64.slice(11)}`, { encoding: 'base64' })).toBe(
			false,
		);
		expect(verifySignature(SECRET, BODY, base64.replace(/=+$/, ''), { encoding: 'base64' })).toBe(false);
	});

	it('is false, not an error, when the header, the secret or the body is missing', () => {
		const signature = hmac('sha256', 'hex');
		expect(verifySignature(SECRET, BODY, undefined)).toBe(false);
		expect(verifySignature(SECRET, BODY, null)).toBe(false);
		expect(verifySignature(undefined, BODY, signature)).toBe(false);
		expect(verifySignature('', BODY, signature)).toBe(false);
		expect(verifySignature(SECRET, undefined, signature)).toBe(false);
	});

	it('takes a header given once as an array, and rejects a repeated one', () => {
		const signature = hmac('sha256', 'hex');
		expect(verifySignature(SECRET, BODY, [signature])).toBe(true);
		expect(verifySignature(SECRET, BODY, [signature, signature])).toBe(false);
		expect(verifySignature(SECRET, BODY, [])).toBe(false);
	});

	describe('with a prefix', () => {
		const signature = hmac('sha256', 'hex');

		it('requires it by default', () => {
			expect(verifySignature(SECRET, BODY, `sha256=${signature}`, { prefix: 'sha256=' })).toBe(true);
			expect(verifySignature(SECRET, BODY, `SHA256=${signature}`, { prefix: 'sha256=' })).toBe(true);
			expect(verifySignature(SECRET, BODY, signature, { prefix: 'sha256=' })).toBe(false);
			expect(verifySignature(SECRET, BODY, `sha1=${signature}`, { prefix: 'sha256=' })).toBe(false);
		});

		it('accepts the digest with or without it when it is optional', () => {
			const format = { prefix: 'sha256=', prefixRequired: false };
			expect(verifySignature(SECRET, BODY, `sha256=${signature}`, format)).toBe(true);
			expect(verifySignature(SECRET, BODY, signature, format)).toBe(true);
			expect(verifySignature(SECRET, BODY, `sha256=${signature.replace(/^./, 'x')}`, format)).toBe(false);
		});

		it('round-trips with computeSignature', () => {
			const format = { prefix: 'v1=', encoding: 'base64', algorithm: 'sha512' } as const;
			expect(verifySignature(SECRET, BODY, computeSignature(SECRET, BODY, format), format)).toBe(true);
		});
	});
});
