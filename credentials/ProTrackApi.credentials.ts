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
import { login, PATHS } from '../nodes/ProTrack/transport/api';
import { PROTRACK_TOKEN_FIELDS } from '../nodes/ProTrack/transport/request';

export class ProTrackApi implements ICredentialType {
	name = 'proTrackApi';

	displayName = 'ProTrack API';

	icon: Icon = { light: 'file:../icons/protrack.svg', dark: 'file:../icons/protrack.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-location-tracking/n8n-nodes-location-tracking#protrack';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://api.trackceo.com',
			placeholder: 'https://api.protrack365.com',
			description:
				'Address of your ProTrack Open API host. White-label platforms each have their own host; ask your service provider if unsure.',
			required: true,
		},
		{
			displayName: 'Account',
			name: 'account',
			type: 'string',
			default: '',
			description: 'The platform account the Open API was enabled for',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		...sharedTokenProperties(
			PROTRACK_TOKEN_FIELDS,
			'ProTrack keeps one token per account, so parallel logins invalidate each other.',
		),
	];

	// Runs when the stored token is empty (first use, or after the node reported it rejected).
	// n8n stores what it returns in the credential, so every execution and worker shares one token:
	// ProTrack invalidates the previous token whenever a new one is issued.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await login(this, credentials);
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: { access_token: '={{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: PATHS.userInfo,
			qs: { account: '={{$credentials.account}}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 10010, message: 'ProTrack did not accept the access token' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 10011, message: 'ProTrack did not accept the access token' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 10016, message: 'This ProTrack account is blocked' },
			},
		],
	};
}
