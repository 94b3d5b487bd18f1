/**
 * What the platform offers every user: device models (tracker/list_models), registration plugins,
 * history event types, bundles for the quick actions, tags and tracker groups.
 */

export interface NavixyModel {
	id: number;
	code: string;
	name: string;
	vendor: string;
	type: 'logger' | 'portable' | 'vehicle' | 'personal';
	/** imei, meid, `id,n` (n-digit factory ID) or `n,m` (generated ID): see tracker/register. */
	id_type: string;
	has_phone: boolean;
	register: boolean;
	digital_inputs: number;
	digital_outputs: number;
	analog_inputs: number;
	has_fuel_input: boolean;
	/** CAN/OBD data for tracker/get_diagnostics. */
	can: boolean;
	special_control: string;
	has_location_request: boolean;
	has_gsm_lbs_location_request: boolean;
	has_gprs_location_request: boolean;
	check_bundle: boolean;
	/** Fields a user fills in at registration (only some models). */
	additional_fields?: Array<{ name: string; title: string; required: boolean }>;
}

type Row = [string, string, string, NavixyModel['type'], string, number, number, number, string];

/** code, name, vendor, type, id_type, digital in, digital out, analog in, features. */
const MODEL_ROWS: Row[] = [
	[
		'telfmb920',
		'FMB920',
		'Teltonika',
		'vehicle',
		'imei',
		1,
		1,
		1,
		'phone register locate lbs gprs',
	],
	[
		'telfmb125',
		'FMB125',
		'Teltonika',
		'vehicle',
		'imei',
		3,
		2,
		2,
		'phone register fuel can locate lbs gprs',
	],
	['qlgv55lite', 'GV55 Lite', 'Queclink', 'vehicle', 'imei', 2, 1, 1, 'phone register locate gprs'],
	[
		'atrack_ak11',
		'AK11',
		'ATrack',
		'vehicle',
		'imei',
		4,
		3,
		2,
		'phone register fuel can locate lbs gprs',
	],
	['tt1_wp', 'TT1', 'WondeProud', 'vehicle', '10,2', 4, 4, 2, 'phone register fuel locate lbs'],
	[
		'jointech_jt701',
		'JT701',
		'Jointech',
		'portable',
		'id,10',
		1,
		0,
		0,
		'phone register locate lock',
	],
	[
		'telfmc130',
		'FMC130 (bundle)',
		'Teltonika',
		'vehicle',
		'imei',
		4,
		2,
		2,
		'register bundle locate lbs gprs',
	],
	['navixymobile', 'Navixy Mobile Tracker', 'Navixy', 'personal', 'id,9', 0, 0, 0, ''],
];

export const NAVIXY_MODELS: readonly NavixyModel[] = MODEL_ROWS.map((row, index) => {
	const [code, name, vendor, type, id_type, digital_inputs, digital_outputs, analog_inputs] = row;
	const features = new Set(row[8].split(' '));
	const model: NavixyModel = {
		id: 160 + index,
		code,
		name,
		vendor,
		type,
		id_type,
		has_phone: features.has('phone'),
		register: features.has('register'),
		digital_inputs,
		digital_outputs,
		analog_inputs,
		has_fuel_input: features.has('fuel'),
		can: features.has('can'),
		special_control: features.has('lock') ? 'jointech_lock_password' : 'none',
		has_location_request: features.has('locate'),
		has_gsm_lbs_location_request: features.has('lbs'),
		has_gprs_location_request: features.has('gprs'),
		check_bundle: features.has('bundle'),
	};
	if (features.has('lock')) {
		model.additional_fields = [{ name: 'lock_password', title: 'Lock password', required: true }];
	}
	return model;
});

export function modelOf(code: string): NavixyModel | undefined {
	return NAVIXY_MODELS.find((model) => model.code === code);
}

/** Default output names: OUT1, OUT2, ... */
export const outputTitlesOf = (model: NavixyModel): string[] =>
	Array.from({ length: model.digital_outputs }, (_, output) => `OUT${output + 1}`);

/** Models whose source carries no phone number: mobile apps and bundles with a hidden SIM. */
export const isMobileApp = (model: NavixyModel): boolean => model.type === 'personal';

export interface RegistrationPlugin {
	id: number;
	name: string;
	/** Model codes it registers; every model but mobile apps when undefined. */
	models?: readonly string[];
	/** Parameters it needs besides the common ones. */
	required: readonly string[];
}

export const NAVIXY_PLUGINS: readonly RegistrationPlugin[] = [
	{ id: 1, name: 'Plain registration', required: [] },
	{
		id: 37,
		name: 'SMS activation with activation code',
		required: ['phone', 'activation_code'],
	},
	{ id: 44, name: 'Bundled SIM', models: ['telfmc130'], required: ['iccid'] },
];

/** Activation codes plugin 37 accepts (each once). */
export const NAVIXY_ACTIVATION_CODES: readonly string[] = ['123123123', '456456456', '789789789'];
/** ICCIDs plugin 44 accepts. */
export const NAVIXY_ICCIDS: readonly string[] = ['8988211000000000001', '8988211000000000002'];
/** IMEIs of preconfigured bundles (register_quick, replace_quick, plugin 44): model telfmc130. */
export const NAVIXY_BUNDLE_IMEIS: readonly string[] = [
	'356307042441013',
	'356307042441021',
	'356307042441039',
	'356307042441047',
];

/** history/type/list: the event types the simulator produces or accepts, with their descriptions. */
const EVENT_DESCRIPTIONS: Readonly<Record<string, string>> = {
	input_change: 'Input state change',
	speedup: 'Speeding',
	inzone: 'Geofence entrance',
	outzone: 'Geofence exit',
	sos: 'SOS button pressed',
	excessive_parking: 'Parking too long',
	offline: 'Device went offline',
	alarmcontrol: 'Car alarm',
	crash_alarm: 'Crash alarm',
};
export const NAVIXY_EVENT_TYPES: ReadonlyArray<{
	type: string;
	description: string;
}> = Object.entries(EVENT_DESCRIPTIONS).map(([type, description]) => ({
	type,
	description,
}));

/** Tags the demo users created (tracker/tags/set accepts only these). */
export const NAVIXY_TAG_IDS: readonly number[] = [456789, 456790, 456791, 456792, 456793, 456794];
/** Tracker groups; 0 is "no group". */
export const NAVIXY_GROUP_IDS: readonly number[] = [0, 167, 168, 169];
