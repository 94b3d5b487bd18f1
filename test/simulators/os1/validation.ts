/** Checks of request fields as the documents state them; each failure is the Os1Error of that field. */
import { Os1Code, Os1Error, OS1_LIMITS } from './codes';

/** A callback as the API keeps it: the url, the meta object and the base64 secret (all as sent). */
export interface Callback {
	url: string;
	meta: Record<string, unknown>;
	/** Base64 text as sent; the HMAC key is its decoded bytes. Absent: callbacks go unsigned. */
	secret?: string;
}

/**
 * The documented callback URL pattern, taken as anchored (a URL that only contains a match is refused).
 * It needs a dotted host name with a 2 to 4 letter ending: localhost and bare IP addresses fail.
 */
export const DOCUMENTED_CALLBACK_URL =
	/^https?:\/\/(www\.)?[-a-zA-Z0-9@:%._+~#=]{2,256}\.[a-z]{2,4}\b([-a-zA-Z0-9@:%_+.~#?&//=]*)$/;
/**
 * The simulator's own exception: it runs on 127.0.0.1 and calls back n8n there, which the documented
 * pattern refuses. A real tenant does not accept these; nothing else is loosened.
 */
export const LOOPBACK_CALLBACK_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}(\/[-a-zA-Z0-9@:%_+.~#?&//=]*)?$/;

/** Standard base64, padding optional (the documents' own example secret "string" has none). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const EXPIRY = /^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

export type Body = Record<string, unknown>;

/** The JSON object body; an absent body is an empty object. */
export function bodyOf(body: unknown): Body {
	if (body === undefined) return {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new Os1Error(Os1Code.invalidBody, 'The request body must be a JSON object');
	}
	return body as Body;
}

export function msisdnOf(value: unknown): string {
	if (typeof value !== 'string' || !OS1_LIMITS.msisdn.test(value)) {
		throw new Os1Error(Os1Code.invalidMsisdn, `Invalid msisdn ${JSON.stringify(value)}: must match ^\\d{1,12}$`);
	}
	return value;
}

/** Milliseconds of an expiry like `3h4m7s`; absent means the default (1d). */
export function expiryMsOf(value: unknown): number {
	const text = value === undefined ? OS1_LIMITS.defaultExpiry : value;
	const match = typeof text === 'string' && text !== '' ? EXPIRY.exec(text) : null;
	const ms = match
		? match.slice(1).reduce((sum, part) => (part ? sum + Number(part.slice(0, -1)) * UNIT_MS[part.slice(-1)] : sum), 0)
		: 0;
	if (!match || ms <= 0 || ms > OS1_LIMITS.maxExpiryMs) {
		throw new Os1Error(Os1Code.invalidExpiry, `Invalid expiry ${JSON.stringify(value)}: like 2h, 1d, 50s or 3h4m7s, at most 60 days`);
	}
	return ms;
}

export function isBase64(text: string): boolean {
	return text !== '' && BASE64.test(text);
}

/** The callback object, or undefined when absent. */
export function callbackOf(value: unknown): Callback | undefined {
	if (value === undefined || value === null) return undefined;
	const invalid = (why: string) => new Os1Error(Os1Code.invalidCallback, `Invalid callback: ${why}`);
	if (typeof value !== 'object' || Array.isArray(value)) throw invalid('must be an object {url, meta?, secret?}');
	const { url, meta, secret } = value as Body;
	if (typeof url !== 'string' || !(DOCUMENTED_CALLBACK_URL.test(url) || LOOPBACK_CALLBACK_URL.test(url))) {
		throw invalid(`url ${JSON.stringify(url)} does not match the documented pattern`);
	}
	if (meta !== undefined && (meta === null || typeof meta !== 'object' || Array.isArray(meta))) {
		throw invalid('meta must be an object');
	}
	if (secret !== undefined && (typeof secret !== 'string' || !isBase64(secret))) {
		throw invalid('secret must be base64 encoded');
	}
	return { url, meta: { ...((meta as Body | undefined) ?? {}) }, ...(secret === undefined ? {} : { secret }) };
}

export function booleanOf(body: Body, field: string): boolean {
	const value = body[field];
	if (value === undefined) return false;
	if (typeof value !== 'boolean') throw new Os1Error(Os1Code.invalidBody, `${field} must be true or false`);
	return value;
}

/** An optional text field; absent stays undefined. */
export function optionalTextOf(body: Body, field: string): string | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '') throw new Os1Error(Os1Code.invalidBody, `${field} must be a non-empty string`);
	return value;
}

export function contextIdOf(value: unknown): string {
	if (typeof value !== 'string' || value === '' || value.length > OS1_LIMITS.contextIdLength) {
		throw new Os1Error(Os1Code.invalidContextId, `Invalid contextId ${JSON.stringify(value)}: required, 1 to 256 characters`);
	}
	return value;
}

export type Operation = 'start' | 'stop';

export function operationOf(value: unknown): Operation {
	if (value !== 'start' && value !== 'stop') {
		throw new Os1Error(Os1Code.invalidBody, `operation must be start or stop, got ${JSON.stringify(value)}`);
	}
	return value;
}
