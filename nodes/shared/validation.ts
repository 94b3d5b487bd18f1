import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/** Points at the node parameter (by its display name) and item a value came from. */
export interface FieldRef {
	node: INode;
	parameter: string;
	itemIndex?: number;
}

const MAX_SHOWN_LENGTH = 60;
const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const LIST_SEPARATORS = /[\s,;]+/;

function truncate(text: string): string {
	const chars = Array.from(text);
	return chars.length > MAX_SHOWN_LENGTH ? `${chars.slice(0, MAX_SHOWN_LENGTH).join('')}...` : text;
}

/** Renders a value for an error message: strings quoted, everything cut to about 60 characters. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(truncate(value));
	if (value === undefined) return 'nothing';
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
	}
	if (typeof value === 'object' && value !== null) {
		try {
			return truncate(JSON.stringify(value) ?? String(value));
		} catch {
			return truncate(Object.prototype.toString.call(value));
		}
	}
	return truncate(String(value));
}

/**
 * Builds a NodeOperationError whose message stays exactly as given
 * (n8n would otherwise swap in a generic text when the message happens
 * to contain an OS error code such as "EPERM").
 */
export function operationError(
	node: INode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeOperationError {
	const error = new NodeOperationError(node, message, {
		itemIndex: options.itemIndex,
		description: options.description,
	});
	error.message = message;
	return error;
}

/** `Invalid value for "IMEIs": "35889905102533A" (expected 8 to 20 digits)` */
export function invalidValue(ref: FieldRef, value: unknown, expected: string): NodeOperationError {
	const message = `Invalid value for "${ref.parameter}": ${describeValue(value)} (expected ${expected})`;
	return operationError(ref.node, message, { itemIndex: ref.itemIndex });
}

/** A number, or a string holding a plain decimal number; anything else gives null. */
export function toFiniteNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (!DECIMAL_PATTERN.test(text)) return null;
	const parsed = Number(text);
	return Number.isFinite(parsed) ? parsed : null;
}

/**
 * True when the whole text matches (the pattern is anchored here, so a caller
 * forgetting ^...$ cannot let "12x" pass /\d+/); global/sticky state is ignored.
 */
export function matchesPattern(pattern: RegExp, text: string): boolean {
	const flags = pattern.flags.replace(/[gmy]/g, '');
	return new RegExp(`^(?:${pattern.source})$`, flags).test(text);
}

export function requireMatch(
	ref: FieldRef,
	value: unknown,
	pattern: RegExp,
	expected: string,
): string {
	if (typeof value !== 'string') throw invalidValue(ref, value, expected);
	const text = value.trim();
	if (!matchesPattern(pattern, text)) throw invalidValue(ref, value, expected);
	return text;
}

function rangeText(kind: string, min: number, max: number, unit?: string): string {
	return `${kind} from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
}

/** A number (or numeric text) from min to max; with `integer`, a whole number only. */
function requireInRange(
	ref: FieldRef,
	value: unknown,
	range: { min: number; max: number; unit?: string; integer: boolean },
): number {
	const parsed = toFiniteNumber(value);
	const inRange = parsed !== null && parsed >= range.min && parsed <= range.max;
	if (!inRange || (range.integer && !Number.isInteger(parsed))) {
		const kind = range.integer ? 'a whole number' : 'a number';
		throw invalidValue(ref, value, rangeText(kind, range.min, range.max, range.unit));
	}
	return parsed as number;
}

export function requireIntegerInRange(
	ref: FieldRef,
	value: unknown,
	min: number,
	max: number,
	unit?: string,
): number {
	return requireInRange(ref, value, { min, max, unit, integer: true });
}

export function requireNumberInRange(
	ref: FieldRef,
	value: unknown,
	min: number,
	max: number,
	unit?: string,
): number {
	return requireInRange(ref, value, { min, max, unit, integer: false });
}

export function requireLatitude(ref: FieldRef, value: unknown): number {
	return requireNumberInRange(ref, value, -90, 90, 'degrees (latitude)');
}

export function requireLongitude(ref: FieldRef, value: unknown): number {
	return requireNumberInRange(ref, value, -180, 180, 'degrees (longitude)');
}

/** Length is counted in characters (code points), not UTF-16 units. */
export function requireMaxLength(ref: FieldRef, value: string, max: number): string {
	if (typeof value !== 'string')
		throw invalidValue(ref, value, `text of at most ${max} characters`);
	const length = Array.from(value).length;
	if (length > max) {
		throw invalidValue(ref, value, `at most ${max} characters, got ${length}`);
	}
	return value;
}

/** Returns the trimmed text; non-strings and blank strings are rejected. */
export function requireNonEmptyString(ref: FieldRef, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw invalidValue(ref, value, 'a non-empty text value');
	return text;
}

function splitEntries(ref: FieldRef, raw: unknown, expected: string): string[] {
	if (raw === undefined || raw === null) return [];
	if (typeof raw === 'string') return raw.split(LIST_SEPARATORS);
	if (typeof raw === 'number') {
		if (!Number.isSafeInteger(raw)) {
			throw invalidValue(
				ref,
				raw,
				`${expected}; numbers this large lose digits, so pass them as text`,
			);
		}
		return [String(raw)];
	}
	if (Array.isArray(raw)) {
		const entries: string[] = [];
		for (const element of raw) {
			if (element === undefined || element === null) continue;
			if (typeof element !== 'string' && typeof element !== 'number') {
				throw invalidValue(ref, element, expected);
			}
			entries.push(...splitEntries(ref, element, expected));
		}
		return entries;
	}
	throw invalidValue(ref, raw, `a list of values (each ${expected})`);
}

/**
 * Parses a list of IDs given as separated text ("a, b; c"), a number or an array.
 * Keeps order and duplicates; every entry must match `pattern`.
 */
export function parseIdList(
	ref: FieldRef,
	raw: unknown,
	pattern: RegExp,
	expected: string,
): string[] {
	const entries = splitEntries(ref, raw, expected)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	const bad = entries.find((entry) => !matchesPattern(pattern, entry));
	if (bad !== undefined) throw invalidValue(ref, bad, expected);
	if (entries.length === 0) throw invalidValue(ref, raw, `at least one entry (${expected})`);
	return entries;
}
