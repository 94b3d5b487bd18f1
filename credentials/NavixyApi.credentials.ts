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
import { login, TEST_ACTION } from '../nodes/Navixy/transport/api';
import { API_KEY_SESSION, API_URLS, NAVIXY_TOKEN_FIELDS, usesPassword } from '../nodes/Navixy/transport/request';

const forPassword = { show: { authentication: ['password'] } };

export class NavixyApi implements ICredentialType {
	name = 'navixyApi';

	displayName = 'Navixy API';

	icon: Icon = { light: 'file:../icons/navixy.svg', dark: 'file:../icons/navixy.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-location-tracking/n8n-nodes-location-tracking#navixy';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'options',
			default: API_URLS.eu,
			options: [
				{ name: 'Europe (api.eu.navixy.com)', value: API_URLS.eu },
				{ name: 'United States (api.us.navixy.com)', value: API_URLS.us },
				{ name: 'Custom or Self-Hosted', value: 'custom' },
			],
			description: 'Where your Navixy account lives. Accounts whose ID starts with 1000 are on the US platform.',
		},
		{
			displayName: 'Custom API URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example-tracking.com/v2',
			displayOptions: { show: { apiUrl: ['custom'] } },
			description: 'The API v2 address of a self-hosted or white-label Navixy platform',
			required: true,
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'apiKey',
			options: [
				{ name: 'API Key (Recommended)', value: 'apiKey', description: 'A key made in Navixy; it does not expire' },
				{ name: 'Login and Password', value: 'password', description: 'A session is opened once and shared by every execution' },
			],
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['apiKey'] } },
			description: 'Made in Navixy under Account settings › API keys',
			required: true,
		},
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			placeholder: 'name@example.com',
			displayOptions: forPassword,
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: forPassword,
			required: true,
		},
		...sharedTokenProperties(
			NAVIXY_TOKEN_FIELDS,
			'Navixy limits the number of open sessions per user (error 104), so executions share one session.',
		).map((property) => (property.type === 'hidden' ? property : { ...property, displayOptions: forPassword })),
	];

	// Runs when the stored session is empty (first use, or after Navixy said it ended). n8n stores what it
	// returns, so every execution and worker shares one session. An API key needs no session.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (!usesPassword(credentials)) return { sessionHash: API_KEY_SESSION };
		return { sessionHash: await login(this, credentials) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{"NVX " + ($credentials.authentication === "password" ? $credentials.sessionHash : $credentials.apiKey)}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.apiUrl === "custom" ? $credentials.customUrl : $credentials.apiUrl).replace(/\\/+$/, "")}}',
			url: `/${TEST_ACTION}`,
			method: 'POST',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 400, message: 'Navixy did not accept the API key or session (check the key, or the API URL)' },
			},
		],
	};
}
