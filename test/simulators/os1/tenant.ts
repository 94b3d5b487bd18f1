/** The one tenant a simulator stands for: its ids, the API client, the paths and the demo phones. */

export const OS1_TENANT_ID = 'sandbox-tenant';
export const OS1_CLIENT_ID = 'mts-demo-client';
export const OS1_CLIENT_SECRET = 'mts-demo-secret-2026';
export const OS1_AUDIENCE = 'platform:app:coreos';

export const OS1_AUTH_PATH = '/core/api/v1/aaa/auth/client-credentials';
export const OS1_MTS_PREFIX = '/core/api/v1/mts';

/** Header names as OS1 spells them (Node lower-cases incoming ones). */
export const OS1_HEADERS = {
	access: 'x-coreos-access',
	tenant: 'x-coreos-tid',
	requestId: 'x-coreos-request-id',
	signature: 'x-coreos-hmac-signature',
} as const;

/** How a phone answers the consent SMS: allow, deny, or never (it stays initiated). */
export type PhoneAnswer = 'allow' | 'deny' | 'silent';

/** Phones of the sandbox: any other MSISDN allows, except those ending in 0000, which deny. */
export const OS1_DEMO_PHONES = {
	/** Allows: the manual example's driver. */
	allows: '919876543210',
	/** Denies (ends in 0000). */
	denies: '919876500000',
	/** Allows: the driver whose consent the webhook trigger example revokes. */
	revokes: '919876543211',
} as const;

/** The scripted answer of a phone: the table first, then the default rule. */
export function phoneAnswer(msisdn: string, table: Readonly<Record<string, PhoneAnswer>>): PhoneAnswer {
	return table[msisdn] ?? (msisdn.endsWith('0000') ? 'deny' : 'allow');
}
