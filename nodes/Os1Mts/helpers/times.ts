import type { IDataObject } from 'n8n-workflow';

import { epochToIso } from '../../shared/time';
import { toFiniteNumber } from '../../shared/validation';

/**
 * OS1's documents give epoch times in milliseconds in some answers (smartphone status, consent) and in
 * seconds in others (SIM track status). A value below 10^11 cannot be milliseconds of any time since
 * 1973, so it is read as seconds; 0 means "not yet" (null).
 */
export function os1TimeToIso(value: unknown): string | null {
	const epoch = toFiniteNumber(value);
	if (epoch === null || epoch <= 0) return null;
	return epochToIso(epoch, epoch < 1e11 ? 's' : 'ms');
}

/** The record with the named epoch fields as ISO text (fields it lacks stay absent). */
export function withIsoFields(record: IDataObject, fields: readonly string[]): IDataObject {
	const result: IDataObject = { ...record };
	for (const field of fields) {
		if (field in record) result[field] = os1TimeToIso(record[field]);
	}
	return result;
}

/** OS1 writes consent as `allowed` in one answer and `granted` in another: both mean the same. */
export function consentGiven(status: unknown): boolean {
	return typeof status === 'string' && ['allowed', 'granted'].includes(status.toLowerCase());
}
