import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue, requireIntegerInRange, type FieldRef } from '../../../shared/validation';
import { checkApn, checkPhone, invalidSecret } from '../../helpers/sim';
import { registration } from '../../transport/api';

const MAX_ID = 2147483647;
const MAX_LABEL = 60;
/** Plugin fields whose values never appear in logs or error messages. */
const SECRET_FIELDS = new Set(['activation_code', 'apn_password']);
/** Parameters the operation sets itself, so a plugin field may not name them. */
const RESERVED_FIELDS = new Set(
	['hash', 'label', 'group_id', 'model', 'plugin_id', 'device_id', 'send_register_commands', 'tracker_id', 'imei'],
);
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const CONTROL_CHARACTERS = /\p{Cc}/u;

// ---- Fields shared by register and replace ----------------------------------------------------

export const labelField: INodeProperties = {
	displayName: 'Label',
	name: 'label',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Truck 12',
	description: 'Name of the new tracker in Navixy: 1 to 60 printable characters',
};

export const groupField: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description: 'ID of an existing tracker group to put the tracker in; 0 for no group',
};

export const modelField: INodeProperties = {
	displayName: 'Model Name or ID',
	name: 'model',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getModels' },
	default: '',
	required: true,
	description:
		'Device model code. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const pluginField: INodeProperties = {
	displayName: 'Plugin ID',
	name: 'pluginId',
	type: 'number',
	default: 0,
	required: true,
	typeOptions: { minValue: 1 },
	description: 'ID of the registration plugin to use; it decides which Plugin Fields are needed',
};

export const deviceIdField: INodeProperties = {
	displayName: 'Device ID',
	name: 'deviceId',
	type: 'string',
	default: '',
	placeholder: '356307042441013',
	description:
		"The device's own ID (e.g. its IMEI). Required when the model has a fixed ID type; leave empty when Navixy generates the ID.",
};

export const sendRegisterCommandsField: INodeProperties = {
	displayName: 'Send Register Commands',
	name: 'sendRegisterCommands',
	type: 'options',
	default: 'platform',
	options: [
		{ name: 'Platform Setting', value: 'platform', description: "Use the platform's default" },
		{ name: 'Send', value: 'send', description: 'Send the activation commands to the device' },
		{ name: 'Do Not Send', value: 'skip', description: 'The device is already configured' },
	],
	description: 'Whether Navixy sends activation commands (SMS) to the device',
};

export const pluginFieldsField = (withActivationCode: boolean): INodeProperties => ({
	displayName: 'Plugin Fields',
	name: 'pluginFields',
	type: 'fixedCollection',
	placeholder: 'Add Plugin Field',
	default: {},
	typeOptions: { multipleValues: true },
	description: `Fields the chosen plugin requires, e.g. phone (digits only, no "+")${
		withActivationCode ? ', activation_code' : ''
	}, apn_name, apn_user, apn_password (each at most 40 characters), iccid`,
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'phone',
					description: "The plugin parameter's name as Navixy spells it",
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: '491511234567',
				},
			],
		},
	],
});

// ---- Readers ----------------------------------------------------------------------------------

export const ref = (context: IExecuteFunctions, parameter: string, itemIndex: number): FieldRef => ({
	node: context.getNode(),
	parameter,
	itemIndex,
});

/** 1 to 60 printable characters (trimmed). */
export function readLabel(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('label', itemIndex, '');
	const label = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	const length = Array.from(label).length;
	if (length < 1 || length > MAX_LABEL || CONTROL_CHARACTERS.test(label)) {
		throw invalidValue(ref(context, 'Label', itemIndex), raw, '1 to 60 printable characters');
	}
	return label;
}

export function readGroupId(context: IExecuteFunctions, itemIndex: number): number {
	return requireIntegerInRange(ref(context, 'Group ID', itemIndex), context.getNodeParameter('groupId', itemIndex, 0), 0, MAX_ID);
}

export function readModel(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('model', itemIndex, '');
	const model = typeof raw === 'string' ? raw.trim() : '';
	if (!/^[A-Za-z0-9_.-]{1,64}$/.test(model)) {
		throw invalidValue(ref(context, 'Model', itemIndex), raw, 'a model code from the list, e.g. telfmb920');
	}
	return model;
}

export function readPluginId(context: IExecuteFunctions, itemIndex: number): number {
	return requireIntegerInRange(ref(context, 'Plugin ID', itemIndex), context.getNodeParameter('pluginId', itemIndex), 1, MAX_ID);
}

/** The device ID as text, or undefined when left empty. */
export function readDeviceIdText(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = context.getNodeParameter('deviceId', itemIndex, '');
	if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
		throw invalidValue(ref(context, 'Device ID', itemIndex), raw, 'a device ID as text (numbers this large lose digits)');
	}
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (text === '') return undefined;
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) {
		throw invalidValue(ref(context, 'Device ID', itemIndex), raw, 'letters and digits only, e.g. an IMEI of 15 digits');
	}
	return text;
}

/** The setting as Navixy takes it; undefined leaves it to the platform (the documented null). */
export function readSendRegisterCommands(context: IExecuteFunctions, itemIndex: number): boolean | undefined {
	const choice = context.getNodeParameter('sendRegisterCommands', itemIndex, 'platform');
	if (choice === 'platform') return undefined;
	if (choice === 'send' || choice === 'skip') return choice === 'send';
	throw invalidValue(ref(context, 'Send Register Commands', itemIndex), choice, 'Platform Setting, Send or Do Not Send');
}

function checkPluginValue(fieldRef: FieldRef, name: string, value: string, secret: boolean): string {
	if (name === 'phone') return checkPhone(fieldRef, value);
	if (name === 'iccid' && !/^\d{18,22}$/.test(value)) throw invalidValue(fieldRef, value, 'an ICCID of 18 to 22 digits');
	if (name === 'apn_name' || name === 'apn_user' || name === 'apn_password') {
		return checkApn(fieldRef, value, name !== 'apn_name', secret);
	}
	if (name === 'activation_code' && value.trim() === '') throw invalidSecret(fieldRef, value, 'a non-empty activation code');
	return value;
}

/**
 * The Plugin Fields of one item as request parameters, plus the values to keep secret. Names must be
 * parameter names, unique, and not one of the operation's own parameters.
 */
export function readPluginFields(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { allowActivationCode: boolean },
): { params: IDataObject; secrets: string[] } {
	const collection = context.getNodeParameter('pluginFields', itemIndex, {}) as IDataObject;
	const entries = (Array.isArray(collection.field) ? collection.field : []) as IDataObject[];
	const params: IDataObject = {};
	const secrets: string[] = [];
	for (const entry of entries) {
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		const nameRef = ref(context, 'Plugin Fields › Name', itemIndex);
		if (!FIELD_NAME.test(name)) throw invalidValue(nameRef, entry.name, 'a parameter name in lower case, e.g. phone or apn_name');
		if (RESERVED_FIELDS.has(name)) throw invalidValue(nameRef, name, 'a plugin parameter; this one is set by its own field');
		if (name === 'activation_code' && !options.allowActivationCode) {
			throw invalidValue(nameRef, name, 'a plugin parameter other than activation_code, which replacing does not take');
		}
		if (name in params) throw invalidValue(nameRef, name, 'each name once');
		const raw = entry.value;
		const secret = SECRET_FIELDS.has(name) || name.includes('password');
		// Secrets are sent exactly as typed; other values without surrounding spaces.
		if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
			throw invalidValue(ref(context, `Plugin Fields › ${name}`, itemIndex), raw, 'the value as text (numbers this large lose digits)');
		}
		const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
		const value = secret ? text : text.trim();
		params[name] = checkPluginValue(ref(context, `Plugin Fields › ${name}`, itemIndex), name, value, secret);
		if (secret && value !== '') secrets.push(value);
	}
	return { params, secrets };
}

/** The tracker Navixy returns, with the device ID always as text (examples print it as a number). */
export function trackerToJson(value: IDataObject | undefined): IDataObject {
	const tracker = { ...(value ?? {}) };
	if (typeof tracker.source === 'object' && tracker.source !== null) {
		const source = { ...(tracker.source as IDataObject) };
		if (source.device_id !== undefined && source.device_id !== null) source.device_id = String(source.device_id);
		tracker.source = source;
	}
	return tracker;
}

// ---- Register ---------------------------------------------------------------------------------

/**
 * The device part of Register and Replace: plugin fields, model, plugin, device ID and whether to send
 * the registration commands, on top of `base` (the operation's own fields); secrets kept apart.
 */
export function readDeviceSetup(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { allowActivationCode: boolean },
	base: IDataObject,
): { params: IDataObject; secrets: string[] } {
	const plugin = readPluginFields(context, itemIndex, options);
	const params: IDataObject = {
		...plugin.params,
		...base,
		model: readModel(context, itemIndex),
		plugin_id: readPluginId(context, itemIndex),
	};
	const deviceId = readDeviceIdText(context, itemIndex);
	if (deviceId !== undefined) params.device_id = deviceId;
	const send = readSendRegisterCommands(context, itemIndex);
	if (send !== undefined) params.send_register_commands = send;
	return { params, secrets: plugin.secrets };
}

const properties: INodeProperties[] = [
	labelField,
	groupField,
	modelField,
	pluginField,
	deviceIdField,
	sendRegisterCommandsField,
	pluginFieldsField(true),
];

const displayOptions = { show: { resource: ['registration'], operation: ['register'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Registers a new device as a tracker (tracker/register), one per input item, and outputs the new
 * tracker. Sent once: after a server error it is not repeated, since Navixy may have registered it.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) =>
			readDeviceSetup(this, itemIndex, { allowActivationCode: true }, {
				label: readLabel(this, itemIndex),
				group_id: readGroupId(this, itemIndex),
			}),
		async ({ params, secrets }, itemIndex) => trackerToJson(await registration.register(this, params, itemIndex, secrets)),
	);
}
