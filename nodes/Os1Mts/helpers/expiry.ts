import type { FieldRef } from '../../shared/validation';
import { invalidValue } from '../../shared/validation';

/**
 * Track expiry as OS1 writes it: days, hours, minutes and seconds in that order, each optional
 * (`2h`, `1d`, `50s`, `3h4m7s`), at most 60 days. The UI also offers a number and a unit, turned into
 * the same text.
 */
export const MAX_EXPIRY_SECONDS = 60 * 86400;
const EXPIRY = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_SECONDS = { d: 86400, h: 3600, m: 60, s: 1 } as const;
export type ExpiryUnit = keyof typeof UNIT_SECONDS;

const EXPECTED = 'days, hours, minutes and seconds such as "2h", "1d", "50s" or "3h4m7s", more than 0 and at most 60 days';

/** Seconds an expiry text stands for, or undefined when it is not one. */
export function expirySeconds(text: string): number | undefined {
	const match = EXPIRY.exec(text.trim().toLowerCase());
	if (!match || text.trim() === '') return undefined;
	const [, d, h, m, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
	return d * UNIT_SECONDS.d + h * UNIT_SECONDS.h + m * UNIT_SECONDS.m + s * UNIT_SECONDS.s;
}

/** The expiry text to send, checked: refused before any request when malformed, 0 or over 60 days. */
export function requireExpiry(ref: FieldRef, value: unknown): string {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? `${value}s` : '';
	const seconds = expirySeconds(text);
	if (seconds === undefined || seconds <= 0 || seconds > MAX_EXPIRY_SECONDS) throw invalidValue(ref, value, EXPECTED);
	return text;
}

/** A number and a unit picked in the UI, as OS1's text (checked like typed text). */
export function expiryFromAmount(ref: FieldRef, amount: unknown, unit: ExpiryUnit): string {
	const count = Number(amount);
	if (!Number.isInteger(count) || count <= 0) throw invalidValue(ref, amount, `a whole number of ${unit === 'd' ? 'days' : unit === 'h' ? 'hours' : unit === 'm' ? 'minutes' : 'seconds'} above 0, at most 60 days in all`);
	return requireExpiry(ref, `${count}${unit}`);
}
