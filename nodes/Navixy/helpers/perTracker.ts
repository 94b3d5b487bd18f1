import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk, runBatched, type KeyedRequest, type KeyedResult } from '../../shared/batching';
import { stopOnInvalidInput } from '../../shared/items';
import { readTrackerId } from './trackerId';

/** Why a batch answer has nothing for a tracker. */
export type Missing = { missing: 'notExist' | 'blocked' };

const MISSING_TEXT: Record<Missing['missing'], string> = {
	notExist: 'does not exist (or is not on this account)',
	blocked: 'is blocked (its tariff ended)',
};

const isMissing = <R>(value: R | Missing): value is Missing =>
	typeof value === 'object' && value !== null && 'missing' in (value as object);

/** Reads one tracker ID per input item (the Tracker picker); invalid items stop the node first. */
export function collectTrackerRequests(context: IExecuteFunctions): {
	requests: KeyedRequest[];
	invalid: Array<{ itemIndex: number; error: Error }>;
} {
	const requests: KeyedRequest[] = [];
	const invalid: Array<{ itemIndex: number; error: Error }> = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			requests.push({ itemIndex, key: String(readTrackerId(context, itemIndex)) });
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	stopOnInvalidInput(context, invalid);
	return { requests, invalid };
}

/** Trackers a batch answer cannot include: unknown ones and blocked ones. */
export interface Unreadable {
	blocked: Set<number>;
	notExist: Set<number>;
}

/**
 * One tracker per input item, read the cheapest way: a single item with the one-tracker action, many
 * items with the batch action (`maxPerBatch` trackers per request), each answer paired to its item. A
 * tracker the batch answer lists as missing or blocked becomes that item's error. When Navixy refuses a
 * whole batch because one of its trackers does not exist or is blocked (217), `findUnreadable` tells
 * which, and the batch is asked again without them: only the items of those trackers fail.
 */
export async function fetchPerTracker<R>(
	context: IExecuteFunctions,
	requests: readonly KeyedRequest[],
	maxPerBatch: number,
	fetchOne: (trackerId: number, itemIndex: number) => Promise<R>,
	fetchMany: (trackerIds: number[]) => Promise<Map<string, R | Missing>>,
	findUnreadable?: (trackerIds: number[]) => Promise<Unreadable>,
): Promise<Array<KeyedResult<R>>> {
	const first = new Map(requests.map((request) => [request.key, request.itemIndex]));
	const distinct = new Set(requests.map((request) => request.key)).size;
	const results = await runBatched<R | Missing>(requests, maxPerBatch, async (keys) => {
		if (distinct === 1) return new Map([[keys[0], await fetchOne(Number(keys[0]), first.get(keys[0]) ?? 0)]]);
		const { answer, blocked, notExist } = await fetchReadable(context, keys.map(Number), fetchMany, findUnreadable);
		const answers: Map<string, R | Missing> = new Map(answer);
		for (const id of blocked) answers.set(String(id), { missing: 'blocked' });
		for (const id of notExist) answers.set(String(id), { missing: 'notExist' });
		return answers;
	});
	return results.map(({ itemIndex, key, result, error }): KeyedResult<R> => {
		if (error !== undefined) return { itemIndex, key, error };
		if (result === undefined) return { itemIndex, key, error: missingError(context, key, 'notExist', itemIndex) };
		if (isMissing(result)) return { itemIndex, key, error: missingError(context, key, result.missing, itemIndex) };
		return { itemIndex, key, result };
	});
}

/**
 * A batch read of `ids`. When Navixy refuses the whole batch because one of its trackers does not exist
 * or is blocked (217), `findUnreadable` (tracker/get_states, which lists such trackers instead of failing)
 * tells which, and the batch is asked again without them.
 */
async function fetchReadable<V>(
	context: IExecuteFunctions,
	ids: number[],
	fetchMany: (trackerIds: number[]) => Promise<Map<string, V>>,
	findUnreadable?: (trackerIds: number[]) => Promise<Unreadable>,
): Promise<{ answer: Map<string, V> } & Unreadable> {
	const none = { blocked: new Set<number>(), notExist: new Set<number>() };
	const first = await fetchMany(ids).then(
		(answer) => ({ answer, failure: undefined }),
		(failure: unknown) => ({ answer: undefined, failure }),
	);
	if (first.answer !== undefined) return { answer: first.answer, ...none };
	const refusedBatch = first.failure instanceof NodeApiError && first.failure.context.providerCode === '217';
	if (!refusedBatch || findUnreadable === undefined) throw asNodeError(context, first.failure);
	const unreadable = await findUnreadable(ids);
	const readable = ids.filter((id) => !unreadable.blocked.has(id) && !unreadable.notExist.has(id));
	return { answer: readable.length > 0 ? await fetchMany(readable) : new Map(), ...unreadable };
}

/**
 * A list of trackers read with a batch action, `maxPerBatch` per request: one entry per tracker in the
 * order asked; trackers Navixy cannot read come out as `{trackerId, found: false, blocked, notExist}`.
 */
export async function readManyTrackers<R>(
	context: IExecuteFunctions,
	ids: number[],
	maxPerBatch: number,
	fetchMany: (trackerIds: number[]) => Promise<Map<string, R>>,
	toJson: (trackerId: number, value: R) => IDataObject,
	findUnreadable: (trackerIds: number[]) => Promise<Unreadable>,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const part of chunk(ids, maxPerBatch)) {
		const { answer, blocked } = await fetchReadable(context, part, fetchMany, findUnreadable);
		for (const id of part) {
			const value = answer.get(String(id));
			if (value !== undefined) out.push({ ...toJson(id, value), found: true });
			else out.push({ trackerId: id, found: false, blocked: blocked.has(id), notExist: !blocked.has(id) });
		}
	}
	return out;
}

/** A failure as the node error it is (n8n's errors pass unchanged). */
function asNodeError(context: IExecuteFunctions, failure: unknown): NodeApiError | NodeOperationError {
	if (failure instanceof NodeApiError || failure instanceof NodeOperationError) return failure;
	return new NodeOperationError(context.getNode(), failure instanceof Error ? failure : String(failure));
}

function missingError(context: IExecuteFunctions, trackerId: string, why: Missing['missing'], itemIndex: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Tracker ${trackerId} ${MISSING_TEXT[why]}`, { itemIndex });
}
