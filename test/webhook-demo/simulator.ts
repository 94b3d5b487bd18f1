/**
 * The test-only demo provider's API (test/webhook-demo): webhook subscriptions and signed event callbacks.
 *   POST   /subscriptions       {url, events?}  → 201 {id, url, events, secret}
 *   GET    /subscriptions                       → 200 {subscriptions: [{id, url, events}]}
 *   GET    /subscriptions/:id                   → 200 {id, url, events} | 404
 *   DELETE /subscriptions/:id                   → 204 | 404
 * Every request needs `X-Api-Key: <DEMO_API_KEY>` (else 401). Callback URLs must be http://127.0.0.1.
 * Events go out as `X-Demo-Signature: sha256=<hex HMAC-SHA256 of the body>` with the subscription's secret.
 */
import { Simulator, type SimRequest, type SimResponse } from '../simulators/framework';
import { assertLoopbackUrl, WebhookSubscriptions, type DeliveryKind, type WebhookDelivery } from '../simulators/webhooks';

export const DEMO_API_KEY = 'demo-webhook-key-2026';
export const DEMO_EVENT_TYPES = ['alarm', 'status'] as const;
export type DemoEventType = (typeof DEMO_EVENT_TYPES)[number];

export interface DemoEvent {
	id: string;
	type: DemoEventType;
	occurredAt: string;
	device: string;
	data: Record<string, unknown>;
}

const SUBSCRIPTION = /^\/subscriptions\/([^/]+)$/;

export class DemoWebhookSimulator extends Simulator {
	/** Registered callbacks and every delivery made to them (with n8n's answers). */
	readonly webhooks = new WebhookSubscriptions({
		signature: { header: 'x-demo-signature', prefix: 'sha256=', algorithm: 'sha256', encoding: 'hex' },
		idPrefix: 'sub_',
	});

	private eventSequence = 0;

	constructor() {
		super('webhook-demo');
	}

	/** A new event (not sent yet); its id is unique in this simulator. */
	event(type: DemoEventType, device = 'demo-device-1', data: Record<string, unknown> = {}): DemoEvent {
		const id = `evt_${++this.eventSequence}`;
		return { id, type, occurredAt: new Date().toISOString(), device, data: { ...data } };
	}

	/**
	 * Sends an event to every subscription whose filter takes it: signed (default), forged or unsigned.
	 * The body is indented JSON, so a receiver that re-serializes instead of using the raw bytes fails.
	 */
	async emit(event: DemoEvent, kind: DeliveryKind = 'signed'): Promise<WebhookDelivery[]> {
		return await this.webhooks.send(JSON.stringify(event, null, 2), { kind, event: event.type, key: event.id });
	}

	protected handle(req: SimRequest): SimResponse {
		if (req.headers['x-api-key'] !== DEMO_API_KEY) return { status: 401, body: { message: 'Invalid API key' } };
		if (req.path === '/subscriptions' && req.method === 'POST') return this.subscribe(req.body);
		if (req.path === '/subscriptions' && req.method === 'GET') {
			return { status: 200, body: { subscriptions: this.webhooks.list().map(publicView) } };
		}
		const match = SUBSCRIPTION.exec(req.path);
		if (match && req.method === 'GET') {
			const found = this.webhooks.get(match[1]);
			return found ? { status: 200, body: publicView(found) } : notFound(match[1]);
		}
		if (match && req.method === 'DELETE') {
			return this.webhooks.remove(match[1]) ? { status: 204 } : notFound(match[1]);
		}
		return { status: 404, body: { message: `No route ${req.method} ${req.path}` } };
	}

	private subscribe(body: unknown): SimResponse {
		const { url, events = [] } = (body ?? {}) as { url?: unknown; events?: unknown };
		if (typeof url !== 'string') return { status: 400, body: { message: 'url is required' } };
		try {
			assertLoopbackUrl(url);
		} catch (error) {
			return { status: 400, body: { message: (error as Error).message } };
		}
		const unknown = Array.isArray(events) ? events.filter((type) => !DEMO_EVENT_TYPES.includes(type as DemoEventType)) : [events];
		if (unknown.length > 0) return { status: 400, body: { message: `Unknown event types ${JSON.stringify(unknown)}` } };
		const subscription = this.webhooks.subscribe(url, events as string[]);
		return { status: 201, body: { ...publicView(subscription), secret: subscription.secret } };
	}
}

const publicView = ({ id, url, events }: { id: string; url: string; events: string[] }) => ({ id, url, events });
const notFound = (id: string): SimResponse => ({ status: 404, body: { message: `No subscription ${id}` } });
