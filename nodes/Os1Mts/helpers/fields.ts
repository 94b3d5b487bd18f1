import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationError, requireMatch, requireNonEmptyString, type FieldRef } from '../../shared/validation';
import type { CallbackBody } from '../transport/api';
import { callbackBody, parseMeta, requireCallbackUrl } from './callback';
import { expiryFromAmount, requireExpiry, type ExpiryUnit } from './expiry';

/** OS1's MSISDN check: the phone number in international format without '+', 1 to 12 digits. */
export const MSISDN = /^\d{1,12}$/;

export const msisdnField = (description: string): INodeProperties => ({
	displayName: 'MSISDN',
	name: 'msisdn',
	type: 'string',
	required: true,
	default: '',
	placeholder: '919876543210',
	description,
	hint: 'Country code and number, digits only, at most 12 (no "+", spaces or dashes)',
});

export function readMsisdn(context: IExecuteFunctions, itemIndex: number): string {
	const ref: FieldRef = { node: context.getNode(), parameter: 'MSISDN', itemIndex };
	const value = context.getNodeParameter('msisdn', itemIndex, '') as unknown;
	return requireMatch(ref, typeof value === 'number' ? String(value) : value, MSISDN, '1 to 12 digits with the country code, such as 919876543210');
}

/** A track named by its id (`mts:track:...`) or by its name. */
export const trackReferenceFields: INodeProperties[] = [
	{
		displayName: 'Track By',
		name: 'trackBy',
		type: 'options',
		options: [
			{ name: 'ID', value: 'id' },
			{ name: 'Name', value: 'name' },
		],
		default: 'id',
	},
	{
		displayName: 'Track ID or Name',
		name: 'track',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'mts:track:497cff90-a8b4-e4cc-0083-b2b16071ba1a',
		description: 'The track ID or name that Create returned (its trackId or trackName field)',
	},
];

export function readTrack(context: IExecuteFunctions, itemIndex: number): string {
	const parameter = context.getNodeParameter('trackBy', itemIndex, 'id') === 'name' ? 'Track Name' : 'Track ID';
	return requireNonEmptyString({ node: context.getNode(), parameter, itemIndex }, context.getNodeParameter('track', itemIndex, ''));
}

/** Start at once (OS1 answers 202) or later with Start (201; deleted by OS1 if not started within 24 h). */
export const startNowField: INodeProperties = {
	displayName: 'Start Tracking Now',
	name: 'defaultStart',
	type: 'boolean',
	default: true,
	description: 'Whether tracking starts at once. Off: start it later with Start; OS1 deletes tracks not started within 24 hours.',
};

export const expiryFields: INodeProperties[] = [
	{
		displayName: 'Expiry',
		name: 'expiryMode',
		type: 'options',
		options: [
			{ name: 'Number and Unit', value: 'amount' },
			{ name: 'OS1 Duration Text', value: 'text', description: 'Such as 2h, 1d, 50s or 3h4m7s' },
		],
		default: 'amount',
		description: 'When OS1 stops the track by itself if Stop is not called (at most 60 days)',
	},
	{
		displayName: 'Expires After',
		name: 'expiryAmount',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show: { expiryMode: ['amount'] } },
	},
	{
		displayName: 'Unit',
		name: 'expiryUnit',
		type: 'options',
		options: [
			{ name: 'Days', value: 'd' },
			{ name: 'Hours', value: 'h' },
			{ name: 'Minutes', value: 'm' },
			{ name: 'Seconds', value: 's' },
		],
		default: 'd',
		displayOptions: { show: { expiryMode: ['amount'] } },
	},
	{
		displayName: 'Duration',
		name: 'expiry',
		type: 'string',
		default: '1d',
		placeholder: '3h4m7s',
		displayOptions: { show: { expiryMode: ['text'] } },
		description: 'Days, hours, minutes and seconds in that order, such as 2h, 1d, 50s or 3h4m7s; at most 60d',
	},
];

export function readExpiry(context: IExecuteFunctions, itemIndex: number): string {
	const node = context.getNode();
	if (context.getNodeParameter('expiryMode', itemIndex, 'amount') === 'text') {
		return requireExpiry({ node, parameter: 'Duration', itemIndex }, context.getNodeParameter('expiry', itemIndex, ''));
	}
	const unit = context.getNodeParameter('expiryUnit', itemIndex, 'd') as ExpiryUnit;
	return expiryFromAmount({ node, parameter: 'Expires After', itemIndex }, context.getNodeParameter('expiryAmount', itemIndex, 1), unit);
}

/** Where OS1 sends this request's events (consent replies, track started or stopped, new trace points). */
export const callbackFields = (required: boolean): INodeProperties[] => [
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		required,
		default: '',
		placeholder: 'https://n8n.example.com/webhook/.../webhook',
		description: 'Where OS1 posts the events of this request. Paste the Production URL of an OS1 Movement Tracking Trigger. Leave empty for none.',
		hint: 'OS1 accepts only URLs on a public host name (no localhost or IP addresses)',
	},
	{
		displayName: 'Callback Options',
		name: 'callbackOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Meta (JSON)',
				name: 'meta',
				type: 'json',
				default: '{}',
				description: 'Your own data, sent back in every callback of this request (e.g. an order ID)',
			},
			{
				displayName: 'Signing Secret',
				name: 'secretSource',
				type: 'options',
				options: [
					{ name: "Credential's Callback Secret", value: 'credential', description: 'The secret the OS1 Trigger verifies with' },
					{ name: 'Custom', value: 'custom' },
					{ name: 'None (Unsigned Callbacks)', value: 'none' },
				],
				default: 'credential',
			},
			{
				displayName: 'Custom Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: { show: { secretSource: ['custom'] } },
				description: 'Typed plain; the node sends it base64-encoded as OS1 asks',
			},
		],
	},
];

/** The callback block of an item, checked; undefined when no URL was given. */
export function readCallback(
	context: IExecuteFunctions,
	itemIndex: number,
	credentials: ICredentialDataDecryptedObject,
): CallbackBody | undefined {
	const node = context.getNode();
	const url = String(context.getNodeParameter('callbackUrl', itemIndex, '') ?? '').trim();
	if (url === '') return undefined;
	const options = context.getNodeParameter('callbackOptions', itemIndex, {}) as {
		meta?: unknown;
		secretSource?: string;
		secret?: string;
	};
	const checkedUrl = requireCallbackUrl({ node, parameter: 'Callback URL', itemIndex }, url, String(credentials.tenantUrl ?? ''));
	const meta = parseMeta({ node, parameter: 'Meta (JSON)', itemIndex }, options.meta);
	const source = options.secretSource ?? 'credential';
	let secret: string | undefined;
	if (source === 'credential') {
		secret = String(credentials.callbackSecret ?? '');
		if (secret === '') {
			throw operationError(node, 'The OS1 credential has no Callback Secret to sign callbacks with', {
				itemIndex,
				description: 'Set a Callback Secret in the credential (the OS1 Trigger verifies callbacks with it), or pick another Signing Secret under Callback Options.',
			});
		}
	} else if (source === 'custom') {
		secret = requireNonEmptyString({ node, parameter: 'Custom Secret', itemIndex }, options.secret);
	}
	return callbackBody({ url: checkedUrl, meta, secret });
}
