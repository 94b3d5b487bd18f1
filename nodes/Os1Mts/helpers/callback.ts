import type { IDataObject } from 'n8n-workflow';

import type { FieldRef } from '../../shared/validation';
import { invalidValue, operationError } from '../../shared/validation';
import type { CallbackBody } from '../transport/api';

/**
 * OS1's documented pattern for callback URLs. It needs a dotted host name ending in 2 to 4 letters, so
 * `localhost`, bare IP addresses and ports before the path do not match: OS1 cannot call back an n8n
 * that is not reachable under a public host name.
 */
export const OS1_CALLBACK_URL = /^https?:\/\/(www\.)?[-a-zA-Z0-9@:%._+~#=]{2,256}\.[a-z]{2,4}\b([-a-zA-Z0-9@:%_+.~#?&//=]*)$/;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackUrl(url: string): boolean {
	try {
		return LOOPBACK_HOSTS.has(new URL(url).hostname);
	} catch {
		return false;
	}
}

/** Whether this tenant can call the URL back: OS1's pattern, or a local URL when the tenant is local too. */
export function os1CanCallBack(url: string, tenantUrl: string): boolean {
	return OS1_CALLBACK_URL.test(url) || (isLoopbackUrl(url) && isLoopbackUrl(tenantUrl));
}

/**
 * Checks a callback URL against OS1's pattern before anything is sent. The one exception: when the
 * credential's tenant itself is on this machine (the package's OS1 simulator, `npm run sandbox`), a local
 * callback URL is allowed too; a real tenant never is on 127.0.0.1, so its check is not weakened.
 */
export function requireCallbackUrl(ref: FieldRef, value: unknown, tenantUrl: string): string {
	const url = typeof value === 'string' ? value.trim() : '';
	if (os1CanCallBack(url, tenantUrl)) return url;
	const local = isLoopbackUrl(url) || /^https?:\/\/\d+\.\d+\.\d+\.\d+/.test(url);
	const error = invalidValue(
		ref,
		value,
		'an http(s) URL on a public host name such as https://n8n.example.com/webhook/..., as OS1 requires',
	);
	if (local) {
		error.description =
			"OS1 only calls back URLs with a dotted host name: localhost, IP addresses and n8n's default local URL do not match. Set n8n's WEBHOOK_URL to a public host name (or a tunnel) so that the trigger's URL is one OS1 accepts.";
	}
	throw error;
}

/** OS1 takes the HMAC key base64-encoded; users type it plain. */
export function encodeCallbackSecret(secret: string): string {
	return Buffer.from(secret, 'utf8').toString('base64');
}

export interface CallbackInput {
	url: string;
	meta?: IDataObject;
	/** The plain secret (encoded when sent). */
	secret?: string;
}

export function callbackBody(input: CallbackInput): CallbackBody {
	const body: CallbackBody = { url: input.url };
	if (input.meta !== undefined) body.meta = input.meta;
	if (input.secret !== undefined && input.secret !== '') body.secret = encodeCallbackSecret(input.secret);
	return body;
}

/** Meta given as JSON text or an object: an object, or an error naming the field. */
export function parseMeta(ref: FieldRef, value: unknown): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value === 'string') {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as IDataObject;
		} catch {
			// reported below
		}
	}
	throw operationError(ref.node, `Invalid value for "${ref.parameter}": expected a JSON object such as {"orderId": "A-17"}`, {
		itemIndex: ref.itemIndex,
	});
}
