import type { INodeProperties } from 'n8n-workflow';

import { signatureOptionFields } from '../../shared/webhookSignature';
import { REPORT_TYPES } from '../helpers/callback';
import { accountNameField } from '../helpers/devices';

/** Verizon's documented source address of callbacks. */
export const VERIZON_CALLBACK_SOURCE = '68.128.212.217';

/**
 * Header names and encoding where the public document stops: the shared secret arrives in the
 * registration answer's `VZ-Shared-Key` header, and each callback carries `VZ-Signature`, the lowercase hex
 * HMAC-SHA256 of the exact body bytes keyed with that secret. All three are options, in case a real account
 * differs.
 */
export const SIGNATURE_DEFAULTS = { signatureHeader: 'VZ-Signature', sharedKeyHeader: 'VZ-Shared-Key', encoding: 'hex' } as const;

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			"ThingSpace calls only public HTTPS addresses: n8n's webhook URL (WEBHOOK_URL) must be one. Activation registers this workflow's production URL as the account's Device Location listener and removes it on deactivation.",
		name: 'httpsNotice',
		type: 'notice',
		default: '',
	},
	accountNameField({}),
	{
		displayName: 'Replace Existing Listener',
		name: 'replaceExisting',
		type: 'boolean',
		default: false,
		description:
			"Whether to take over the account's Device Location listener when it points at another URL. An account has only one: off, activation fails naming that URL, so another system's callbacks are never redirected silently.",
	},
	{
		displayName: 'Verify Signatures',
		name: 'verifySignatures',
		type: 'boolean',
		default: true,
		description: 'Whether to accept only callbacks signed with the shared key of the registration (others get 401)',
	},
	{
		displayName:
			'Signatures are not verified: anyone who knows the webhook URL can start this workflow with made-up locations',
		name: 'unsignedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignatures: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Failed Devices',
				name: 'failedDevices',
				type: 'options',
				options: [
					{ name: 'Emit With Their Error', value: 'emit' },
					{ name: 'Leave Out', value: 'filter' },
				],
				default: 'emit',
				description: 'What to do with a device ThingSpace could not locate (no consent, not reachable, ...)',
			},
			{
				displayName: 'Include Raw Device Entry',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: "Whether each item also carries the device's entry of the callback as ThingSpace sent it",
			},
			{
				displayName: 'Report Types',
				name: 'reportTypes',
				type: 'multiOptions',
				options: REPORT_TYPES.map((type) => ({ ...type })),
				default: ['LOCATION_REPORT', 'STOP_PERIODIC_LOCATION_RESPONSE', 'CONSENT_RESPONSE'],
				description: 'Callbacks of these report types start the workflow',
			},
			{
				displayName: 'Shared Key Header',
				name: 'sharedKeyHeader',
				type: 'string',
				default: 'VZ-Shared-Key',
				description: "The header of ThingSpace's registration answer that carries the shared key",
			},
			...signatureOptionFields(SIGNATURE_DEFAULTS.signatureHeader, 'The callback header carrying the HMAC-SHA256 of the body'),
			{
				displayName: 'Source Allowlist',
				name: 'sourceAllowlist',
				type: 'string',
				default: '',
				placeholder: VERIZON_CALLBACK_SOURCE,
				hint: `Verizon documents ${VERIZON_CALLBACK_SOURCE} as the address its callbacks come from`,
				description: 'Addresses callbacks may come from, separated by commas (others get 403). Empty: any address.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Success and Failed', value: 'both' },
					{ name: 'Success Only', value: 'success' },
					{ name: 'Failed Only', value: 'failed' },
				],
				default: 'both',
				description: 'Callbacks of this status start the workflow',
			},
		],
	},
];
