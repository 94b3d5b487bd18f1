import { createHmac, timingSafeEqual } from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

/**
 * Signatures of webhook callbacks: an HMAC of the exact body bytes, keyed with the secret the provider
 * issued when the webhook was registered, sent in a header as hex or base64 (sometimes after a prefix
 * such as `sha256=`). Pure functions: the trigger passes the raw body and the header it received.
 */

export type SignatureAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

export interface SignatureFormat {
	/** HMAC hash; default sha256. */
	algorithm?: SignatureAlgorithm;
	/** How the digest is written in the header; default hex. */
	encoding?: SignatureEncoding;
	/** Text before the digest in the header, e.g. `sha256=`; none by default. */
	prefix?: string;
	/**
	 * Whether a header without the prefix is rejected (default true). False accepts the digest with or
	 * without it, for providers whose documents show both.
	 */
	prefixRequired?: boolean;
}

/** A received header value: Node gives a string, an array when the header was repeated, or nothing. */
export type ReceivedSignature = string | string[] | undefined | null;

const DIGEST_BYTES: Record<SignatureAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };
const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function digest(secret: string | Buffer, rawBody: string | Buffer, algorithm: SignatureAlgorithm): Buffer {
	return createHmac(algorithm, secret).update(rawBody).digest();
}

/** The signature of a body as the header carries it: prefix (if any) and the encoded HMAC digest. */
export function computeSignature(
	secret: string | Buffer,
	rawBody: string | Buffer,
	format: SignatureFormat = {},
): string {
	const encoded = digest(secret, rawBody, format.algorithm ?? 'sha256').toString(format.encoding ?? 'hex');
	return `${format.prefix ?? ''}${encoded}`;
}

/** The digest bytes a header value stands for, or undefined when it is not a well-formed one. */
function decodeReceived(received: string, format: SignatureFormat): Buffer | undefined {
	let value = received.trim();
	const prefix = format.prefix ?? '';
	if (prefix !== '') {
		if (value.toLowerCase().startsWith(prefix.toLowerCase())) value = value.slice(prefix.length);
		else if (format.prefixRequired !== false) return undefined;
	}
	const encoding = format.encoding ?? 'hex';
	if (encoding === 'hex') {
		if (value.length % 2 !== 0 || !HEX.test(value)) return undefined;
		return Buffer.from(value, 'hex');
	}
	if (value.length % 4 !== 0 || !BASE64.test(value)) return undefined;
	return Buffer.from(value, 'base64');
}

/**
 * Whether a received signature header matches the body, compared in constant time. A missing, repeated,
 * malformed or wrongly sized value, an empty secret or a missing body is a mismatch (false), never an error.
 */
export function verifySignature(
	secret: string | Buffer | undefined | null,
	rawBody: string | Buffer | undefined | null,
	received: ReceivedSignature,
	format: SignatureFormat = {},
): boolean {
	if (secret === undefined || secret === null || secret.length === 0) return false;
	if (rawBody === undefined || rawBody === null) return false;
	const value = Array.isArray(received) ? (received.length === 1 ? received[0] : undefined) : received;
	if (typeof value !== 'string' || value === '') return false;

	const algorithm = format.algorithm ?? 'sha256';
	const given = decodeReceived(value, format);
	if (given === undefined || given.length !== DIGEST_BYTES[algorithm]) return false;
	const expected = digest(secret, rawBody, algorithm);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The two options of a webhook trigger whose provider does not publish how it signs: the header carrying
 * the HMAC-SHA256 of the body (`signatureHeader`, default given) and its encoding (`signatureEncoding`).
 */
export function signatureOptionFields(defaultHeader: string, headerDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Signature Encoding',
			name: 'signatureEncoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'hex',
			description: 'How the HMAC-SHA256 of the body is written in the signature header',
		},
		{
			displayName: 'Signature Header',
			name: 'signatureHeader',
			type: 'string',
			default: defaultHeader,
			description: headerDescription,
		},
	];
}
