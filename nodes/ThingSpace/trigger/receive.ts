import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerOnly, parseAddressList, receiveCallback, startWorkflow } from '../../shared/webhookReceiver';
import type { SignatureEncoding } from '../../shared/webhookSignature';
import { callbackItems, DEFAULT_FILTER, type CallbackFilter } from '../helpers/callback';
import { SIGNATURE_DEFAULTS } from './properties';

interface TriggerOptions {
	failedDevices?: CallbackFilter['failedDevices'];
	includeRaw?: boolean;
	reportTypes?: string[];
	signatureEncoding?: SignatureEncoding;
	signatureHeader?: string;
	sourceAllowlist?: string;
	status?: CallbackFilter['status'];
}

/**
 * One callback: checked by the shared receiver (source allowlist, HMAC-SHA256 of the raw body under the
 * registration's shared key, repeated deliveries), then split into one item per device of its deviceList,
 * filtered by report type, status and failed devices. A callback with nothing left is answered 200 and
 * starts nothing; every call is answered by the trigger itself (see nodes/shared/webhookReceiver.ts).
 */
export async function receiveLocationCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const reception = receiveCallback(this, {
		verify: this.getNodeParameter('verifySignatures', true) !== false,
		secret: this.getWorkflowStaticData('node').sharedKey as string | undefined,
		signatureHeader: options.signatureHeader?.trim() || SIGNATURE_DEFAULTS.signatureHeader,
		format: { algorithm: 'sha256', encoding: options.signatureEncoding ?? SIGNATURE_DEFAULTS.encoding },
		allowedSources: parseAddressList(options.sourceAllowlist ?? ''),
	});
	if (reception.kind === 'answered') return { noWebhookResponse: true };
	const items = callbackItems(reception.body, {
		reportTypes: options.reportTypes ?? DEFAULT_FILTER.reportTypes,
		status: options.status ?? DEFAULT_FILTER.status,
		failedDevices: options.failedDevices ?? DEFAULT_FILTER.failedDevices,
		includeRaw: options.includeRaw ?? DEFAULT_FILTER.includeRaw,
	});
	// Answered here in both cases, so that the static data (repeated deliveries) is saved before any execution starts.
	return items.length === 0 ? answerOnly(this) : startWorkflow(this, items);
}
