import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createListener, deleteListener, listenerExists } from './trigger/listener';
import { TRIGGER_PROPERTIES } from './trigger/properties';
import { receiveLocationCallback } from './trigger/receive';

export class ThingSpaceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Verizon ThingSpace Trigger',
		name: 'thingSpaceTrigger',
		icon: { light: 'file:../../icons/thingspace.svg', dark: 'file:../../icons/thingspace.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Device Location callbacks of " + ($parameter["accountName"] || "the default account")}}',
		description: 'Starts the workflow on ThingSpace DeviceLocation callbacks: periodic and requested locations, stop confirmations',
		defaults: { name: 'Verizon ThingSpace Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'thingSpaceApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: TRIGGER_PROPERTIES,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await listenerExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createListener.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteListener.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveLocationCallback.call(this);
	}
}
