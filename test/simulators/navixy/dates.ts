/**
 * Navixy date/time text: `yyyy-MM-dd HH:mm:ss` in the user's time zone by default, ISO 8601 with the
 * zone's offset (`yyyy-MM-dd'T'HH:mm:ss+02:00`, `Z` at offset 0) when the request asks for it.
 * Parsing accepts both forms; a plain one is read in the user's time zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(epochSeconds: number, timeZone: string): Record<string, string> {
	const parts = formatterOf(timeZone).formatToParts(new Date(epochSeconds * 1000));
	return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/** The zone's offset from UTC at an instant, in seconds (Europe/Berlin in summer: 7200). */
export function offsetSeconds(epochSeconds: number, timeZone: string): number {
	const wall = wallClock(epochSeconds, timeZone);
	const asUtc = Date.UTC(
		+wall.year,
		+wall.month - 1,
		+wall.day,
		+wall.hour,
		+wall.minute,
		+wall.second,
	);
	return asUtc / 1000 - Math.floor(epochSeconds);
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** `yyyy-MM-dd HH:mm:ss` in the zone. */
export function userDateTime(epochSeconds: number, timeZone: string): string {
	const wall = wallClock(epochSeconds, timeZone);
	return `${wall.year}-${wall.month}-${wall.day} ${wall.hour}:${wall.minute}:${wall.second}`;
}

/** ISO 8601 with the zone's offset. */
export function isoDateTime(epochSeconds: number, timeZone: string): string {
	const offset = offsetSeconds(epochSeconds, timeZone);
	const sign = offset < 0 ? '-' : '+';
	const minutes = Math.abs(offset) / 60;
	const suffix =
		offset === 0 ? 'Z' : `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
	return `${userDateTime(epochSeconds, timeZone).replace(' ', 'T')}${suffix}`;
}

const PLAIN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch seconds of a date/time parameter, or undefined when it is in neither format. */
export function parseDateTime(text: string, timeZone: string): number | undefined {
	if (ISO.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
	}
	const match = PLAIN.exec(text);
	if (!match) {
		return undefined;
	}
	const [, year, month, day, hour, minute, second] = match.map(Number);
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
	// The offset at the guess, then at the corrected instant (right on both sides of a DST change).
	const first = asUtc - offsetSeconds(asUtc, timeZone);
	return asUtc - offsetSeconds(first, timeZone);
}

/** Formats instants for one request: ISO or the user's plain local form. */
export type DateFormatter = (epochSeconds: number | null | undefined) => string | null;

export function dateFormatter(timeZone: string, iso: boolean): DateFormatter {
	return (epochSeconds) => {
		if (epochSeconds === null || epochSeconds === undefined) {
			return null;
		}
		return iso ? isoDateTime(epochSeconds, timeZone) : userDateTime(epochSeconds, timeZone);
	};
}
