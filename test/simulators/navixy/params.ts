/**
 * Reading action parameters. The framework hands every parameter over as text (JSON body values
 * that are arrays or objects as JSON text), so a JSON body, a form body and the query string all
 * read alike: arrays and objects are JSON text, booleans `true`/`false`, numbers in decimal.
 * Anything missing or malformed is code 7 naming the parameter.
 */
import { invalid } from './codes';

export type Params = Record<string, string>;

export function optionalText(params: Params, name: string): string | undefined {
	const value = params[name];
	return value === undefined || value === '' || value === 'null' ? undefined : value;
}

export function text(params: Params, name: string): string {
	const value = optionalText(params, name);
	if (value === undefined) {
		throw invalid(name, 'Must not be null');
	}
	return value;
}

/** A string of at most `max` characters; empty allowed. */
export function shortText(params: Params, name: string, max: number): string {
	const value = params[name] ?? '';
	if (value.length > max) {
		throw invalid(name, `Length must be at most ${max}`);
	}
	return value;
}

export function integer(params: Params, name: string): number {
	const value = text(params, name);
	if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
		throw invalid(name, 'Must be an integer');
	}
	return Number(value);
}

export function optionalInteger(params: Params, name: string): number | undefined {
	return optionalText(params, name) === undefined ? undefined : integer(params, name);
}

export function flag(params: Params, name: string, fallback: boolean): boolean {
	const value = optionalText(params, name);
	if (value === undefined) {
		return fallback;
	}
	if (value !== 'true' && value !== 'false') {
		throw invalid(name, 'Must be a boolean');
	}
	return value === 'true';
}

export function json(params: Params, name: string): unknown {
	const value = text(params, name);
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw invalid(name, 'Malformed JSON');
	}
}

export function optionalJson(params: Params, name: string): unknown {
	return optionalText(params, name) === undefined ? undefined : json(params, name);
}

/** A JSON array of integers, at least one. */
export function intArray(params: Params, name: string): number[] {
	const value = json(params, name);
	if (!Array.isArray(value) || value.length === 0 || !value.every(Number.isSafeInteger)) {
		throw invalid(name, 'Must be a non-empty array of integers');
	}
	return value as number[];
}

/** A JSON array of strings, or undefined when the parameter is absent. */
export function optionalStringArray(params: Params, name: string): unknown[] | undefined {
	const value = optionalJson(params, name);
	if (value === undefined) {
		return undefined;
	}
	if (!Array.isArray(value)) {
		throw invalid(name, 'Must be an array');
	}
	return value as unknown[];
}

export function jsonObject(params: Params, name: string): Record<string, unknown> {
	const value = json(params, name);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw invalid(name, 'Must be an object');
	}
	return value as Record<string, unknown>;
}

/** Printable text of 1 to `max` characters (labels). */
export function label(params: Params, name: string, max: number): string {
	const value = text(params, name);
	// eslint-disable-next-line no-control-regex
	if (value.length > max || /[\u0000-\u001f\u007f]/.test(value) || value.trim() === '') {
		throw invalid(name, `Must be 1 to ${max} printable characters`);
	}
	return value;
}
