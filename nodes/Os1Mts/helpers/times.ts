import type { IDataObject } from 'n8n-workflow';

import { epochOfEitherUnitToIso } from '../../shared/time';

/**
 * The record with the named epoch fields as ISO text (fields it lacks stay absent). OS1's documents give
 * epoch times in milliseconds in some answers and in seconds in others.
 */
export function withIsoFields(record: IDataObject, fields: readonly string[]): IDataObject {
	const result: IDataObject = { ...record };
	for (const field of fields) {
		if (field in record) result[field] = epochOfEitherUnitToIso(record[field]);
	}
	return result;
}

/** OS1 writes consent as `allowed` in one answer and `granted` in another: both mean the same. */
export function consentGiven(status: unknown): boolean {
	return typeof status === 'string' && ['allowed', 'granted'].includes(status.toLowerCase());
}
