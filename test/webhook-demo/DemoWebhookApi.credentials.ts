/**
 * Credential of the test-only webhook demo provider (test/webhook-demo): never shipped. Its API key goes
 * in an `X-Api-Key` header; the simulator refuses requests without the right one.
 */
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DemoWebhookApi implements ICredentialType {
	name = 'demoWebhookApi';

	displayName = 'Webhook Demo API (tests only)';

	documentationUrl = 'https://github.com/n8n-nodes-location-tracking/n8n-nodes-location-tracking';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', required: true },
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/subscriptions' },
	};
}
