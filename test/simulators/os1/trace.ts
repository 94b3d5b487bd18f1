/**
 * A track's trace at a given moment: points every 30 s from the start until the earliest of now, the
 * stop, the expiry and the loss of the SIM consent; and the summary the status answers carry.
 */
import { pathLength } from '../common/geo';
import { pointCount, type TracePoint } from './route';
import type { TrackRecord } from './tracks';

/** The last moment the track has points for (epoch ms); -1 when it never started. */
export function traceEnd(track: TrackRecord, now: number): number {
	if (track.startedAt === 0) return -1;
	const ends = [now];
	if (track.stoppedAt > 0) ends.push(track.stoppedAt);
	if (track.expiresAt > 0) ends.push(track.expiresAt);
	if (track.haltedAt > 0) ends.push(track.haltedAt);
	return Math.min(...ends);
}

export function traceCount(track: TrackRecord, now: number): number {
	return track.startedAt === 0 ? 0 : pointCount(track.startedAt, traceEnd(track, now));
}

/** Points with sequence from `first` on, at most `max` of them. */
export function tracePoints(track: TrackRecord, now: number, first = 1, max = Infinity): TracePoint[] {
	const last = Math.min(traceCount(track, now), first + max - 1);
	const points: TracePoint[] = [];
	for (let sequence = Math.max(1, first); sequence <= last; sequence++) {
		points.push(track.route.point(track.startedAt, sequence));
	}
	return points;
}

export interface TraceStats {
	confidence: 'high' | 'medium' | 'low';
	/** Metres along the points. */
	distance: number;
	/** Why points stopped early (SIM consent lost); empty when they did not. */
	errorReason: string[];
	totalTraces: number;
}

/**
 * low: fewer than two points; medium: the trace stopped early; high: otherwise. The distance sums the
 * points' legs, rounded to metres.
 */
export function traceStats(track: TrackRecord, now: number): TraceStats {
	const points = tracePoints(track, now);
	const distance = Math.round(pathLength(points.map((point) => ({ latitude: point.lat, longitude: point.lon }))));
	const errorReason = track.haltReason === undefined ? [] : [track.haltReason];
	const confidence = points.length < 2 ? 'low' : errorReason.length > 0 ? 'medium' : 'high';
	return { confidence, distance, errorReason, totalTraces: points.length };
}
