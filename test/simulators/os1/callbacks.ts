/**
 * OS1 callbacks: events POSTed as JSON to the callback url a request gave, signed with
 * `X-COREOS-HMAC-SIGNATURE: <lowercase hex HMAC-SHA256 of the exact body bytes>` keyed with the
 * base64-decoded callback secret (no secret: unsigned). Every delivery is recorded with the receiver's
 * answer. Only http://127.0.0.1 urls are ever called (assertLoopbackUrl); any other url the API accepted
 * is recorded as skipped and never contacted. The signature is computed here with node:crypto, not with
 * the package's own code, so the tests check the package against an independent implementation.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import { assertLoopbackUrl, postCallback } from '../webhooks';
import { OS1_HEADERS } from './tenant';
import type { Callback } from './validation';

export const OS1_EVENT_TYPES = [
	'CONSENT_GRANTED',
	'CONSENT_DENIED',
	'CONSENT_REVOKED',
	'TRACK_STARTED',
	'TRACK_STOPPED',
	'TRACK_EXPIRED',
	'TRACE_UPDATE',
] as const;
export type Os1EventType = (typeof OS1_EVENT_TYPES)[number];

/** An event before it is addressed: the body of a callback without its `meta`. */
export interface Os1Event {
	eventId: string;
	eventType: Os1EventType;
	/** Epoch milliseconds (simulated time). */
	occurredAt: number;
	tenantId: string;
	data: Record<string, unknown>;
}

/**
 * signed: with a valid signature; unsigned: no signature header (the callback had no secret, or sent so on
 * purpose); forged: a signature made with another key; repeated: an earlier delivery sent again byte for byte.
 */
export type Os1DeliveryKind = 'signed' | 'unsigned' | 'forged' | 'repeated';

export interface Os1Delivery {
	seq: number;
	/** Real time of sending, epoch milliseconds. */
	at: number;
	kind: Os1DeliveryKind;
	url: string;
	eventId: string;
	eventType: Os1EventType;
	/** The exact body bytes (UTF-8). */
	body: string;
	/** The signature header sent, if any. */
	signature?: string;
	/** true: the url is not on 127.0.0.1, so nothing was sent. */
	skipped: boolean;
	/** Of a repeated delivery: the seq it repeats. */
	repeatOf?: number;
	/** HTTP status the receiver answered; 0 when skipped or unanswered. */
	status: number;
	responseBody: string;
	error?: string;
}

/** The signature header value of these body bytes under a base64 secret. */
export function signOs1Body(secretBase64: string, body: string): string {
	return createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(Buffer.from(body, 'utf8')).digest('hex');
}

export function newEvent(eventType: Os1EventType, occurredAt: number, tenantId: string, data: Record<string, unknown>): Os1Event {
	return { eventId: randomUUID(), eventType, occurredAt, tenantId, data };
}

/** The body bytes of an event sent to a callback: indented JSON, so a receiver that re-serializes fails. */
export function callbackBody(event: Os1Event, callback: Callback): string {
	return JSON.stringify({ ...event, meta: callback.meta }, null, 2);
}

export class CallbackSender {
	readonly deliveries: Os1Delivery[] = [];
	private readonly inFlight = new Set<Promise<Os1Delivery>>();
	private sequence = 0;

	/** Sends an event to a callback: signed when it has a secret, else unsigned; `forged` signs with another key. */
	send(event: Os1Event, callback: Callback, forge = false): Promise<Os1Delivery> {
		const body = callbackBody(event, callback);
		let kind: Os1DeliveryKind = callback.secret === undefined ? 'unsigned' : 'signed';
		let signature = callback.secret === undefined ? undefined : signOs1Body(callback.secret, body);
		if (forge) {
			kind = 'forged';
			signature = signOs1Body(randomBytes(24).toString('base64'), body);
		}
		return this.post({ kind, url: callback.url, eventId: event.eventId, eventType: event.eventType, body, signature });
	}

	/** Sends an event unsigned on purpose, whatever the callback's secret. */
	sendUnsigned(event: Os1Event, callback: Callback): Promise<Os1Delivery> {
		const body = callbackBody(event, callback);
		return this.post({ kind: 'unsigned', url: callback.url, eventId: event.eventId, eventType: event.eventType, body });
	}

	/** A provider's retry: the same bytes and signature header as delivery `seq`. */
	redeliver(seq: number): Promise<Os1Delivery> {
		const original = this.deliveries.find((entry) => entry.seq === seq);
		if (!original) throw new Error(`No OS1 callback delivery ${seq}`);
		if (original.skipped) throw new Error(`OS1 callback delivery ${seq} went to ${original.url}, which is never called`);
		const { url, eventId, eventType, body, signature } = original;
		return this.post({ kind: 'repeated', url, eventId, eventType, body, signature, repeatOf: seq });
	}

	/** Resolves when every delivery started so far has its answer. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	private post(fields: Pick<Os1Delivery, 'kind' | 'url' | 'eventId' | 'eventType' | 'body' | 'signature' | 'repeatOf'>): Promise<Os1Delivery> {
		const delivery: Os1Delivery = { seq: ++this.sequence, at: Date.now(), skipped: false, status: 0, responseBody: '', ...fields };
		this.deliveries.push(delivery);
		const work = this.attempt(delivery);
		this.inFlight.add(work);
		void work.finally(() => this.inFlight.delete(work));
		return work;
	}

	private async attempt(delivery: Os1Delivery): Promise<Os1Delivery> {
		try {
			assertLoopbackUrl(delivery.url);
		} catch {
			delivery.skipped = true;
			return delivery;
		}
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (delivery.signature !== undefined) headers[OS1_HEADERS.signature] = delivery.signature;
		try {
			const answer = await postCallback(delivery.url, delivery.body, headers);
			delivery.status = answer.status;
			delivery.responseBody = answer.body;
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
		}
		return delivery;
	}
}


