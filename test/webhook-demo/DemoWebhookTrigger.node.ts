/**
 * A minimal webhook trigger that exists only in the tests (never shipped: not in package.json, not under
 * nodes/). It is built the way the OS1 and ThingSpace triggers will be, so the harness is proven on it:
 * activation registers n8n's URL at the provider (the id and secret kept in the node's static data),
 * deactivation removes it, and webhook() accepts only callbacks whose HMAC over the raw body matches
 * (nodes/shared/webhookReceiver.ts, which also refuses a repeated delivery).
 */
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { receiveCallback, startWorkflow } from '../../nodes/shared/webhookReceiver';

/** How the demo provider signs: `X-Demo-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
export const DEMO_SIGNATURE = { header: 'x-demo-signature', prefix: 'sha256=', algorithm: 'sha256', encoding: 'hex' } as const;

interface Answer {
	statusCode: number;
	body: IDataObject;
}

async function api(ctx: IHookFunctions, method: IHttpRequestMethods, path: string, body?: IDataObject): Promise<Answer> {
	const { baseUrl } = await ctx.getCredentials<{ baseUrl: string }>('demoWebhookApi');
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'demoWebhookApi', {
		method,
		url: `${String(baseUrl).replace(/\/+$/, '')}${path}`,
		body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as Answer;
}

function fail(ctx: IHookFunctions, what: string, answer: Answer): never {
	throw new NodeApiError(ctx.getNode(), answer.body as never, {
		message: `${what} failed with HTTP ${answer.statusCode}`,
		httpCode: String(answer.statusCode),
	});
}

export class DemoWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Webhook Demo Trigger (tests only)',
		name: 'demoWebhookTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow on signed callbacks of the test-only demo provider',
		defaults: { name: 'Webhook Demo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'demoWebhookApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Alarm', value: 'alarm' },
					{ name: 'Status', value: 'status' },
				],
				default: [],
				description: 'Event types to subscribe to. Leave empty for every type.',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				if (typeof data.subscriptionId !== 'string' || typeof data.secret !== 'string') return false;
				const path = `/subscriptions/${encodeURIComponent(data.subscriptionId)}`;
				const answer = await api(this, 'GET', path);
				if (answer.statusCode === 404) {
					delete data.subscriptionId;
					delete data.secret;
					return false;
				}
				if (answer.statusCode !== 200) fail(this, 'Reading the subscription', answer);
				const events = [...(this.getNodeParameter('events', []) as string[])].sort().join(',');
				const registered = [...((answer.body.events as string[] | undefined) ?? [])].sort().join(',');
				if (answer.body.url === this.getNodeWebhookUrl('default') && registered === events) return true;
				// Registered for another URL or other events: replace it (create runs next).
				const removed = await api(this, 'DELETE', path);
				if (removed.statusCode !== 204 && removed.statusCode !== 404) fail(this, 'Removing the old subscription', removed);
				delete data.subscriptionId;
				delete data.secret;
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const answer = await api(this, 'POST', '/subscriptions', {
					url: this.getNodeWebhookUrl('default') ?? '',
					events: this.getNodeParameter('events', []) as string[],
				});
				if (answer.statusCode !== 201 || typeof answer.body.id !== 'string' || typeof answer.body.secret !== 'string') {
					fail(this, 'Creating the subscription', answer);
				}
				const data = this.getWorkflowStaticData('node');
				data.subscriptionId = answer.body.id;
				data.secret = answer.body.secret;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				if (typeof data.subscriptionId === 'string') {
					const answer = await api(this, 'DELETE', `/subscriptions/${encodeURIComponent(data.subscriptionId)}`);
					if (answer.statusCode !== 204 && answer.statusCode !== 404) fail(this, 'Removing the subscription', answer);
				}
				delete data.subscriptionId;
				delete data.secret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const reception = receiveCallback(this, {
			verify: true,
			secret: this.getWorkflowStaticData('node').secret as string | undefined,
			signatureHeader: DEMO_SIGNATURE.header,
			format: DEMO_SIGNATURE,
		});
		if (reception.kind === 'answered') return { noWebhookResponse: true };
		return startWorkflow(this, [reception.body]);
	}
}
