/** UTC days in epoch seconds: simulated history is generated and cached one day at a time. */

export const DAY_SECONDS = 86400;

/** The day number (days since the epoch) of an epoch-seconds time. */
export function dayOf(epochSeconds: number): number {
	return Math.floor(epochSeconds / DAY_SECONDS);
}

/** Midnight UTC, in epoch seconds, of the day holding `epochSeconds`. */
export function dayStartOf(epochSeconds: number): number {
	return dayOf(epochSeconds) * DAY_SECONDS;
}
