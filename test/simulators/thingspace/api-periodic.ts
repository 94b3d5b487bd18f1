/**
 * Periodic location: `POST /devicelocations/action/periodic` starts a session for up to 10,000 devices,
 * `DELETE /devicelocations/action/periodic/{transactionID}?accountName=` with `{mdn:[...]}` (1-100)
 * stops devices of it. Stop responses go out as callbacks after the answer.
 */
import { randomUUID } from 'node:crypto';

import { THINGSPACE_DEFAULTS as DEFAULTS, THINGSPACE_LIMITS as LIMITS } from './accounts';
import { ok, ownAccount, type ApiHandler } from './context';
import { LOCATION_MESSAGES, invalidParameter } from './errors';
import { ownedDevice } from './fixes';
import { cacheMode, deviceList, jsonObject, mdnList, wholeNumber } from './params';
import { indexByMdn, stopDevices, type PeriodicSession } from './periodic';

export const startPeriodic: ApiHandler = (context) => {
	const { world } = context;
	const body = jsonObject(context.req.body);
	const account = ownAccount(context, body.accountName);
	const devices = deviceList(body, LIMITS.periodicDevices);
	const params = {
		maxLocAge: wholeNumber(body, 'maxLocAge', LIMITS.maxLocAge, DEFAULTS.maxLocAge, 'maxLocationAge'),
		numberOfFixes: wholeNumber(body, 'numberOfFixes', LIMITS.numberOfFixes, DEFAULTS.numberOfFixes),
		fixInterval: wholeNumber(body, 'fixInterval', LIMITS.fixInterval, DEFAULTS.fixInterval),
		startTime: wholeNumber(body, 'startTime', LIMITS.startTime, DEFAULTS.startTime),
		cacheMode: cacheMode(body, DEFAULTS.cacheMode),
	};
	const fleet = world.fleetOf(account);
	const sessionDevices = devices.map((requested) => ({
		requested,
		mdn: requested.mdn ?? ownedDevice(fleet, requested)?.mdn ?? '',
		fixes: 0,
		stops: 0,
	}));
	const session: PeriodicSession = {
		transactionID: randomUUID(),
		account,
		createdAt: world.now(),
		params,
		devices: sessionDevices,
		byMdn: indexByMdn(sessionDevices),
		rounds: 0,
		stopRequests: [],
	};
	world.periodic.set(session.transactionID, session);
	world.afterChange();
	return ok({ transactionID: session.transactionID, status: 'QUEUED' });
};

export const stopPeriodic: ApiHandler = (context) => {
	const { world, req } = context;
	const body = jsonObject(req.body);
	const account = ownAccount(context, req.query.accountName ?? body.accountName);
	const mdns = mdnList(body, LIMITS.stopMdns);
	const session = world.periodic.get(context.path.transactionID);
	if (!session || session.account !== account) throw invalidParameter(LOCATION_MESSAGES.unknownTransaction);
	const reports = stopDevices(session, mdns);
	const transactionID = randomUUID();
	session.stopRequests.push({ transactionID, mdns, at: world.now() });
	world.inBackground(
		async () => await world.sender.sendAll(reports.map((report) => ({ account, report })), world.deliveryConcurrency),
	);
	return ok({ transactionID, status: 'COMPLETED' });
};
