import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { fetchAccessToken, PATHS } from '../nodes/Os1Mts/transport/api';
import { DEFAULT_AUDIENCE, DEFAULT_MTS_PREFIX, OS1_TOKEN_FIELDS } from '../nodes/Os1Mts/transport/request';
import { sharedTokenProperties } from '../nodes/shared/sharedToken';

/** An MSISDN no consent is ever asked for: its status answers whether token, tenant and prefix are right. */
const TEST_MSISDN = '000000000000';

export class Os1MtsApi implements ICredentialType {
	name = 'os1MtsApi';

	displayName = 'OS1 Movement Tracking API';

	icon: Icon = { light: 'file:../icons/os1.svg', dark: 'file:../icons/os1.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-location-tracking/n8n-nodes-location-tracking#os1-movement-tracking';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant URL',
			name: 'tenantUrl',
			type: 'string',
			default: '',
			placeholder: 'https://acme.sandbox.getos1.com',
			description: "Your OS1 tenant's address (each tenant has its own host)",
			required: true,
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			placeholder: 'acme',
			description: 'Sent as X-COREOS-TID with every request',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: DEFAULT_AUDIENCE,
			description: 'The audience the access token is asked for',
		},
		{
			displayName: 'MTS Path Prefix',
			name: 'mtsPrefix',
			type: 'string',
			default: DEFAULT_MTS_PREFIX,
			description: "Where your tenant's Movement Tracking API starts",
		},
		{
			displayName: 'Callback Secret',
			name: 'callbackSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A secret of your choosing (typed plain). The OS1 node sends it with callback URLs so that OS1 signs its callbacks with it, and the OS1 Movement Tracking Trigger verifies them with it.',
		},
		...sharedTokenProperties(OS1_TOKEN_FIELDS, ''),
	];

	// Runs when there is no access token or it is about to expire (the request pipeline empties it), or
	// after OS1 answered 401. n8n stores the result for every execution and worker.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { accessToken, expiresAt } = await fetchAccessToken(this, credentials);
		return { accessToken, accessTokenExpiresAt: expiresAt };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-COREOS-ACCESS': '={{$credentials.accessToken}}',
				'X-COREOS-TID': '={{$credentials.tenantId}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.tenantUrl.replace(/\\/+$/, "") + ($credentials.mtsPrefix || "${DEFAULT_MTS_PREFIX}").replace(/\\/+$/, "")}}`,
			url: PATHS.consentStatus(TEST_MSISDN),
			method: 'GET',
			// A request id in UUID form, new each millisecond (expressions have no UUID function).
			headers: { 'X-COREOS-REQUEST-ID': '={{"00000000-0000-4000-8000-" + String($now.toMillis()).padStart(12, "0").slice(-12)}}' },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'OS1 did not accept the access token: check the client ID, client secret and audience' } },
			{ type: 'responseCode', properties: { value: 403, message: 'OS1 refused the tenant ID for this tenant URL (X-COREOS-TID)' } },
			{ type: 'responseCode', properties: { value: 404, message: 'No Movement Tracking API under this tenant URL and MTS path prefix' } },
		],
	};
}
