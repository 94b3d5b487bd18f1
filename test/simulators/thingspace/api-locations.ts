/**
 * Device location: `POST /locations` (synchronous, up to 20 devices, answered in the response),
 * `POST /devicelocations` (asynchronous, up to 10,000, answered as LOCATION_REPORT callbacks) and
 * `DELETE /devicelocations/{txid}?accountName=` (cancels a request whose results are not sent yet).
 */
import { randomUUID } from 'node:crypto';

import { THINGSPACE_DEFAULTS as DEFAULTS, THINGSPACE_LIMITS as LIMITS } from './accounts';
import { ok, ownAccount, type ApiHandler } from './context';
import { LOCATION_MESSAGES, invalidParameter } from './errors';
import { locate, type FixOptions } from './fixes';
import { accuracyMode, cacheMode, deviceList, jsonObject, wholeNumber, type Body } from './params';
import { tsTime } from './reports';

function fixOptions(body: Body): FixOptions {
	accuracyMode(body);
	return {
		cacheMode: cacheMode(body, DEFAULTS.cacheMode),
		maxLocAge: wholeNumber(body, 'maxLocAge', LIMITS.maxLocAge, DEFAULTS.maxLocAge, 'maxLocationAge'),
	};
}

export const locateNow: ApiHandler = (context) => {
	const { world } = context;
	const body = jsonObject(context.req.body);
	const account = ownAccount(context, body.accountName);
	const devices = deviceList(body, LIMITS.syncDevices);
	const options = fixOptions(body);
	const fleet = world.fleetOf(account);
	const now = world.now();
	return ok(
		devices.map((device) => {
			const fix = locate(fleet, world.cache, device, now, options);
			if (!fix.ok) return { msid: device.id, pd: null, error: { ...fix.error, time: tsTime(fix.at) } };
			const pd = {
				time: tsTime(fix.at),
				utcoffset: '+0000',
				x: String(fix.position.latitude),
				y: String(fix.position.longitude),
				radius: String(fix.radius),
				qos: false,
			};
			return { msid: device.id, pd, error: null };
		}),
	);
};

export const requestLocations: ApiHandler = (context) => {
	const { world } = context;
	const body = jsonObject(context.req.body);
	const account = ownAccount(context, body.accountName);
	const devices = deviceList(body, LIMITS.asyncDevices);
	const txid = randomUUID();
	world.asyncRequests.set(txid, { txid, account, devices, options: fixOptions(body), createdAt: world.now(), state: 'queued' });
	world.afterChange();
	return ok({ txid, status: 'QUEUED' });
};

export const cancelRequest: ApiHandler = (context) => {
	const { world, req } = context;
	const account = ownAccount(context, req.query.accountName);
	const request = world.asyncRequests.get(context.path.txid);
	if (!request || request.account !== account) throw invalidParameter(LOCATION_MESSAGES.unknownTransaction);
	if (request.state === 'delivered') throw invalidParameter(LOCATION_MESSAGES.unableToCancel);
	request.state = 'cancelled';
	return ok({ txid: request.txid, status: 'Cancelled' });
};
