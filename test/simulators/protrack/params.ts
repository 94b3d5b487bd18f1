/** Parameter parsing with the document's error codes: 10005 missing, 10004 malformed, 10006 out of range. */
import { IMEI_PATTERN, PROTRACK_LIMITS, ProTrackCode, ProTrackError } from './codes';

export type Params = Record<string, string>;

/** A present, non-blank parameter (trimmed), else 10005. */
export function required(params: Params, name: string): string {
	const value = optional(params, name);
	if (value === undefined) {
		throw new ProTrackError(ProTrackCode.missingParameter, `Missing required parameter: ${name}`);
	}
	return value;
}

/** The trimmed parameter, or undefined when absent or blank. */
export function optional(params: Params, name: string): string | undefined {
	const value = params[name]?.trim();
	return value === undefined || value === '' ? undefined : value;
}

export function parameterError(name: string): ProTrackError {
	return new ProTrackError(ProTrackCode.parameterError, `Parameter error: ${name}`);
}

export function outOfRange(name: string): ProTrackError {
	return new ProTrackError(ProTrackCode.outOfRange, `The parameter is out of range: ${name}`);
}

export function integer(params: Params, name: string): number {
	const value = required(params, name);
	if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
		throw parameterError(name);
	}
	return Number(value);
}

export function decimal(params: Params, name: string): number {
	const value = required(params, name);
	const parsed = Number(value);
	if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(parsed)) {
		throw parameterError(name);
	}
	return parsed;
}

export function imei(params: Params, name = 'imei'): string {
	const value = required(params, name);
	if (!IMEI_PATTERN.test(value)) {
		throw parameterError(name);
	}
	return value;
}

/** A comma-separated IMEI list: more than 100 entries is 10006, a malformed entry 10004. Duplicates collapse. */
export function imeiList(params: Params, name = 'imeis'): string[] {
	const entries = required(params, name)
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length > PROTRACK_LIMITS.imeisPerRequest) {
		throw outOfRange(name);
	}
	if (entries.length === 0 || entries.some((entry) => !IMEI_PATTERN.test(entry))) {
		throw parameterError(name);
	}
	return [...new Set(entries)];
}

/** begintime and endtime as epoch seconds; begin after end is 10004. */
export function timeWindow(params: Params): { begin: number; end: number } {
	const begin = integer(params, 'begintime');
	const end = integer(params, 'endtime');
	if (begin > end) {
		throw parameterError('begintime');
	}
	return { begin, end };
}
