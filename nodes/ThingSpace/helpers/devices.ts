import type { IDisplayOptions, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { invalidValue, parseIdList, type FieldRef } from '../../shared/validation';

/**
 * Devices and accounts as ThingSpace names them: IMEIs (15 digits; the only identifier kind the periodic
 * document names, and a list may not mix kinds), MDNs (10-digit US numbers; a stop names devices by MDN)
 * and billing accounts `##########-#####`.
 */
export const IMEI_PATTERN = /^\d{15}$/;
export const MDN_PATTERN = /^\d{10}$/;
export const ACCOUNT_PATTERN = /^\d{10}-\d{5}$/;

export const IMEI_EXPECTED = 'an IMEI: 15 digits, e.g. 354677790348290';
export const MDN_EXPECTED = 'an MDN: 10 digits, e.g. 5557337468';
export const ACCOUNT_EXPECTED = 'a billing account name: 10 digits, a hyphen and 5 digits, leading zeros included, e.g. 0000123456-00001';
const LIST_EXPECTED =
	'IMEIs (15 digits) only, one identifier kind per list, each optionally followed by ":" and its 10-digit MDN, e.g. 354677790348290:5557337468';

/** One device of a deviceList. */
export interface DeviceRef {
	id: string;
	kind: 'imei';
	mdn?: string;
}

const textOf = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value);

export function requireAccountName(ref: FieldRef, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!ACCOUNT_PATTERN.test(text)) throw invalidValue(ref, value, ACCOUNT_EXPECTED);
	return text;
}

/** The account of the node's field, or the credential's default account when the field is empty. */
export function resolveAccountName(ref: FieldRef, fieldValue: unknown, defaultAccount: unknown): string {
	const given = typeof fieldValue === 'string' ? fieldValue.trim() : fieldValue;
	if (given === undefined || given === null || given === '') {
		return requireAccountName({ ...ref, parameter: 'Default Account Name (credential)' }, defaultAccount);
	}
	return requireAccountName(ref, given);
}

export function requireImei(ref: FieldRef, value: unknown): string {
	const text = textOf(value);
	const trimmed = typeof text === 'string' ? text.trim() : '';
	if (MDN_PATTERN.test(trimmed)) {
		throw invalidValue(ref, value, `${IMEI_EXPECTED}; this looks like an MDN: give it in the MDN field (one identifier kind per request)`);
	}
	if (!IMEI_PATTERN.test(trimmed)) throw invalidValue(ref, value, IMEI_EXPECTED);
	return trimmed;
}

/** An MDN with the usual separators removed ("(555) 733-7468"), or undefined when empty and optional. */
export function readMdn(ref: FieldRef, value: unknown, required: boolean): string | undefined {
	const text = textOf(value);
	if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) {
		if (required) throw invalidValue(ref, value, `${MDN_EXPECTED} (ThingSpace stops periodic location by MDN)`);
		return undefined;
	}
	const digits = typeof text === 'string' ? text.replace(/[\s\-().]/g, '').replace(/^\+1(?=\d{10}$)/, '') : '';
	if (!MDN_PATTERN.test(digits)) throw invalidValue(ref, value, MDN_EXPECTED);
	return digits;
}

/**
 * A list of devices given as text (or an expression giving a list): entries `IMEI` or `IMEI:MDN` separated
 * by commas, semicolons, spaces or new lines. Repeats of a device are kept once; the same IMEI with two
 * different MDNs is an error.
 */
export function parseDeviceList(ref: FieldRef, raw: unknown): DeviceRef[] {
	const entries = parseIdList(ref, raw, /\d{15}(?::[\d]{10})?/, LIST_EXPECTED);
	const byImei = new Map<string, DeviceRef>();
	for (const entry of entries) {
		const [id, mdn] = entry.split(':');
		const known = byImei.get(id);
		if (known !== undefined && known.mdn !== mdn) {
			throw invalidValue(ref, entry, `one MDN per IMEI: ${id} is also listed as ${id}${known.mdn ? `:${known.mdn}` : ''}`);
		}
		byImei.set(id, mdn === undefined ? { id, kind: 'imei' } : { id, kind: 'imei', mdn });
	}
	return [...byImei.values()];
}

/**
 * A parameter read for each item, evaluated per item only when it is an expression: a fixed value is the
 * same for every item, and evaluating each read costs seconds over 25,000 items.
 */
export function perItemParameter(context: IExecuteFunctions, name: string, fallback: unknown): (itemIndex: number) => unknown {
	const raw = context.getNode().parameters[name];
	if (typeof raw === 'string' && raw.startsWith('=')) return (itemIndex) => context.getNodeParameter(name, itemIndex, fallback);
	const value = context.getNodeParameter(name, 0, fallback);
	return () => value;
}

/** One device an operation was asked about, with the input item it came from and its account. */
export interface DeviceInput {
	itemIndex: number;
	accountName: string;
	device: DeviceRef;
}

export interface DeviceInputs {
	devices: DeviceInput[];
	invalid: Array<{ itemIndex: number; error: Error }>;
}

export type DeviceSource = 'items' | 'list';

/**
 * The devices of an operation: one per input item (IMEI and optional MDN fields, usually expressions), or
 * a list read once from the first item (every device then pairs with item 0). A list that does not parse
 * fails the node at once; an invalid item is reported with its index.
 */
export function readDeviceInputs(context: IExecuteFunctions, defaultAccount: unknown): DeviceInputs {
	const node: INode = context.getNode();
	const source = context.getNodeParameter('deviceSource', 0, 'items') as DeviceSource;
	if (source === 'list') {
		const accountName = resolveAccountName({ node, parameter: 'Account Name', itemIndex: 0 }, context.getNodeParameter('accountName', 0, ''), defaultAccount);
		const list = parseDeviceList({ node, parameter: 'Devices', itemIndex: 0 }, context.getNodeParameter('devices', 0, ''));
		return { devices: list.map((device) => ({ itemIndex: 0, accountName, device })), invalid: [] };
	}
	const devices: DeviceInput[] = [];
	const invalid: DeviceInputs['invalid'] = [];
	const [accountOf, imeiOf, mdnOf] = ['accountName', 'imei', 'mdn'].map((name) => perItemParameter(context, name, ''));
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const ref = (parameter: string): FieldRef => ({ node, parameter, itemIndex });
			const accountName = resolveAccountName(ref('Account Name'), accountOf(itemIndex), defaultAccount);
			const id = requireImei(ref('IMEI'), imeiOf(itemIndex));
			const mdn = readMdn(ref('MDN'), mdnOf(itemIndex), false);
			devices.push({ itemIndex, accountName, device: mdn === undefined ? { id, kind: 'imei' } : { id, kind: 'imei', mdn } });
		} catch (error) {
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	return { devices, invalid };
}

/** The Account Name field: empty uses the credential's default account. */
export function accountNameField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Account Name',
		name: 'accountName',
		type: 'string',
		default: '',
		placeholder: '0000123456-00001',
		description:
			"The billing account that owns the devices: 10 digits, a hyphen and 5 digits, leading zeros included. Empty: the credential's Default Account Name.",
		displayOptions,
	};
}

/** Where the devices come from: input items (IMEI and MDN fields) or a list. `what` completes descriptions. */
export function deviceSourceFields(displayOptions: IDisplayOptions, what: string): INodeProperties[] {
	const show = displayOptions.show ?? {};
	return [
		{
			displayName: 'Devices From',
			name: 'deviceSource',
			type: 'options',
			options: [
				{ name: 'Input Items', value: 'items', description: 'One device per input item (IMEI and MDN fields)' },
				{ name: 'List', value: 'list', description: 'A list of IMEIs (with their MDNs) given once' },
			],
			default: 'items',
			displayOptions,
		},
		{
			displayName: 'IMEI',
			name: 'imei',
			type: 'string',
			default: '={{ $json.imei }}',
			required: true,
			placeholder: '354677790348290',
			description: `The 15-digit IMEI of the device ${what}`,
			displayOptions: { show: { ...show, deviceSource: ['items'] } },
		},
		{
			displayName: 'MDN',
			name: 'mdn',
			type: 'string',
			default: '={{ $json.mdn }}',
			placeholder: '5557337468',
			description: "The device's 10-digit mobile number (MDN). Optional, but a periodic session can only be stopped by MDN.",
			displayOptions: { show: { ...show, deviceSource: ['items'] } },
		},
		{
			displayName: 'Devices',
			name: 'devices',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder: '354677790348290:5557337468, 354677790348308:5557337469',
			description: `IMEIs ${what}, each optionally followed by ":" and its MDN, separated by commas or new lines. IMEIs only: a list may not mix identifier kinds.`,
			displayOptions: { show: { ...show, deviceSource: ['list'] } },
		},
	];
}
