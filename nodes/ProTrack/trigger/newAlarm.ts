import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { advanceCursor, newSinceCursor, type SeenCursor } from '../../shared/pagination';
import { alarmIdentity, type AlarmEntry, alarmToJson } from '../helpers/historyRecords';
import { alarmHistory } from '../transport/api';
import { watchedImeis } from './devices';

/**
 * Alarms are asked for up to this far past the local clock, so that a provider clock running ahead
 * of n8n's does not hide recent alarms. The cursor, not the clock, decides what is new.
 */
const CLOCK_SKEW_ALLOWANCE_S = 300;
/** How far back a manual test run looks for a sample alarm. */
const SAMPLE_LOOKBACK_S = 7 * 24 * 3600;
const SAMPLE_MAX_DEVICES = 20;

interface AlarmState extends IDataObject {
	cursors?: Record<string, SeenCursor>;
}

const byTime = (a: { systemtime: number }, b: { systemtime: number }) => a.systemtime - b.systemtime;

function wantedTypes(context: IPollFunctions): Set<number> {
	return new Set((context.getNodeParameter('alarmTypes', []) as number[]).map(Number));
}

/**
 * Each poll returns every alarm raised since the last one, once. A cursor per IMEI (the newest
 * systemtime seen and the alarms seen at exactly that time) lives in the workflow's static data;
 * cursors are replaced only after every device was read, so a failed poll repeats its window.
 * A device seen for the first time starts from now: activation does not replay history.
 */
export async function pollNewAlarms(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const imeis = await watchedImeis(context);
	const types = wantedTypes(context);
	const now = Math.floor(Date.now() / 1000);

	if (context.getMode() === 'manual') return await sampleAlarm(context, imeis, types, now);

	const state = context.getWorkflowStaticData('node') as AlarmState;
	const previous = state.cursors ?? {};
	// Only watched devices keep a cursor, so static data does not grow with devices that left.
	const cursors: Record<string, SeenCursor> = {};
	const fresh: Array<{ imei: string; alarm: AlarmEntry }> = [];

	for (const imei of imeis) {
		const cursor = previous[imei];
		if (cursor === undefined) {
			cursors[imei] = { time: now, idsAtTime: [] };
			continue;
		}
		const { records: alarms } = await alarmHistory(context, imei, cursor.time, now + CLOCK_SKEW_ALLOWANCE_S);
		const unseen = newSinceCursor(alarms, cursor, (alarm) => alarm.systemtime, alarmIdentity);
		cursors[imei] = advanceCursor(cursor, unseen, (alarm) => alarm.systemtime, alarmIdentity) ?? cursor;
		for (const alarm of unseen) fresh.push({ imei, alarm });
	}
	state.cursors = cursors;

	const emitted = fresh
		.filter(({ alarm }) => types.size === 0 || types.has(alarm.type))
		.sort((a, b) => byTime(a.alarm, b.alarm));
	if (emitted.length === 0) return null;
	return [emitted.map(({ imei, alarm }) => ({ json: { event: 'newAlarm', ...alarmToJson(imei, alarm) } }))];
}

/** A manual test run: the latest matching alarm of the last 7 days, without touching the cursors. */
async function sampleAlarm(
	context: IPollFunctions,
	imeis: string[],
	types: Set<number>,
	now: number,
): Promise<INodeExecutionData[][]> {
	let latest: { imei: string; alarm: AlarmEntry } | undefined;
	for (const imei of imeis.slice(0, SAMPLE_MAX_DEVICES)) {
		const { records: alarms } = await alarmHistory(context, imei, now - SAMPLE_LOOKBACK_S, now);
		for (const alarm of alarms) {
			if (types.size > 0 && !types.has(alarm.type)) continue;
			if (latest === undefined || alarm.systemtime >= latest.alarm.systemtime) latest = { imei, alarm };
		}
	}
	if (latest === undefined) {
		throw new NodeOperationError(context.getNode(), 'No matching alarm in the last 7 days to show as a sample', {
			description: `Looked at ${Math.min(imeis.length, SAMPLE_MAX_DEVICES)} device(s). Once the workflow is active, new alarms trigger it as they happen.`,
		});
	}
	return [[{ json: { event: 'newAlarm', ...alarmToJson(latest.imei, latest.alarm) } }]];
}
