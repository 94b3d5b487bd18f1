import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { answerOnly, receiveCallback, startWorkflow } from '../shared/webhookReceiver';
import { signatureOptionFields, type SignatureEncoding } from '../shared/webhookSignature';
import { callbackToJson, EVENT_KINDS, eventKindOf, tracePointsToJson } from './trigger/events';
import { os1CanCallBack } from './helpers/callback';
import { CREDENTIAL_TYPE, tenantUrlOf } from './transport/request';

/** ASSUMPTION (configurable): the header OS1 signs callbacks in, hinted by a public OS1 client. */
export const DEFAULT_SIGNATURE_HEADER = 'X-COREOS-HMAC-SIGNATURE';

interface TriggerOptions {
	verifySignature?: boolean;
	signatureHeader?: string;
	signatureEncoding?: SignatureEncoding;
	traceOutput?: 'event' | 'points';
}

export class Os1MtsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OS1 Movement Tracking Trigger',
		name: 'os1MtsTrigger',
		icon: { light: 'file:../../icons/os1.svg', dark: 'file:../../icons/os1.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when OS1 calls back: consent granted, denied or revoked, track started, stopped or expired, new trace points',
		defaults: { name: 'OS1 Movement Tracking Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'os1MtsApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					"OS1 has no API to register webhooks: paste this trigger's Production URL into the Callback URL of the OS1 Movement Tracking node (Consent › Request, SIM or Smartphone Track › Create or Start), with the credential's Callback Secret as signing secret. OS1 only calls back URLs on a public host name.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [...EVENT_KINDS],
				default: [],
				description: 'Which callbacks start the workflow. Leave empty for all. Others are answered 200 and start nothing.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...signatureOptionFields(
						DEFAULT_SIGNATURE_HEADER,
						'The header carrying the HMAC-SHA256 of the body (not published by OS1: confirm with your tenant)',
					),
					{
						displayName: 'Trace Update Output',
						name: 'traceOutput',
						type: 'options',
						options: [
							{ name: 'One Item per Callback', value: 'event' },
							{ name: 'One Item per Point', value: 'points', description: 'Each new trace point with the normalized location' },
						],
						default: 'event',
					},
					{
						displayName: 'Verify Signatures',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description: "Whether to refuse (401) callbacks without a valid signature made with the credential's Callback Secret",
					},
					{
						displayName:
							'Without verification anyone who learns this URL can start the workflow with made-up events. Turn it off only to find out how your tenant signs.',
						name: 'unverifiedNotice',
						type: 'notice',
						default: '',
						displayOptions: { show: { verifySignature: [false] } },
					},
				],
			},
		],
	};

	/**
	 * OS1 has no API to register webhooks (the URL goes into each Consent or Track request), so activation
	 * registers nothing at OS1. It checks instead that OS1 could ever call this URL (its documented pattern
	 * needs a public host name; the package's local simulator may call a local n8n), and notes the URL in
	 * the static data; deactivation forgets it.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') ?? '';
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				if (!os1CanCallBack(url, tenantUrlOf(credentials))) {
					throw new NodeOperationError(this.getNode(), `OS1 cannot call back this trigger's URL ${url}`, {
						description:
							"OS1 only calls back URLs on a public host name (no localhost, IP addresses or ports before the path). Set n8n's WEBHOOK_URL to a public address (or a tunnel) and activate again.",
					});
				}
				const data = this.getWorkflowStaticData('node');
				data.webhookUrl = url;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const reception = receiveCallback(this, {
			verify: options.verifySignature !== false,
			secret: String(credentials.callbackSecret ?? ''),
			signatureHeader: options.signatureHeader || DEFAULT_SIGNATURE_HEADER,
			format: { algorithm: 'sha256', encoding: options.signatureEncoding ?? 'hex' },
		});
		if (reception.kind === 'answered') return { noWebhookResponse: true };

		const events = this.getNodeParameter('events', []) as string[];
		const kind = eventKindOf(reception.body);
		if (events.length > 0 && !events.includes(kind)) return answerOnly(this);
		const event = callbackToJson(reception.body);
		const items: IDataObject[] = kind === 'TRACE_UPDATE' && options.traceOutput === 'points' ? tracePointsToJson(event) : [event];
		return items.length === 0 ? answerOnly(this) : startWorkflow(this, items);
	}
}
