import { DateTime } from 'luxon';

import { invalidValue, toFiniteNumber } from './validation';
import type { FieldRef } from './validation';

/**
 * How a provider writes times:
 * - epochSeconds / epochMillis: Unix time numbers
 * - iso: ISO 8601 with offset
 * - dateTime: `yyyy-MM-dd HH:mm:ss` in a zone (default UTC)
 * - compact: `yyyyMMddHHmmss`, always UTC
 */
export type TimeFormat = 'epochSeconds' | 'epochMillis' | 'iso' | 'dateTime' | 'compact';

/** Epoch numbers below this are taken as seconds, others as milliseconds (1e11 s is the year 5138). */
const SECONDS_LIMIT = 1e11;
const DATE_TIME_PATTERN = 'yyyy-MM-dd HH:mm:ss';
const COMPACT_PATTERN = 'yyyyMMddHHmmss';
/** `Date.prototype.toString()` output, e.g. `Mon Jan 15 2024 10:30:00 GMT+0100 (Central European Time)`. */
const JS_DATE_STRING_PATTERN = "EEE MMM dd yyyy HH:mm:ss 'GMT'ZZZ";
const EXPECTED_INPUT = 'an ISO 8601 date-time or a Unix timestamp';

interface DuckDateTime {
	isLuxonDateTime: true;
	toMillis: () => number;
	zoneName?: unknown;
}

function isDuckDateTime(value: unknown): value is DuckDateTime {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Record<string, unknown>;
	return candidate.isLuxonDateTime === true && typeof candidate.toMillis === 'function';
}

function validOrNull(dt: DateTime): DateTime | null {
	return dt.isValid ? dt : null;
}

function fromEpoch(epoch: number, unit: 's' | 'ms'): DateTime | null {
	const millis = unit === 's' ? epoch * 1000 : epoch;
	return validOrNull(DateTime.fromMillis(millis, { zone: 'utc' }));
}

/** Epoch number guessing the unit: below 1e11 means seconds, otherwise milliseconds. */
function fromEpochGuessingUnit(epoch: number): DateTime | null {
	return fromEpoch(epoch, Math.abs(epoch) < SECONDS_LIMIT ? 's' : 'ms');
}

function parseDateTimeText(text: string, zone: string): DateTime | null {
	const options = { zone, setZone: true };
	const jsDateText = text.replace(/\s*\([^)]*\)\s*$/, '');
	const attempts = [
		() => DateTime.fromISO(text, options),
		() => DateTime.fromSQL(text, options),
		() => DateTime.fromRFC2822(text, options),
		() => DateTime.fromHTTP(text, options),
		() => DateTime.fromFormat(jsDateText, JS_DATE_STRING_PATTERN, { ...options, locale: 'en-US' }),
	];
	for (const attempt of attempts) {
		const parsed = validOrNull(attempt());
		if (parsed) return parsed;
	}
	return null;
}

/**
 * Non-throwing parse of the inputs `parseDateTimeInput` accepts; null when unusable.
 * Strings without a zone are read in `zone` (n8n's date-time fields give the workflow's local time
 * without an offset: pass `this.getTimezone()`); a zone in the input is kept on the result.
 */
export function tryParseDateTime(value: unknown, zone = 'utc'): DateTime | null {
	if (value instanceof DateTime) return validOrNull(value);
	if (isDuckDateTime(value)) {
		const millis = value.toMillis();
		if (!Number.isFinite(millis)) return null;
		const zone = typeof value.zoneName === 'string' ? value.zoneName : 'utc';
		const parsed = DateTime.fromMillis(millis, { zone });
		return parsed.isValid ? parsed : fromEpoch(millis, 'ms');
	}
	if (value instanceof Date) return fromEpoch(value.getTime(), 'ms');
	if (typeof value === 'number')
		return Number.isFinite(value) ? fromEpochGuessingUnit(value) : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return null;
	const epoch = toFiniteNumber(text);
	return epoch !== null ? fromEpochGuessingUnit(epoch) : parseDateTimeText(text, zone);
}

/**
 * Reads a user-supplied date-time: ISO 8601 (no zone = UTC), n8n/JS date strings,
 * epoch numbers or numeric strings (below 1e11 = seconds, else milliseconds),
 * luxon DateTime objects (also from another luxon copy) and JS Dates.
 */
export function parseDateTimeInput(ref: FieldRef, value: unknown, zone = 'utc'): DateTime {
	const parsed = tryParseDateTime(value, zone);
	if (!parsed) throw invalidValue(ref, value, EXPECTED_INPUT);
	return parsed;
}

export function toEpochSeconds(dt: DateTime): number {
	return Math.floor(dt.toMillis() / 1000);
}

export function toEpochMillis(dt: DateTime): number {
	return dt.toMillis();
}

/** Epoch to `2014-12-30T02:20:52.000Z`; null for missing, non-numeric and <= 0 ("never") values. */
export function epochToIso(value: unknown, unit: 's' | 'ms' = 's'): string | null {
	const epoch = toFiniteNumber(value);
	if (epoch === null || epoch <= 0) return null;
	return fromEpoch(epoch, unit)?.toISO() ?? null;
}

/**
 * Epoch seconds or milliseconds, whichever the value must be, as ISO: below 10^11 it cannot be milliseconds
 * of any time since 1973, so it is seconds. For providers whose documents mix both units. 0 or less: null.
 */
export function epochOfEitherUnitToIso(value: unknown): string | null {
	const epoch = toFiniteNumber(value);
	if (epoch === null || epoch <= 0) return null;
	return epochToIso(epoch, epoch < 1e11 ? 's' : 'ms');
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/** Copy of `record` with `<field>Iso` placed right after each listed field that the record has. */
export function withIsoTimes<T extends Record<string, unknown>>(
	record: T,
	fields: readonly string[],
	unit: 's' | 'ms' = 's',
): T & Record<string, string | null> {
	const present = new Set(
		fields.filter((field) => Object.prototype.hasOwnProperty.call(record, field)),
	);
	const isoKeys = new Set(Array.from(present, (field) => `${field}Iso`));
	const copy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) {
		if (isoKeys.has(key) && !present.has(key)) continue;
		defineOwn(copy, key, value);
		if (present.has(key)) defineOwn(copy, `${key}Iso`, epochToIso(value, unit));
	}
	return copy as T & Record<string, string | null>;
}

/** Rejects invalid date-times and zones with a plain Error: they mean a bug in the caller. */
function assertValid(dt: DateTime, zone?: string): void {
	if (!dt.isValid)
		throw new Error(`Invalid date-time (${dt.invalidExplanation ?? 'unknown reason'})`);
	if (zone !== undefined && !isValidTimeZone(zone)) throw new Error(`Unknown time zone "${zone}"`);
}

/** True for IANA names (e.g. "Europe/Berlin"), "UTC" and fixed offsets such as "UTC+3". */
export function isValidTimeZone(zone: string): boolean {
	return typeof zone === 'string' && zone.trim() !== '' && DateTime.utc().setZone(zone).isValid;
}

/** Validates a time zone parameter and returns it trimmed. */
export function requireTimeZone(ref: FieldRef, value: unknown): string {
	const zone = typeof value === 'string' ? value.trim() : '';
	if (!isValidTimeZone(zone))
		throw invalidValue(ref, value, 'an IANA time zone such as "Europe/Berlin" or "UTC"');
	return zone;
}

/** Writes a time the way a provider expects; `zone` applies to 'iso' and 'dateTime' (default UTC). */
export function formatTime(dt: DateTime, format: TimeFormat, zone?: string): string | number {
	assertValid(dt, zone);
	switch (format) {
		case 'epochSeconds':
			return toEpochSeconds(dt);
		case 'epochMillis':
			return toEpochMillis(dt);
		case 'iso':
			return dt.setZone(zone ?? 'utc').toISO() as string;
		case 'dateTime':
			return dt.setZone(zone ?? 'utc').toFormat(DATE_TIME_PATTERN);
		case 'compact':
			return dt.toUTC().toFormat(COMPACT_PATTERN);
		default:
			throw new Error(`Unknown time format "${String(format)}"`);
	}
}

function textOf(value: unknown): string | null {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/**
 * Reads a provider time written in `format` (inverse of formatTime); the result is in UTC.
 * Null when unparseable; epoch values <= 0 also give null, as providers use 0 for "never".
 */
export function parseProviderTime(
	value: unknown,
	format: TimeFormat,
	zone?: string,
): DateTime | null {
	if (zone !== undefined && !isValidTimeZone(zone)) return null;
	const text = textOf(value);
	if (text === null || text === '') return null;
	let parsed: DateTime | null;
	switch (format) {
		case 'epochSeconds':
		case 'epochMillis': {
			const epoch = toFiniteNumber(text);
			if (epoch === null || epoch <= 0) return null;
			parsed = fromEpoch(epoch, format === 'epochSeconds' ? 's' : 'ms');
			break;
		}
		case 'iso':
			parsed = validOrNull(DateTime.fromISO(text, { zone: zone ?? 'utc' }));
			break;
		case 'dateTime':
			parsed =
				validOrNull(DateTime.fromFormat(text, DATE_TIME_PATTERN, { zone: zone ?? 'utc' })) ??
				validOrNull(DateTime.fromSQL(text, { zone: zone ?? 'utc' }));
			break;
		case 'compact':
			parsed = validOrNull(DateTime.fromFormat(text, COMPACT_PATTERN, { zone: 'utc' }));
			break;
		default:
			return null;
	}
	return parsed ? parsed.toUTC() : null;
}
