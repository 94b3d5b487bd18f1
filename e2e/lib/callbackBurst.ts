/**
 * What the queue-mode webhook test measures about a burst of provider callbacks: each callback as sent
 * (its event key and n8n's answer, timed), the executions n8n recorded, and the figures made of both.
 */
import * as http from 'node:http';

import { nodeOutput, type ExecutionRecord } from './n8n';

/** A provider callback ready to send: where, the exact body bytes and the headers (signature included). */
export interface Callback {
	/** The event it carries, as the trigger's items name it. */
	key: string;
	kind: 'signed' | 'forged' | 'repeated';
	url: string;
	body: string;
	headers: Record<string, string>;
}

/** One callback sent to n8n and its answer. */
export interface SentCallback extends Callback {
	/** n8n's HTTP status; 0 when it did not answer. */
	status: number;
	/** Epoch ms when the POST started, and how long the answer took. */
	at: number;
	ms: number;
	error?: string;
}

/**
 * POSTs a callback on a connection of its own and waits up to `timeoutMs` for the answer. The test sends
 * them itself rather than through the simulator so that it can wait for n8n however long it takes.
 */
export async function postCallback(callback: Callback, timeoutMs: number): Promise<SentCallback> {
	const at = Date.now();
	const bytes = Buffer.from(callback.body, 'utf8');
	try {
		const status = await new Promise<number>((resolve, reject) => {
			const request = http.request(
				callback.url,
				{ method: 'POST', headers: { ...callback.headers, 'content-length': String(bytes.length) }, agent: false },
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
					response.on('error', reject);
				},
			);
			request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
			request.on('error', reject);
			request.end(bytes);
		});
		return { ...callback, status, at, ms: Date.now() - at };
	} catch (error) {
		return { ...callback, status: 0, at, ms: Date.now() - at, error: error instanceof Error ? error.message : String(error) };
	}
}

/** Event key → the ids of the executions whose trigger output carried it. */
export function executionsByKey(
	executions: ExecutionRecord[],
	triggerName: string,
	eventKey: (item: Record<string, unknown>) => string,
): Map<string, string[]> {
	const byKey = new Map<string, string[]>();
	for (const execution of executions) {
		if (!execution.data) continue;
		const keys = new Set(nodeOutput({ data: execution.data }, triggerName).map(eventKey));
		for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), String(execution.id)]);
	}
	return byKey;
}

/** The value below which `share` (0..1) of the numbers lie (nearest rank). */
export function percentile(values: number[], share: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}

/** How many times each value occurs, e.g. HTTP statuses → { "200": 1000 }. */
export function tally(values: Array<string | number>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}

export interface BurstFigures {
	signed: number;
	forged: number;
	/** From the first POST to the last answer. */
	answeredInMs: number;
	/** Callbacks (signed and forged) answered per second over the burst. */
	answersPerSecond: number;
	signedStatuses: Record<string, number>;
	forgedStatuses: Record<string, number>;
	/** Time to n8n's answer of the signed callbacks; how many were answered within 30 s (a provider's patience). */
	slowestDeliveryMs: number;
	signedAnsweredWithin30s: number;
	medianDeliveryMs: number;
	p95DeliveryMs: number;
	/** Successful executions recorded for the signed callbacks; lost: none, duplicated: more than one. */
	executions: number;
	lost: number;
	duplicated: number;
	failed: number;
	startedByForged: number;
	/** From the first POST to the last execution's end, and executions finished per second over that span. */
	allExecutedInMs: number;
	executionsPerSecond: number;
	/** The longest time from a callback's POST to the end of its execution. */
	slowestCallbackToExecutedMs: number;
	executionsBy: Record<string, number>;
}

/** Figures of a burst: `byKey` holds the executions of every key seen, `ranOn` the process each ran on. */
export function burstFigures(
	signed: SentCallback[],
	forged: SentCallback[],
	executions: ExecutionRecord[],
	byKey: Map<string, string[]>,
	ranOn: Map<string, string>,
): BurstFigures {
	const all = [...signed, ...forged];
	const start = Math.min(...all.map((sent) => sent.at));
	const answeredInMs = Math.max(...all.map((sent) => sent.at + sent.ms)) - start;
	const stoppedAt = new Map(executions.map((execution) => [String(execution.id), Date.parse(execution.stoppedAt ?? '')]));
	const lastStop = Math.max(...executions.map((execution) => stoppedAt.get(String(execution.id)) ?? NaN));
	const allExecutedInMs = lastStop - start;
	const delivery = signed.map((sent) => sent.ms);
	const toExecuted = signed.flatMap((sent) => (byKey.get(sent.key) ?? []).map((id) => (stoppedAt.get(id) ?? NaN) - sent.at));
	return {
		signed: signed.length,
		forged: forged.length,
		answeredInMs,
		answersPerSecond: round(all.length / (answeredInMs / 1000)),
		signedStatuses: tally(signed.map((sent) => sent.status)),
		forgedStatuses: tally(forged.map((sent) => sent.status)),
		slowestDeliveryMs: Math.max(...delivery),
		signedAnsweredWithin30s: signed.filter((sent) => sent.status !== 0 && sent.ms <= 30_000).length,
		medianDeliveryMs: percentile(delivery, 0.5),
		p95DeliveryMs: percentile(delivery, 0.95),
		executions: signed.reduce((sum, sent) => sum + (byKey.get(sent.key)?.length ?? 0), 0),
		lost: signed.filter((sent) => !byKey.has(sent.key)).length,
		duplicated: signed.filter((sent) => (byKey.get(sent.key)?.length ?? 0) > 1).length,
		failed: executions.filter((execution) => execution.status !== 'success').length,
		startedByForged: forged.reduce((sum, sent) => sum + (byKey.get(sent.key)?.length ?? 0), 0),
		allExecutedInMs,
		executionsPerSecond: round(executions.length / (allExecutedInMs / 1000)),
		slowestCallbackToExecutedMs: Math.max(...toExecuted),
		executionsBy: tally(executions.map((execution) => ranOn.get(String(execution.id)) ?? 'no worker')),
	};
}

const round = (value: number) => Math.round(value * 10) / 10;
