import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue, operationError, type FieldRef } from '../../../shared/validation';
import { readTrackerId, trackerLocator } from '../../helpers/trackerId';
import { commands } from '../../transport/api';

const LOCK = 'electronic_lock_command';
const SETTINGS = 'set_special_settings_command';
const SETTINGS_TYPES = ['electronic_lock_password', 'hhd_lock_password', 'jointech_lock_password', 'vg_lock_password'];

/** What each special settings type accepts as a password (other types take any password). */
const PASSWORD_RULES: Record<string, { pattern: RegExp; expected: string }> = {
	hhd_lock_password: { pattern: /^\d{8}$/, expected: '8 digits' },
	jointech_lock_password: { pattern: /^[^\s,]{6}$/, expected: '6 characters without spaces or commas' },
};

const properties: INodeProperties[] = [
	trackerLocator({}),
	{
		displayName: 'Command',
		name: 'command',
		type: 'options',
		default: LOCK,
		options: [
			{
				name: 'Electronic Lock',
				value: LOCK,
				description: 'Seal or unseal an electronic lock (models with lock control: Jointech, HHD, VG)',
			},
			{
				name: 'Set Special Settings',
				value: SETTINGS,
				description: 'Store the lock password settings on the device',
			},
		],
		description: "The special-control command; which ones a tracker takes depends on its model's special control",
	},
	{
		displayName: 'Command Code',
		name: 'commandCode',
		type: 'options',
		default: 'seal',
		options: [
			{ name: 'Seal', value: 'seal', description: 'Lock the electronic lock' },
			{ name: 'Unseal', value: 'unseal', description: 'Open the electronic lock' },
		],
		displayOptions: { show: { command: [LOCK] } },
	},
	{
		displayName: 'Special Settings Type',
		name: 'settingsType',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Electronic Lock Password', value: 'electronic_lock_password', description: 'Any password' },
			{ name: 'HHD Lock Password', value: 'hhd_lock_password', description: 'Password of 8 digits' },
			{
				name: 'Jointech Lock Password',
				value: 'jointech_lock_password',
				description: '6 characters without spaces or commas',
			},
			{ name: 'None', value: 'none', description: 'Send no special settings (Electronic Lock only)' },
			{ name: 'VG Lock Password', value: 'vg_lock_password', description: 'Any password' },
		],
		description: 'Which lock password the special settings hold; Set Special Settings needs one',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { hide: { settingsType: ['none'] } },
		description: 'The lock password; empty sends none (null)',
	},
	{
		displayName: 'Remember Password',
		name: 'rememberPassword',
		type: 'boolean',
		default: false,
		displayOptions: { hide: { settingsType: ['none'] } },
		description: 'Whether Navixy keeps the password for later commands',
	},
];

const displayOptions = { show: { resource: ['command'], operation: ['send'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface Send {
	trackerId: number;
	command: IDataObject;
	secrets: string[];
}

const ref = (context: IExecuteFunctions, parameter: string, itemIndex: number): FieldRef => ({
	node: context.getNode(),
	parameter,
	itemIndex,
});

/** The special settings of one item, or undefined for none; the password is checked against its type. */
function readSpecialSettings(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject | undefined {
	const type = context.getNodeParameter('settingsType', itemIndex, 'none') as string;
	if (type === 'none' && name === LOCK) return undefined;
	if (!SETTINGS_TYPES.includes(type)) {
		const expected = `one of ${SETTINGS_TYPES.join(', ')}${name === LOCK ? ', or none' : ' (Set Special Settings needs one)'}`;
		throw invalidValue(ref(context, 'Special Settings Type', itemIndex), type, expected);
	}
	const raw = context.getNodeParameter('password', itemIndex, '');
	const password = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
	const rule = PASSWORD_RULES[type];
	if (password !== '' && rule !== undefined && !rule.pattern.test(password)) {
		// The password itself never appears in the message.
		const message = `Invalid value for "Password": ${Array.from(password).length} hidden characters (expected ${rule.expected} for ${type})`;
		throw operationError(context.getNode(), message, { itemIndex });
	}
	const remember = context.getNodeParameter('rememberPassword', itemIndex, false);
	if (typeof remember !== 'boolean') throw invalidValue(ref(context, 'Remember Password', itemIndex), remember, 'true or false');
	return { type, password: password === '' ? null : password, remember_password: remember };
}

function readSend(context: IExecuteFunctions, itemIndex: number): Send {
	const trackerId = readTrackerId(context, itemIndex);
	const name = context.getNodeParameter('command', itemIndex) as string;
	if (name !== LOCK && name !== SETTINGS) {
		throw invalidValue(ref(context, 'Command', itemIndex), name, 'Electronic Lock or Set Special Settings');
	}
	const command: IDataObject = { name };
	if (name === LOCK) {
		const code = context.getNodeParameter('commandCode', itemIndex);
		if (code !== 'seal' && code !== 'unseal') throw invalidValue(ref(context, 'Command Code', itemIndex), code, 'seal or unseal');
		command.command_code = code;
	}
	const settings = readSpecialSettings(context, itemIndex, name);
	if (settings !== undefined) command.special_settings = settings;
	const password = settings?.password;
	return { trackerId, command, secrets: typeof password === 'string' ? [password] : [] };
}

/**
 * Sends a special-control command (tracker/send_command): seal or unseal an electronic lock, or store
 * lock password settings. Navixy queues it: success means accepted, not yet carried out by the
 * device. Sent once, never repeated after a server error. The password is not in the output.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => readSend(this, itemIndex),
		async ({ trackerId, command, secrets }, itemIndex) => {
			await commands.send(this, trackerId, command, itemIndex, secrets);
			const settings = command.special_settings as IDataObject | undefined;
			const json: IDataObject = { trackerId, command: command.name, queued: true };
			if (command.command_code !== undefined) json.commandCode = command.command_code;
			if (settings !== undefined) {
				json.specialSettings = { type: settings.type, rememberPassword: settings.remember_password, passwordSet: settings.password !== null };
			}
			return json;
		},
	);
}
