import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { sharedTokenProperties } from '../nodes/shared/sharedToken';
import { loginSession, requestBearer } from '../nodes/ThingSpace/transport/login';
import { DEFAULT_BASE_URL, LOCATION_API, SESSION_TOKEN_FIELD, THINGSPACE_TOKEN_FIELDS } from '../nodes/ThingSpace/transport/request';

export class ThingSpaceApi implements ICredentialType {
	name = 'thingSpaceApi';

	displayName = 'Verizon ThingSpace API';

	icon: Icon = { light: 'file:../icons/thingspace.svg', dark: 'file:../icons/thingspace.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-location-tracking/n8n-nodes-location-tracking#thingspace-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: "ThingSpace's address. The sandbox of this package uses its simulator's URL instead.",
			required: true,
		},
		{
			displayName: 'Application Key',
			name: 'appKey',
			type: 'string',
			default: '',
			description: 'The key of your ThingSpace application (ThingSpace › My Account › Key Management), for the bearer token',
			required: true,
		},
		{
			displayName: 'Application Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The secret of that application key',
			required: true,
		},
		{
			displayName: 'UWS Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'The ThingSpace (UWS) user that opens the M2M session; it must have access to the billing account',
			required: true,
		},
		{
			displayName: 'UWS Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Five failed logins in a row lock this user until Verizon support unlocks it: a refused login is never retried',
			required: true,
		},
		{
			displayName: 'Default Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			placeholder: '0000123456-00001',
			description: 'The billing account the nodes use when theirs is left empty: 10 digits, a hyphen and 5 digits, leading zeros included',
			required: true,
		},
		...sharedTokenProperties(
			THINGSPACE_TOKEN_FIELDS,
			'Each ThingSpace login is a request against your account, and five failed UWS logins lock the user, so executions share one bearer token and one session.',
		),
		{
			displayName: 'M2M Session Token',
			name: SESSION_TOKEN_FIELD,
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	// Runs when the stored bearer token is empty (first use, expiry, or after ThingSpace refused a token).
	// n8n stores what it returns, so every execution and worker shares both tokens. A new bearer token
	// every time; the UWS session only when there is none (the node empties it when ThingSpace says the
	// session expired).
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const bearer = await requestBearer(this, credentials);
		const stored = String(credentials[SESSION_TOKEN_FIELD] ?? '');
		const sessionToken = stored !== '' ? stored : await loginSession(this, credentials, bearer.token);
		return {
			[THINGSPACE_TOKEN_FIELDS.token]: bearer.token,
			[THINGSPACE_TOKEN_FIELDS.expiresAt as string]: Date.now() + bearer.expiresIn * 1000,
			[SESSION_TOKEN_FIELD]: sessionToken,
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{"Bearer " + $credentials.bearerToken}}',
				'VZ-M2M-Token': '={{$credentials.sessionToken}}',
			},
		},
	};

	// Needs both tokens: the account's listeners. A refused login says itself which token failed.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.baseUrl.replace(/\\/+$/, "")}}${LOCATION_API}`,
			url: '=/callbacks/{{$credentials.accountName}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'ThingSpace refused the bearer token (check the application key and secret)' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'ThingSpace refused the M2M session or the account: check the UWS user name and password, and that the Default Account Name is an account of that user',
				},
			},
		],
	};
}
