/**
 * Callback listeners (one per account and service name, each registration with a new shared key) and
 * the deliveries to them. A callback is POSTed as JSON and signed: `VZ-Signature` holds the lowercase
 * hex HMAC-SHA256 of the exact body bytes keyed with the listener's shared key (its UTF-8 text).
 * Only http://127.0.0.1 URLs are called (nothing leaves the machine); deliveries to other URLs, or for
 * an account without a DeviceLocation listener, are recorded as skipped. Every delivery is recorded
 * with the receiver's answer.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { assertLoopbackUrl, postCallback } from '../webhooks';
import type { ListenerName } from './accounts';
import { reportKey, type ReportBody, type ReportType } from './reports';

export const SHARED_KEY_HEADER = 'VZ-Shared-Key';
export const SIGNATURE_HEADER = 'VZ-Signature';

export interface Listener {
	account: string;
	name: ListenerName;
	url: string;
	/** The shared key: 64 lowercase hex characters. */
	secret: string;
	registeredAt: number;
}

export class Listeners {
	private readonly byKey = new Map<string, Listener>();

	/** Registers or replaces the account's listener of that name, with a new shared key. */
	register(account: string, name: ListenerName, url: string, at: number): Listener {
		const listener = { account, name, url, secret: randomBytes(32).toString('hex'), registeredAt: at };
		this.byKey.set(`${account}/${name}`, listener);
		return { ...listener };
	}

	get(account: string, name: ListenerName): Listener | undefined {
		const found = this.byKey.get(`${account}/${name}`);
		return found && { ...found };
	}

	list(account: string): Listener[] {
		return [...this.byKey.values()].filter((entry) => entry.account === account).map((entry) => ({ ...entry }));
	}

	remove(account: string, name: ListenerName): boolean {
		return this.byKey.delete(`${account}/${name}`);
	}
}

/** signed: the listener's key; forged: a signature made with another key; unsigned: no header; repeated: a signed one again. */
export type CallbackKind = 'signed' | 'forged' | 'unsigned' | 'repeated';

export interface CallbackDelivery {
	seq: number;
	/** When the POST started, epoch ms (real time). */
	at: number;
	/** How long the receiver took to answer, ms. */
	durationMs: number;
	account: string;
	/** '' when the account had no DeviceLocation listener. */
	url: string;
	kind: CallbackKind;
	reportType: ReportType;
	status: ReportBody['status'];
	transactionID: string;
	deviceIds: string[];
	/** reportKey() of the body. */
	key: string;
	/** The exact body bytes (UTF-8). */
	body: string;
	signature?: string;
	/** What the receiver answered; 0 when nothing answered or nothing was sent. */
	httpStatus: number;
	responseBody: string;
	error?: string;
	/** Why nothing was sent, when nothing was. */
	skipped?: string;
}

/** Lowercase hex HMAC-SHA256 of the body bytes, keyed with the shared key's UTF-8 text. */
export function signBody(secret: string, body: string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(body, 'utf8')).digest('hex');
}


export class CallbackSender {
	readonly deliveries: CallbackDelivery[] = [];
	private readonly inFlight = new Set<Promise<unknown>>();
	private sequence = 0;

	constructor(private readonly listeners: Listeners) {}

	/** Sends one report to the account's DeviceLocation listener (the body is indented JSON). */
	async send(account: string, report: ReportBody, kind: Exclude<CallbackKind, 'repeated'> = 'signed'): Promise<CallbackDelivery> {
		const listener = this.listeners.get(account, 'DeviceLocation');
		const body = JSON.stringify(report, null, 2);
		const signature =
			!listener || kind === 'unsigned'
				? undefined
				: signBody(kind === 'forged' ? randomBytes(32).toString('hex') : listener.secret, body);
		const delivery = this.record(account, listener?.url ?? '', kind, report, body, signature);
		if (!listener) delivery.skipped = 'the account has no DeviceLocation listener';
		return await this.post(delivery);
	}

	/** Sends many reports, at most `concurrency` at a time (Infinity: all at once); deliveries in input order. */
	async sendAll(
		reports: ReadonlyArray<{ account: string; report: ReportBody; kind?: Exclude<CallbackKind, 'repeated'> }>,
		concurrency = Infinity,
	): Promise<CallbackDelivery[]> {
		const results: CallbackDelivery[] = new Array<CallbackDelivery>(reports.length);
		let next = 0;
		const worker = async () => {
			while (next < reports.length) {
				const index = next++;
				const { account, report, kind } = reports[index];
				results[index] = await this.send(account, report, kind);
			}
		};
		const workers = Math.max(1, Math.min(concurrency, reports.length));
		await Promise.all(Array.from({ length: workers }, worker));
		return results;
	}

	/** Sends a delivery's exact bytes and signature again to the same URL (as a provider's retry does). */
	async redeliver(seq: number): Promise<CallbackDelivery> {
		const original = this.deliveries.find((entry) => entry.seq === seq);
		if (!original) throw new Error(`No callback delivery ${seq}`);
		const report = JSON.parse(original.body) as ReportBody;
		const delivery = this.record(original.account, original.url, 'repeated', report, original.body, original.signature);
		if (original.skipped) delivery.skipped = original.skipped;
		return await this.post(delivery);
	}

	/** Resolves when every delivery started so far has its answer. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	private record(account: string, url: string, kind: CallbackKind, report: ReportBody, body: string, signature?: string): CallbackDelivery {
		const delivery: CallbackDelivery = {
			seq: ++this.sequence,
			at: Date.now(),
			durationMs: 0,
			account,
			url,
			kind,
			reportType: report.reportType,
			status: report.status,
			transactionID: report.transactionID,
			deviceIds: report.deviceList.map((device) => device.id),
			key: reportKey(report),
			body,
			signature,
			httpStatus: 0,
			responseBody: '',
		};
		this.deliveries.push(delivery);
		return delivery;
	}

	private async post(delivery: CallbackDelivery): Promise<CallbackDelivery> {
		if (delivery.skipped) return delivery;
		if (!isLoopback(delivery.url)) {
			delivery.skipped = 'only http://127.0.0.1 listeners are called';
			return delivery;
		}
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (delivery.signature !== undefined) headers[SIGNATURE_HEADER] = delivery.signature;
		const sending = postCallback(delivery.url, delivery.body, headers).then(
			(answer) => {
				delivery.httpStatus = answer.status;
				delivery.responseBody = answer.body;
			},
			(error: unknown) => {
				delivery.error = error instanceof Error ? error.message : String(error);
			},
		);
		this.inFlight.add(sending);
		try {
			await sending;
		} finally {
			this.inFlight.delete(sending);
			delivery.durationMs = Date.now() - delivery.at;
		}
		return delivery;
	}
}

function isLoopback(url: string): boolean {
	try {
		assertLoopbackUrl(url);
		return true;
	} catch {
		return false;
	}
}

