import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { describeProviderCode } from '../../shared/errors';
import { PROTRACK_ERRORS } from '../helpers/errorCodes';

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The Open API's login signature: md5(md5(password) + time), 32 lower-case hex characters. */
export function authorizationSignature(password: string, unixSeconds: number): string {
	return md5Hex(md5Hex(password) + String(unixSeconds));
}

export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
}

/**
 * Logs in and returns a new access token. Each call invalidates the account's previous token, so
 * only the credential's preAuthentication (run by n8n, which stores the result) may call it.
 * Bad account or password (20001) is reported as is and never retried.
 */
export async function authorize(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const time = Math.floor(Date.now() / 1000);
	const response = (await context.helpers.httpRequest({
		method: 'GET',
		url: `${baseUrlOf(credentials)}/api/authorization`,
		qs: {
			time,
			account: String(credentials.account ?? ''),
			signature: authorizationSignature(String(credentials.password ?? ''), time),
		},
		json: true,
	})) as IDataObject;
	const code = Number(response?.code);
	const record = response?.record as IDataObject | undefined;
	if (code === 0 && typeof record?.access_token === 'string' && record.access_token !== '') {
		return record.access_token;
	}
	const reason = Number.isFinite(code)
		? `${code} ${describeProviderCode(PROTRACK_ERRORS, code)}`
		: 'the answer was not a ProTrack Open API response (check the Base URL)';
	throw new Error(`ProTrack authorization failed: ${reason}`);
}
