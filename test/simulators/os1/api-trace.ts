/**
 * GET /tracks/{trackIdOrName}/trace?pageSize=&pageToken=: the trace as a GeoJSON FeatureCollection of
 * points in time order, a page at a time (pageSize 1 to 1000, default 500). nextPageToken continues right
 * after the page's last point; it is null when the page reaches the newest point there is now.
 */
import { Os1Code, Os1Error, OS1_LIMITS } from './codes';
import { ok, type ApiHandler } from './context';
import type { TracePoint } from './route';
import { traceCount, tracePoints } from './trace';
import type { TrackRecord } from './tracks';

interface PageToken {
	trackId: string;
	next: number;
}

const encodeToken = (token: PageToken): string => Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');

function decodeToken(text: string | undefined, track: TrackRecord): number {
	if (text === undefined) return 1;
	let token: Partial<PageToken> | undefined;
	try {
		token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<PageToken>;
	} catch {
		token = undefined;
	}
	if (!token || token.trackId !== track.trackId || !Number.isInteger(token.next) || (token.next ?? 0) < 1) {
		throw new Os1Error(Os1Code.invalidPageToken, `Invalid pageToken ${JSON.stringify(text)} for track ${track.trackId}`);
	}
	return token.next!;
}

function pageSizeOf(text: string | undefined): number {
	if (text === undefined) return OS1_LIMITS.defaultPageSize;
	const size = /^\d+$/.test(text) ? Number(text) : NaN;
	if (!(size >= 1 && size <= OS1_LIMITS.maxPageSize)) {
		throw new Os1Error(Os1Code.invalidPageSize, `Invalid pageSize ${JSON.stringify(text)}: a whole number from 1 to ${OS1_LIMITS.maxPageSize}`);
	}
	return size;
}

const feature = (point: TracePoint) => ({
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
	properties: { timestamp: point.timestamp, sequence: point.sequence, accuracy: point.accuracy },
});

export const traceData: ApiHandler = ({ state, request, params }) => {
	const track = state.tracks.find(params[0]);
	const pageSize = pageSizeOf(request.query.pageSize);
	const first = decodeToken(request.query.pageToken, track);
	const now = state.now();
	const points = tracePoints(track, now, first, pageSize);
	const next = first + points.length;
	const more = next <= traceCount(track, now);
	return ok({
		type: 'FeatureCollection',
		trackId: track.trackId,
		trackName: track.trackName,
		features: points.map(feature),
		nextPageToken: more ? encodeToken({ trackId: track.trackId, next }) : null,
	});
};

export const traceRoutes = [{ method: 'GET', path: /^\/tracks\/(.+)\/trace$/, handle: traceData }] as const;
