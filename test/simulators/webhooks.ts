/**
 * Webhook callbacks for provider simulators: a component a simulator owns (composition, not a base
 * class) that keeps the callback subscriptions registered at the provider and POSTs events to them over
 * real HTTP, signed the way the provider signs (an HMAC of the exact body bytes in a header it names),
 * unsigned, or with a forged signature. Every delivery is recorded with n8n's answer, so tests can
 * assert what n8n said. Only 127.0.0.1 URLs are accepted: nothing leaves the machine.
 *
 * The signature is computed here with node:crypto directly, not with nodes/shared/webhookSignature.ts,
 * so the simulator checks the package's verification against an independent implementation.
 */
import { createHmac, randomBytes } from 'node:crypto';
import * as http from 'node:http';

export interface SignatureScheme {
	/** Header carrying the signature, as the provider names it. */
	header: string;
	algorithm?: 'sha1' | 'sha256' | 'sha512';
	encoding?: 'hex' | 'base64';
	/** Text before the digest, e.g. `sha256=`. */
	prefix?: string;
}

export interface WebhookSubscription {
	id: string;
	url: string;
	/** The HMAC key issued to the subscriber. */
	secret: string;
	/** Event types it asked for; empty: every event. */
	events: string[];
	createdAt: number;
}

/** repeated: an earlier signed delivery sent again byte for byte, signature included (a provider's retry). */
export type DeliveryKind = 'signed' | 'unsigned' | 'forged' | 'repeated';

export interface WebhookDelivery {
	seq: number;
	at: number;
	subscriptionId: string;
	url: string;
	kind: DeliveryKind;
	/** The event type and the caller's key for the event, when given. */
	event?: string;
	key?: string;
	/** The exact body bytes sent (UTF-8). */
	body: string;
	/** The signature header sent, if any. */
	signature?: string;
	/** HTTP status the receiver answered; 0 when there was no answer (see error). */
	status: number;
	responseBody: string;
	error?: string;
}

export interface SendOptions {
	kind?: DeliveryKind;
	/** Event type, matched against each subscription's filter. */
	event?: string;
	/** A key for the event (e.g. its id), kept in the delivery record. */
	key?: string;
	/** Extra request headers. */
	headers?: Record<string, string>;
	/** Per-request timeout; default 30 s. */
	timeoutMs?: number;
}

export interface WebhookOptions {
	signature: SignatureScheme;
	/** Prefix of subscription ids, e.g. `sub_`. */
	idPrefix?: string;
}

/** Throws unless the URL is plain http to 127.0.0.1: callbacks never leave the machine. */
export function assertLoopbackUrl(url: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`Not a URL: ${url}`);
	}
	if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') {
		throw new Error(`Callback URLs must be http://127.0.0.1:<port>/..., got ${url}`);
	}
	return parsed;
}

export class WebhookSubscriptions {
	readonly deliveries: WebhookDelivery[] = [];
	private readonly subscriptions = new Map<string, WebhookSubscription>();
	private idSequence = 0;
	private deliverySequence = 0;

	constructor(private readonly options: WebhookOptions) {}

	/** Registers a callback URL; returns the new subscription with its secret. */
	subscribe(url: string, events: string[] = []): WebhookSubscription {
		assertLoopbackUrl(url);
		const id = `${this.options.idPrefix ?? 'sub_'}${++this.idSequence}${randomBytes(3).toString('hex')}`;
		const subscription = { id, url, secret: randomBytes(24).toString('hex'), events: [...events], createdAt: Date.now() };
		this.subscriptions.set(id, subscription);
		return { ...subscription };
	}

	get(id: string): WebhookSubscription | undefined {
		const found = this.subscriptions.get(id);
		return found && { ...found, events: [...found.events] };
	}

	list(): WebhookSubscription[] {
		return [...this.subscriptions.values()].map((entry) => ({ ...entry, events: [...entry.events] }));
	}

	/** false when there was no such subscription. */
	remove(id: string): boolean {
		return this.subscriptions.delete(id);
	}

	/** The subscriptions an event of this type goes to. */
	matching(event?: string): WebhookSubscription[] {
		return this.list().filter((entry) => event === undefined || entry.events.length === 0 || entry.events.includes(event));
	}

	/** The signature header value the provider sends for these body bytes under this secret. */
	sign(secret: string, body: string): string {
		const { algorithm = 'sha256', encoding = 'hex', prefix = '' } = this.options.signature;
		return `${prefix}${createHmac(algorithm, secret).update(Buffer.from(body, 'utf8')).digest(encoding)}`;
	}

	/**
	 * A signature in the provider's format that does not match: the right shape and length, computed
	 * with a secret other than the subscriber's.
	 */
	forge(body: string): string {
		return this.sign(`forged-${randomBytes(8).toString('hex')}`, body);
	}

	/** POSTs a body (an object is serialized as JSON; a string is sent byte for byte) to one subscription. */
	async deliver(subscriptionId: string, payload: unknown, options: SendOptions = {}): Promise<WebhookDelivery> {
		const subscription = this.subscriptions.get(subscriptionId);
		if (!subscription) throw new Error(`No webhook subscription ${subscriptionId}`);
		const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
		const kind = options.kind ?? 'signed';
		if (kind === 'repeated') throw new Error('Use redeliver(seq) to repeat a delivery');
		const signature =
			kind === 'signed' ? this.sign(subscription.secret, body) : kind === 'forged' ? this.forge(body) : undefined;
		return await this.post(subscription, body, signature, kind, options);
	}

	/**
	 * Sends an earlier signed delivery again: the same URL, body bytes and signature (what a provider
	 * does when it retries). Recorded as kind 'repeated' with the original's event and key.
	 */
	async redeliver(seq: number, options: Pick<SendOptions, 'headers' | 'timeoutMs'> = {}): Promise<WebhookDelivery> {
		const original = this.deliveries.find((entry) => entry.seq === seq);
		if (!original || original.kind !== 'signed') throw new Error(`No signed delivery ${seq} to repeat`);
		const target = { id: original.subscriptionId, url: original.url };
		return await this.post(target, original.body, original.signature, 'repeated', {
			...options,
			event: original.event,
			key: original.key,
		});
	}

	private async post(
		subscription: Pick<WebhookSubscription, 'id' | 'url'>,
		body: string,
		signature: string | undefined,
		kind: DeliveryKind,
		options: SendOptions,
	): Promise<WebhookDelivery> {
		const subscriptionId = subscription.id;
		const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
		if (signature !== undefined) headers[this.options.signature.header] = signature;
		const delivery: WebhookDelivery = {
			seq: ++this.deliverySequence,
			at: Date.now(),
			subscriptionId,
			url: subscription.url,
			kind,
			event: options.event,
			key: options.key,
			body,
			signature,
			status: 0,
			responseBody: '',
		};
		try {
			const answer = await postCallback(subscription.url, body, headers, options.timeoutMs ?? 30_000);
			delivery.status = answer.status;
			delivery.responseBody = answer.body;
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
		}
		this.deliveries.push(delivery);
		return delivery;
	}

	/** Sends one event to every subscription whose filter takes it; returns one delivery per subscription. */
	async send(payload: unknown, options: SendOptions = {}): Promise<WebhookDelivery[]> {
		const targets = this.matching(options.event);
		return await Promise.all(targets.map(async (entry) => await this.deliver(entry.id, payload, options)));
	}

	/** Deliveries so far, optionally only those of one kind. */
	sent(kind?: DeliveryKind): WebhookDelivery[] {
		return this.deliveries.filter((entry) => kind === undefined || entry.kind === kind);
	}

	clear(): void {
		this.subscriptions.clear();
		this.deliveries.length = 0;
	}
}

/**
 * POSTs exact body bytes to a loopback URL and resolves with the status and body of the answer; rejects
 * when there is none within `timeoutMs`. Every simulator's callbacks go through here.
 */
export async function postCallback(
	url: string,
	body: string,
	headers: Record<string, string>,
	timeoutMs = 30_000,
): Promise<{ status: number; body: string }> {
	const target = assertLoopbackUrl(url);
	const bytes = Buffer.from(body, 'utf8');
	return await new Promise((resolve, reject) => {
		const request = http.request(
			target,
			{ method: 'POST', headers: { ...headers, 'content-length': String(bytes.length) }, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				response.on('error', reject);
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(new Error(`No answer from ${url} within ${timeoutMs} ms`)));
		request.on('error', reject);
		request.end(bytes);
	});
}
