/**
 * The Verizon ThingSpace simulator: one real HTTP server standing for the whole host
 * (https://thingspace.verizon.com): the OAuth2 token endpoint, the UWS session login and the Location
 * API under /api/loc/v1, with periodic sessions that send signed DeviceLocation callbacks on a
 * simulated clock (real time plus what advance() added).
 *
 * Assumptions where the public document is silent (decided for this package; the node follows them):
 * - Token: `POST /api/ts/v1/oauth2/token`, form `grant_type=client_credentials`, `Authorization: Basic
 *   base64(key:secret)` → `{access_token, token_type:'bearer', expires_in, scope}`. Asking again while
 *   the token lives returns the same token, `expires_in` being the whole seconds it has left. A wrong
 *   client → 401 `{error:'invalid_client', ...}`; another grant type → 400 `unsupported_grant_type`.
 * - Every other call needs `Authorization: Bearer <token>`: none → 401 gateway fault 900902 (Missing
 *   Credentials), unknown or expired → 401 fault 900901 (Invalid Credentials). Unknown paths → 404 fault
 *   900906. More than 50 requests a second over the whole API, token and login included → 429
 *   `{message:'Too Many Requests'}` with Retry-After in seconds.
 * - Session: `POST /api/m2m/v1/session/login` `{username, password}` → `{sessionToken}` (a UUID); bad
 *   credentials → 400 `UnifiedWebService.Input.Invalid.Credentials`; the 5th failure in a row locks the
 *   user, after which every login (right password too) gets 400 `UnifiedWebService.Account.Locked`
 *   until unlockUser(); a success resets the count. A session expires after 20 minutes of simulated
 *   time without use; each use renews it; a new login does not end the user's other sessions. Missing or unknown `VZ-M2M-Token` → 400 INVALID_PARAMETER
 *   "UWS verification failure (Invalid session token.)"; expired → the documented "(The Session has
 *   expired.)" or, with sessionExpiryStyle 'code', `REQUEST_FAILED.SessionToken.Expired`.
 * - The account named in a request (body, query or path) must be the session user's: otherwise 400
 *   "Unregistered account"; a name not shaped `##########-#####` → 400 "Invalid account name".
 * - Numbers are accepted as strings (the table) or numbers (the example); `maxLocationAge` is a synonym
 *   of `maxLocAge`. An absent `numberOfFixes` means 12 (the table's default); 0 means until stopped.
 *   Ranges are the table's; outside them → 400 INVALID_PARAMETER naming the field. `cacheMode` is 0
 *   (cached only), 1 (current, the default) or 2 (cached if younger than maxLocAge, else current);
 *   `accuracyMode` 0-2 is accepted and ignored. Only the `imei` kind (any case) is supported; callbacks
 *   write it `IMEI`. An empty device list → 400 "deviceList must contain at least one device".
 * - Devices the account does not own (or whose MDN does not match) are not refused: their reports fail
 *   with `TS OWNERSHIP CHECK FAILED`; devices without consent with `TS CONSENT NOT FOUND` / "No consent
 *   on file for this device"; cached-only without a cached fix with `CACHE_UNAVAILABLE`. Failed reports
 *   are sent for every fix of a periodic session, like successful ones.
 * - One callback per device per fix. Periodic round k is due at start + startTime + k × fixInterval;
 *   asynchronous results carry the request's time. Both go out when the clock advances (immediately in
 *   live mode). Callback bodies are indented JSON.
 * - Stop: `DELETE .../periodic/{transactionID}?accountName=` with JSON `{mdn:[...]}` (1-100) → 200
 *   `{transactionID:<new>, status:'COMPLETED'}`; each session device with a listed MDN gets one
 *   STOP_PERIODIC_LOCATION_RESPONSE `{accountName, deviceList:[{id, mdn}], reportType, status:'SUCCESS',
 *   transactionID:<the session's>}`, again if stopped again; MDNs not in the session are ignored; an
 *   unknown transaction (or one of another account) → 400 "Transaction not found".
 * - Cancel: `DELETE /devicelocations/{txid}?accountName=` → `{txid, status:'Cancelled'}`; unknown → 400
 *   "Transaction not found"; results already sent → 400 "Unable to Cancel" (the Error Codes page).
 * - Sync `POST /locations` answers `[{msid, pd:{time, utcoffset:'+0000', x, y, radius, qos:false},
 *   error:null}]` or `{msid, pd:null, error:{type, info, time}}` per device.
 * - Listeners: one per account and name (DeviceLocation, Location); registering again replaces it
 *   with a new 64-hex shared key (response header `VZ-Shared-Key`). Any http(s) URL is kept; only
 *   http://127.0.0.1 ones are called, deliveries to others are recorded as skipped. Listing with none
 *   answers 200 with an empty body; deleting a missing one → 400 INVALID_PARAMETER.
 * - Signature: header `VZ-Signature`, lowercase hex HMAC-SHA256 of the exact body bytes keyed with the
 *   shared key's UTF-8 text. Callbacks go to the account's DeviceLocation listener only.
 * - Accounts: the demo account owns a generated fleet (25,000 devices by default, the first ones the
 *   same on every run; every 50th without consent); the second account's DeviceLocation listener points
 *   at another system (http://127.0.0.1:9/other-system) from the start.
 * - The sandbox's live mode does not jump the clock (tokens would expire): hurrySessions() makes each
 *   running session's next fix due now instead.
 */
import { randomUUID } from 'node:crypto';

import { Simulator, type SimRequest, type SimResponse } from '../framework';
import { THINGSPACE_DEMO, type ListenerName } from './accounts';
import type { TokenCounts } from './auth';
import type { CallbackDelivery, CallbackKind, Listener } from './callbacks';
import type { FleetDevice } from './fleet';
import { FIX_ERRORS, type FixError } from './fixes';
import { positionAt, radiusAt } from './motion';
import { hurrySessions, type PeriodicSession } from './periodic';
import { failureReport, fixReport, type ReportBody } from './reports';
import { dispatch } from './server';
import { ThingSpaceWorld, type AsyncRequest, type ThingSpaceOptions } from './state';

export * from './accounts';
export { SHARED_KEY_HEADER, SIGNATURE_HEADER, signBody } from './callbacks';
export { FIX_ERRORS } from './fixes';
export { isoOfTsTime, reportKey, tsTime } from './reports';
export { THINGSPACE_ROUTES } from './server';
export type { AsyncRequest, CallbackDelivery, CallbackKind, FleetDevice, Listener, PeriodicSession, ReportBody, ThingSpaceOptions, TokenCounts };

type SendKind = Exclude<CallbackKind, 'repeated'>;
const DEMO = THINGSPACE_DEMO.account;

export class ThingSpaceSimulator extends Simulator {
	private readonly world: ThingSpaceWorld;

	constructor(options: ThingSpaceOptions = {}) {
		super('thingspace');
		this.world = new ThingSpaceWorld(options);
	}

	/** Simulated epoch ms. */
	now(): number {
		return this.world.now();
	}

	/** Moves the simulated clock and sends every callback that became due; resolves once they are answered. */
	async advance(ms: number): Promise<void> {
		await this.world.advance(ms);
	}

	/** Resolves when no callback is being sent (e.g. the stop responses after a stop request). */
	async idle(): Promise<void> {
		await this.world.idle();
	}

	/** Live mode (the sandbox): asynchronous results and due rounds go out at once. */
	setLive(on: boolean): void {
		this.world.live = on;
	}

	/** Makes every running periodic session report its next fix now (the sandbox's ticker); returns how many. */
	async hurrySessions(): Promise<number> {
		const count = hurrySessions(this.world);
		await this.world.advance(0);
		return count;
	}

	get tokenCounts(): TokenCounts {
		return { ...this.world.auth.counts };
	}

	/** Makes every bearer token issued so far expired. */
	expireBearer(): void {
		this.world.auth.expireBearers(this.now());
	}

	/** Makes every session token expired (answered as expired, not as unknown). */
	expireSession(): void {
		this.world.auth.expireSessions();
	}

	setSessionExpiryStyle(style: 'message' | 'code'): void {
		this.world.auth.sessionExpiryStyle = style;
	}

	isLocked(username: string): boolean {
		return this.world.auth.isLocked(username);
	}

	unlockUser(username: string): void {
		this.world.auth.unlock(username);
	}

	liveSessionTokens(): string[] {
		return this.world.auth.liveSessions(this.now());
	}

	/** Requests per second over the whole API, or false for none. */
	setRateLimit(perSecond: number | false): void {
		this.world.setRateLimit(perSecond);
	}

	fleetSize(account = DEMO): number {
		return this.world.fleetOf(account).size;
	}

	/** Device n (from 0) of an account's fleet; the first ones are the same on every run. */
	device(index: number, account = DEMO): FleetDevice {
		return this.world.fleetOf(account).device(index);
	}

	fleetHead(count: number, account = DEMO): FleetDevice[] {
		return this.world.fleetOf(account).head(count);
	}

	deviceByImei(imei: string): FleetDevice | undefined {
		for (const fleet of this.world.fleets.values()) {
			const device = fleet.byImei(imei);
			if (device) return device;
		}
		return undefined;
	}

	hasConsent(imei: string): boolean {
		const device = this.requireDevice(imei);
		return this.world.fleetOf(device.account).hasConsent(device);
	}

	setConsent(imei: string, consent: boolean): void {
		const device = this.requireDevice(imei);
		this.world.fleetOf(device.account).setConsent(device, consent);
	}

	listener(account = DEMO, name: ListenerName = 'DeviceLocation'): Listener | undefined {
		return this.world.listeners.get(account, name);
	}

	listeners(account = DEMO): Listener[] {
		return this.world.listeners.list(account);
	}

	/** A listener registered by another system of the customer's (replacing the account's current one). */
	registerForeignListener(account: string, url: string, name: ListenerName = 'DeviceLocation'): Listener {
		return this.world.listeners.register(account, name, url, this.now());
	}

	periodicSession(transactionID: string): PeriodicSession | undefined {
		return this.world.periodic.get(transactionID);
	}

	periodicSessions(account = DEMO): PeriodicSession[] {
		return [...this.world.periodic.values()].filter((session) => session.account === account);
	}

	/** Device id → how many stop requests named it, for the session's devices stopped at least once. */
	stoppedDevices(transactionID: string): Map<string, number> {
		const session = this.world.periodic.get(transactionID);
		if (!session) throw new Error(`No periodic session ${transactionID}`);
		return new Map(session.devices.filter((device) => device.stops > 0).map((device) => [device.requested.id, device.stops]));
	}

	asyncRequest(txid: string): AsyncRequest | undefined {
		return this.world.asyncRequests.get(txid);
	}

	/** Every callback delivery so far (skipped ones too), in order. */
	callbacks(kind?: CallbackKind): CallbackDelivery[] {
		return this.world.sender.deliveries.filter((entry) => kind === undefined || entry.kind === kind);
	}

	/** Sends any report body to the account's DeviceLocation listener. */
	async sendReport(report: ReportBody, kind: SendKind = 'signed', account = report.accountName): Promise<CallbackDelivery> {
		return await this.world.sender.send(account, report, kind);
	}

	/** Sends a delivery's exact bytes and signature again (recorded as 'repeated'). */
	async redeliver(seq: number): Promise<CallbackDelivery> {
		return await this.world.sender.redeliver(seq);
	}

	/** One FAILED LOCATION_REPORT for device n of the demo fleet, with a new transaction id each call. */
	async failureReport(deviceIndex: number, kind: SendKind = 'signed', error: FixError = FIX_ERRORS.noConsent): Promise<CallbackDelivery> {
		const device = this.device(deviceIndex);
		const requested = { id: device.imei, kind: 'imei', mdn: device.mdn };
		return await this.sendReport(failureReport(DEMO, randomUUID(), requested, error, this.now()), kind);
	}

	/** One SUCCESS LOCATION_REPORT for device n of an account's fleet (its position now), with a new transaction id. */
	async locationReport(deviceIndex: number, kind: SendKind = 'signed', account = DEMO): Promise<CallbackDelivery> {
		const [delivery] = await this.sendLocationReports(1, { account, firstDevice: deviceIndex, kind });
		return delivery;
	}

	/**
	 * `count` SUCCESS LOCATION_REPORTs for consecutive devices of an account's fleet (from `firstDevice`),
	 * each with a transaction id of its own, sent signed and all at once unless `concurrency` says otherwise.
	 */
	async sendLocationReports(
		count: number,
		options: { account?: string; firstDevice?: number; concurrency?: number; kind?: SendKind } = {},
	): Promise<CallbackDelivery[]> {
		const { account = DEMO, firstDevice = 0, concurrency = Infinity, kind = 'signed' } = options;
		const fleet = this.world.fleetOf(account);
		const at = this.now();
		const reports = Array.from({ length: count }, (_, offset) => {
			const device = fleet.device((firstDevice + offset) % fleet.size);
			const fix = { ok: true as const, device, position: positionAt(device.route, at), radius: radiusAt(device.seed, at), at, cached: false };
			const requested = { id: device.imei, kind: 'imei', mdn: device.mdn };
			return { account, report: fixReport(account, randomUUID(), requested, fix), kind };
		});
		return await this.world.sender.sendAll(reports, concurrency);
	}

	protected handle(req: SimRequest): SimResponse {
		return dispatch(this.world, req);
	}

	private requireDevice(imei: string): FleetDevice {
		const device = this.deviceByImei(imei);
		if (!device) throw new Error(`No simulated ThingSpace device ${imei}`);
		return device;
	}
}
