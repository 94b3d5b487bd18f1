import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../shared/batching';
import { requireIntegerInRange } from '../../shared/validation';
import { stateToJson } from '../helpers/state';
import { MAX_TRACKERS_PER_STATES_REQUEST, state } from '../transport/api';
import { watchedTrackerIds } from './trackers';

/** Parts of a state the trigger can watch (the Watch option values). */
export const WATCHABLE = ['connectionStatus', 'movementStatus', 'ignition', 'input', 'output'] as const;

type Value = string | boolean;

interface StateChangeData extends IDataObject {
	/** Tracker ID → watched field → last known value. */
	values?: Record<string, Record<string, Value>>;
}

/** A watched field: its name in the output and how to read it from a state (null when the state lacks it). */
interface Watched {
	field: string;
	read: (state: IDataObject) => Value | null;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const bit = (list: unknown, index: number) =>
	Array.isArray(list) && typeof list[index] === 'boolean' ? (list[index] as boolean) : null;

function watchedFields(context: IPollFunctions): Watched[] {
	const chosen = context.getNodeParameter('watch', ['connectionStatus']) as string[];
	const number = (name: string, parameter: string) =>
		requireIntegerInRange({ node: context.getNode(), parameter }, context.getNodeParameter(name, 1), 1, 64);
	const fields: Watched[] = [];
	if (chosen.includes('connectionStatus')) fields.push({ field: 'connectionStatus', read: (s) => text(s.connection_status) });
	if (chosen.includes('movementStatus')) fields.push({ field: 'movementStatus', read: (s) => text(s.movement_status) });
	if (chosen.includes('ignition')) fields.push({ field: 'ignition', read: (s) => (typeof s.ignition === 'boolean' ? s.ignition : null) });
	if (chosen.includes('input')) {
		const input = number('inputNumber', 'Digital Input Number');
		fields.push({ field: `input${input}`, read: (s) => bit(s.inputs, input - 1) });
	}
	if (chosen.includes('output')) {
		const output = number('outputNumber', 'Digital Output Number');
		fields.push({ field: `output${output}`, read: (s) => bit(s.outputs, output - 1) });
	}
	if (fields.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one part of the state to watch', {
			description: 'Watch: connection status, movement status, ignition, a digital input or a digital output.',
		});
	}
	return fields;
}

/** The current states of the trackers: one tracker/get_states request per 2,000 trackers; blocked or unknown ones are left out. */
async function currentStates(context: IPollFunctions, ids: number[]): Promise<Map<number, IDataObject>> {
	const found = new Map<number, IDataObject>();
	for (const part of chunk(ids, MAX_TRACKERS_PER_STATES_REQUEST)) {
		const answer = await state.getMany(context, part, { listBlocked: true, allowNotExist: true });
		const states = (answer.states ?? {}) as Record<string, IDataObject>;
		for (const id of part) if (states[String(id)] !== undefined) found.set(id, states[String(id)]);
	}
	return found;
}

function changeItem(trackerId: number, field: string, previous: Value | null, current: Value | null, currentState: IDataObject): INodeExecutionData {
	const { trackerId: id, ...rest } = stateToJson(trackerId, currentState);
	return { json: { event: 'trackerStateChanged', trackerId: id, field, previous, current, ...rest } };
}

/**
 * Emits one item per watched part of a tracker's state that changed since the previous poll (e.g.
 * connection active → offline, ignition on → off, input 2 off → on), with the whole current state and
 * its normalized location. One tracker/get_states request per poll asks every watched tracker (2,000
 * per request). The first poll, and a tracker or part watched for the first time, only record values.
 * A part the state leaves out (Navixy omits null fields) keeps its last known value.
 */
export async function pollStateChanges(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const fields = watchedFields(context);
	const ids = await watchedTrackerIds(context);
	const states = ids.length === 0 ? new Map<number, IDataObject>() : await currentStates(context, ids);

	if (context.getMode() === 'manual') {
		const first = ids.find((id) => states.has(id));
		if (first === undefined) {
			throw new NodeOperationError(context.getNode(), 'No watched tracker has a state to show as a sample', {
				description:
					ids.length === 0
						? 'There are no trackers to watch: the account has no tracker that is not blocked.'
						: `None of the ${ids.length} watched tracker(s) answered with a state (blocked, or not a tracker of this account).`,
			});
		}
		const current = states.get(first) as IDataObject;
		return [fields.map(({ field, read }) => changeItem(first, field, null, read(current), current))];
	}

	const data = context.getWorkflowStaticData('node') as StateChangeData;
	const previous = data.values ?? {};
	// Only watched trackers keep values, so static data does not grow with trackers that left.
	const values: Record<string, Record<string, Value>> = {};
	const changes: INodeExecutionData[] = [];
	for (const id of ids) {
		const before = previous[String(id)] ?? {};
		const current = states.get(id);
		const after: Record<string, Value> = {};
		for (const { field, read } of fields) {
			const value = current === undefined ? null : read(current);
			const old = before[field];
			if (value === null) {
				if (old !== undefined) after[field] = old;
				continue;
			}
			if (old !== undefined && old !== value) changes.push(changeItem(id, field, old, value, current as IDataObject));
			after[field] = value;
		}
		values[String(id)] = after;
	}
	data.values = values;
	return changes.length > 0 ? [changes] : null;
}
