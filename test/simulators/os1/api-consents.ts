/** Consent: request (the SMS), retrieve, and status, by MSISDN. Times in epoch milliseconds, 0 when not yet. */
import { ok, type ApiHandler } from './context';
import { bodyOf, callbackOf, msisdnOf } from './validation';

/** POST /consents/{msisdn} {callback?} → {status: 'initiated'}; a new request resets the consent. */
export const requestConsent: ApiHandler = ({ state, request, params }) => {
	const msisdn = msisdnOf(params[0]);
	const callback = callbackOf(bodyOf(request.body).callback);
	state.consents.request(msisdn, callback);
	return ok({ status: 'initiated' });
};

/** GET /consents/{msisdn} → {consentStatus, expiryAt, consentRequestedAt, consentReceivedAt}. */
export const retrieveConsent: ApiHandler = ({ state, params }) => {
	const consent = state.consents.require(msisdnOf(params[0]));
	return ok({
		consentStatus: state.consentStatus(consent.msisdn),
		expiryAt: consent.expiryAt,
		consentRequestedAt: consent.requestedAt,
		consentReceivedAt: consent.receivedAt,
	});
};

/**
 * GET /consents/{msisdn}/status → {msisdn, consentStatus}. ASSUMPTION (ours): a status check, unlike
 * retrieve, answers for any valid MSISDN, `not_requested` when no consent was ever asked for (the node's
 * credential test relies on it to tell a good token and tenant from a bad one).
 */
export const consentStatus: ApiHandler = ({ state, params }) => {
	const msisdn = msisdnOf(params[0]);
	if (!state.consents.get(msisdn)) return ok({ msisdn, consentStatus: 'not_requested' });
	return ok({ msisdn, consentStatus: state.consentStatus(msisdn) });
};

export const consentRoutes = [
	{ method: 'GET', path: /^\/consents\/([^/]+)\/status$/, handle: consentStatus },
	{ method: 'GET', path: /^\/consents\/([^/]+)$/, handle: retrieveConsent },
	{ method: 'POST', path: /^\/consents\/([^/]+)$/, handle: requestConsent },
] as const;
