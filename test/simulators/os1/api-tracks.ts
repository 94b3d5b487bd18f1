/**
 * SIM and smartphone tracks: create (201 unstarted, 202 started), start or stop by id or name (202), and
 * their status by MSISDN or context id, by name, by id; the status of any track. SIM statuses give times in
 * epoch seconds, smartphone and general ones in epoch milliseconds, as the two documents show them.
 */
import { ok, type ApiContext, type ApiHandler } from './context';
import { traceStats } from './trace';
import type { TrackKind, TrackRecord } from './tracks';
import { bodyOf, booleanOf, callbackOf, contextIdOf, expiryMsOf, msisdnOf, operationOf, optionalTextOf } from './validation';

/** The driver's app in the smartphone status (the simulator has one). */
export const OS1_DRIVER_APP = 'com.example.driver';

const seconds = (ms: number): number => Math.floor(ms / 1000);
/** How the SIM status names the consent: allowed reads `granted`, as in the SIM document's example. */
const consentWord = (status: string | undefined): string => (status === 'allowed' ? 'granted' : (status ?? 'missing'));

export function simStatus({ state }: ApiContext, track: TrackRecord): Record<string, unknown> {
	const stats = traceStats(track, state.now());
	return {
		status: track.status,
		trackId: track.trackId,
		trackName: track.trackName,
		msisdn: track.msisdn,
		...(track.externalRefId === undefined ? {} : { externalRefId: track.externalRefId }),
		deviceId: `device-${track.msisdn!}`,
		consentStatus: consentWord(state.consentStatus(track.msisdn!)),
		startedAt: seconds(track.startedAt),
		stoppedAt: seconds(track.stoppedAt),
		rsOutput: { confidence: stats.confidence, distance: stats.distance, errorReason: stats.errorReason },
	};
}

export function smartphoneStatus({ state }: ApiContext, track: TrackRecord): Record<string, unknown> {
	const stats = traceStats(track, state.now());
	return {
		status: track.status,
		trackId: track.trackId,
		trackName: track.trackName,
		startedAt: track.startedAt,
		stoppedAt: track.stoppedAt,
		contextId: track.contextId,
		...(track.externalRefId === undefined ? {} : { externalRefId: track.externalRefId }),
		app: OS1_DRIVER_APP,
		totalTraces: stats.totalTraces,
		routeStats: { confidence: stats.confidence, distance: stats.distance, errorReason: null },
	};
}

const created = (track: TrackRecord) => ok({ trackId: track.trackId, trackName: track.trackName }, track.status === 'started' ? 202 : 201);

/** POST /sim-tracks {msisdn, defaultStart?, expiry?, callback?, externalRefId?}: needs an allowed consent. */
const createSimTrack: ApiHandler = ({ state, request }) => {
	const body = bodyOf(request.body);
	const msisdn = msisdnOf(body.msisdn);
	const expiryMs = expiryMsOf(body.expiry);
	const callback = callbackOf(body.callback);
	const start = booleanOf(body, 'defaultStart');
	const externalRefId = optionalTextOf(body, 'externalRefId');
	return created(state.tracks.create({ kind: 'sim', msisdn, externalRefId, expiryMs, callback, start }));
};

/** POST /smartphone-tracks {contextId, externalRefId?, defaultStart?, expiry?, callback?}. */
const createSmartphoneTrack: ApiHandler = ({ state, request }) => {
	const body = bodyOf(request.body);
	const contextId = contextIdOf(body.contextId);
	const externalRefId = optionalTextOf(body, 'externalRefId');
	const expiryMs = expiryMsOf(body.expiry);
	const callback = callbackOf(body.callback);
	const start = booleanOf(body, 'defaultStart');
	return created(state.tracks.create({ kind: 'smartphone', contextId, externalRefId, expiryMs, callback, start }));
};

/** PUT /<kind>-tracks/{trackIdOrName} {operation, callback?} → 202 {id}. */
const updateTrack =
	(kind: TrackKind): ApiHandler =>
	({ state, request, params }) => {
		const body = bodyOf(request.body);
		const operation = operationOf(body.operation);
		const callback = callbackOf(body.callback);
		const track = state.tracks.find(params[0], kind);
		state.tracks.operate(track, operation, callback);
		return ok({ id: track.trackId }, 202);
	};

type Lookup = (context: ApiContext) => TrackRecord;
const statusBy =
	(lookup: Lookup, view: typeof simStatus): ApiHandler =>
	(context) =>
		ok(view(context, lookup(context)));

const simByMsisdn: Lookup = ({ state, params }) => {
	const msisdn = msisdnOf(params[0]);
	return state.tracks.newest((track) => track.kind === 'sim' && track.msisdn === msisdn, `MSISDN ${msisdn}`);
};
const phoneByContext: Lookup = ({ state, params }) =>
	state.tracks.newest((track) => track.kind === 'smartphone' && track.contextId === params[0], `contextId ${params[0]}`);
const byName =
	(kind: TrackKind): Lookup =>
	({ state, params }) =>
		state.tracks.find(params[0], kind, 'name');
const byId =
	(kind: TrackKind): Lookup =>
	({ state, params }) =>
		state.tracks.find(params[0], kind, 'id');

/** GET /tracks/{trackIdOrName}/status: any kind, times in epoch milliseconds. */
const trackStatus: ApiHandler = ({ state, params }) => {
	const track = state.tracks.find(params[0]);
	return ok({
		status: track.status,
		trackId: track.trackId,
		trackName: track.trackName,
		kind: track.kind,
		startedAt: track.startedAt,
		stoppedAt: track.stoppedAt,
		totalTraces: traceStats(track, state.now()).totalTraces,
	});
};

/** Path parameters may hold `/` (a context id may): more specific routes come first. */
export const trackRoutes = [
	{ method: 'POST', path: /^\/sim-tracks$/, handle: createSimTrack },
	{ method: 'PUT', path: /^\/sim-tracks\/(.+)$/, handle: updateTrack('sim') },
	{ method: 'GET', path: /^\/sim-tracks\/msisdn\/(.+)\/status$/, handle: statusBy(simByMsisdn, simStatus) },
	{ method: 'GET', path: /^\/sim-tracks\/name\/(.+)\/status$/, handle: statusBy(byName('sim'), simStatus) },
	{ method: 'GET', path: /^\/sim-tracks\/(.+)\/status$/, handle: statusBy(byId('sim'), simStatus) },
	{ method: 'POST', path: /^\/smartphone-tracks$/, handle: createSmartphoneTrack },
	{ method: 'PUT', path: /^\/smartphone-tracks\/(.+)$/, handle: updateTrack('smartphone') },
	{ method: 'GET', path: /^\/smartphone-tracks\/context\/(.+)\/status$/, handle: statusBy(phoneByContext, smartphoneStatus) },
	{ method: 'GET', path: /^\/smartphone-tracks\/name\/(.+)\/status$/, handle: statusBy(byName('smartphone'), smartphoneStatus) },
	{ method: 'GET', path: /^\/smartphone-tracks\/(.+)\/status$/, handle: statusBy(byId('smartphone'), smartphoneStatus) },
	{ method: 'GET', path: /^\/tracks\/(.+)\/status$/, handle: trackStatus },
] as const;
