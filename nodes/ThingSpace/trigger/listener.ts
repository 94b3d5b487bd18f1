import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveAccountName } from '../helpers/devices';
import { headerOf, listeners, type Listener } from '../transport/api';
import { CREDENTIAL_TYPE } from '../transport/request';
import { SIGNATURE_DEFAULTS } from './properties';

/**
 * The trigger's registration as the account's DeviceLocation listener (one per account). Static data keeps
 * the shared key the registration answered, the account and the URL registered. A listener that points at
 * another URL (another system of the customer's) is never taken over unless the user chose to, and
 * deactivation removes the listener only while it still points at this workflow.
 */
export const LISTENER = 'DeviceLocation';
const KEYS = ['sharedKey', 'accountName', 'listenerUrl'] as const;

async function accountOf(context: IHookFunctions): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return resolveAccountName(
		{ node: context.getNode(), parameter: 'Account Name' },
		context.getNodeParameter('accountName', '') as string,
		credentials.accountName,
	);
}

function webhookUrlOf(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') ?? '';
}

const isHttps = (url: string) => /^https:\/\//i.test(url);
const httpsWarning = (url: string) =>
	`The webhook URL ${url} is not HTTPS: ThingSpace calls only public HTTPS addresses, so callbacks will not arrive. Set n8n's WEBHOOK_URL to a public https:// address.`;

function forget(data: IDataObject): void {
	for (const key of KEYS) delete data[key];
}

const deviceLocationListener = (list: Listener[]) => list.find((listener) => listener.name === LISTENER);

export async function listenerExists(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const url = webhookUrlOf(this);
	if (!isHttps(url)) this.logger.warn(httpsWarning(url));
	const accountName = await accountOf(this);
	const current = deviceLocationListener(await listeners.list(this, accountName));
	if (current === undefined) {
		forget(data);
		return false;
	}
	if (current.url === url) {
		// Ours, but without its shared key here (e.g. static data lost): registering again gives a new one.
		return typeof data.sharedKey === 'string' && data.accountName === accountName;
	}
	if (this.getNodeParameter('replaceExisting', false) === true) return false;
	throw new NodeOperationError(
		this.getNode(),
		`The ThingSpace account ${accountName} already sends its DeviceLocation callbacks to ${current.url}`,
		{
			description:
				'An account has one DeviceLocation listener: activating this workflow would redirect the callbacks another system receives there. Turn on "Replace Existing Listener" to take it over, or remove that listener first.',
		},
	);
}

export async function createListener(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const url = webhookUrlOf(this);
	const accountName = await accountOf(this);
	const options = this.getNodeParameter('options', {}) as { sharedKeyHeader?: string };
	const secretHeader = options.sharedKeyHeader?.trim() || SIGNATURE_DEFAULTS.sharedKeyHeader;
	let answer;
	try {
		answer = await listeners.register(this, accountName, LISTENER, url);
	} catch (error) {
		const reason = error as NodeApiError;
		const description = [reason.description, isHttps(url) ? undefined : httpsWarning(url)].filter(Boolean).join(' ');
		throw new NodeOperationError(this.getNode(), reason, { description: description === '' ? undefined : description });
	}
	const sharedKey = headerOf(answer.headers, secretHeader);
	if (sharedKey === undefined && this.getNodeParameter('verifySignatures', true) !== false) {
		throw new NodeOperationError(this.getNode(), `ThingSpace's registration answer has no ${secretHeader} header: there is no key to verify callbacks with`, {
			description: 'Check the option Shared Key Header (ThingSpace documents VZ-Shared-Key), or turn off Verify Signatures.',
		});
	}
	data.sharedKey = sharedKey ?? '';
	data.accountName = accountName;
	data.listenerUrl = url;
	return true;
}

export async function deleteListener(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const url = typeof data.listenerUrl === 'string' ? data.listenerUrl : webhookUrlOf(this);
	const accountName = typeof data.accountName === 'string' ? data.accountName : await accountOf(this);
	const current = deviceLocationListener(await listeners.list(this, accountName));
	if (current !== undefined && current.url === url) await listeners.remove(this, accountName, LISTENER);
	forget(data);
	return true;
}
