import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { verifySignature, type SignatureFormat } from './webhookSignature';

/**
 * What every webhook trigger of the package does with a callback before it starts anything:
 * 1. the sender's address must be on the allowlist, when the user gave one (else 403);
 * 2. the signature header must match an HMAC of the exact body bytes under the shared secret, compared
 *    in constant time (else 401), unless the user explicitly turned verification off;
 * 3. a delivery already received (the same body bytes: providers retry with the same signed body) is
 *    answered 200, so the provider stops retrying, and starts nothing. Recent delivery digests are
 *    remembered twice, both bounded: in the workflow's static data, which n8n loads for each callback and
 *    saves when the call is answered (it outlives restarts and reaches every process, but n8n saves the
 *    static data whole, so deliveries handled at the same time overwrite each other's entries: measured in
 *    queue mode, a burst of 1,000 left 0 to 2 in it), and in this process's memory (which nothing
 *    overwrites, so every repeat reaching the same n8n or webhook process is caught).
 * Every call is answered here, accepted ones too (`startWorkflow`): n8n 2.40 starts an execution with a
 * copy of the static data loaded before it saves what webhook() changed, and that copy is written back when
 * the execution ends, unless the node answered the call itself; then the save comes first (seen in a real
 * n8n 2.40.7: without this, a repeated delivery started a second execution). The trigger returns what
 * `startWorkflow` or `answerOnly` give.
 */

export interface CallbackCheck {
	/** false: accept callbacks without a signature check (an explicit option in the trigger). */
	verify: boolean;
	/** The shared secret; a missing one fails every check while `verify` is on. */
	secret: string | Buffer | undefined;
	/** Header carrying the signature (any case). */
	signatureHeader: string;
	format: SignatureFormat;
	/** Addresses callbacks may come from; empty or absent: any. */
	allowedSources?: string[];
	/** How many recent deliveries to remember against repeats; default 1000, 0 turns the check off. */
	remember?: number;
}

export type Reception =
	| { kind: 'accepted'; body: IDataObject; digest: string }
	/** Refused (403, 401) or repeated (200): already answered, start nothing. */
	| { kind: 'answered'; reason: 'sourceNotAllowed' | 'badSignature' | 'repeated' };

export const DEFAULT_REMEMBERED_DELIVERIES = 1000;
const DELIVERIES_KEY = 'recentDeliveries';

/** The address a request came from, without the IPv4-in-IPv6 prefix. */
export function sourceAddressOf(request: { ip?: string; socket?: { remoteAddress?: string } }): string {
	const address = request.ip ?? request.socket?.remoteAddress ?? '';
	return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** Addresses from a comma- or space-separated list. */
export function parseAddressList(text: string): string[] {
	return text
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** A short digest of the body bytes: the identity of a delivery. */
export function deliveryDigest(rawBody: Buffer | string): string {
	return createHash('sha256').update(rawBody).digest('hex').slice(0, 32);
}

/**
 * Records a delivery digest in a bounded list (oldest dropped first); false when it was already there.
 * The list is a plain array so that it survives n8n's JSON storage of static data.
 */
export function rememberDelivery(staticData: IDataObject, digest: string, limit: number): boolean {
	const recent = Array.isArray(staticData[DELIVERIES_KEY]) ? (staticData[DELIVERIES_KEY] as string[]) : [];
	if (recent.includes(digest)) return false;
	recent.push(digest);
	if (recent.length > limit) recent.splice(0, recent.length - limit);
	staticData[DELIVERIES_KEY] = recent;
	return true;
}

function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const raw = (context.getRequestObject() as { rawBody?: Buffer | string }).rawBody;
	if (raw === undefined || raw === null) return undefined;
	return Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
}

/** Recent deliveries per workflow trigger in this process: insertion-ordered sets, oldest dropped first. */
const deliveriesSeenHere = new Map<string, Set<string>>();
const MAX_TRIGGERS_REMEMBERED = 1000;

/** Records a digest in this process's memory of a trigger; false when it was already there. */
export function rememberDeliveryHere(trigger: string, digest: string, limit: number): boolean {
	let seen = deliveriesSeenHere.get(trigger);
	if (seen === undefined) {
		if (deliveriesSeenHere.size >= MAX_TRIGGERS_REMEMBERED) deliveriesSeenHere.delete(deliveriesSeenHere.keys().next().value as string);
		seen = new Set();
		deliveriesSeenHere.set(trigger, seen);
	}
	if (seen.has(digest)) return false;
	seen.add(digest);
	if (seen.size > limit) seen.delete(seen.values().next().value as string);
	return true;
}

/** Checks one callback as described above; answers refusals and repeats itself. */
export function receiveCallback(context: IWebhookFunctions, check: CallbackCheck): Reception {
	const request = context.getRequestObject();
	const response = context.getResponseObject();
	const allowed = check.allowedSources ?? [];
	if (allowed.length > 0) {
		const source = sourceAddressOf(request as never);
		if (!allowed.includes(source)) {
			response.status(403).json({ message: `Callbacks are not accepted from ${source || 'an unknown address'}` });
			return { kind: 'answered', reason: 'sourceNotAllowed' };
		}
	}

	const rawBody = rawBodyOf(context);
	if (check.verify) {
		const received = context.getHeaderData()[check.signatureHeader.toLowerCase()] as string | string[] | undefined;
		if (!verifySignature(check.secret, rawBody, received, check.format)) {
			response.status(401).json({ message: 'Invalid or missing signature' });
			return { kind: 'answered', reason: 'badSignature' };
		}
	}

	const body = context.getBodyData();
	const digest = deliveryDigest(rawBody ?? JSON.stringify(body));
	const remember = check.remember ?? DEFAULT_REMEMBERED_DELIVERIES;
	const trigger = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`;
	// Both records are updated, whichever already held the digest.
	const newHere = remember > 0 && rememberDeliveryHere(trigger, digest, remember);
	const newStored = remember > 0 && rememberDelivery(context.getWorkflowStaticData('node'), digest, remember);
	if (remember > 0 && !(newHere && newStored)) {
		response.status(200).json({ received: true, repeated: true });
		return { kind: 'answered', reason: 'repeated' };
	}
	return { kind: 'accepted', body, digest };
}

/** Answers 200 and starts the workflow with these items (the static data is saved before it starts). */
export function startWorkflow(context: IWebhookFunctions, items: IDataObject[]): IWebhookResponseData {
	context.getResponseObject().status(200).json({ received: true });
	return { noWebhookResponse: true, workflowData: [context.helpers.returnJsonArray(items)] };
}

/** Answers 200 without starting anything (an event the user did not choose, nothing left after filters). */
export function answerOnly(context: IWebhookFunctions): IWebhookResponseData {
	context.getResponseObject().status(200).json({ received: true, started: false });
	return { noWebhookResponse: true };
}
