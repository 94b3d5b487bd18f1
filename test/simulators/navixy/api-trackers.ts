/** tracker/read, list, corrupt, delete, change_phone, list_models and tags/set. */
import { NAVIXY_MODELS, NAVIXY_TAG_IDS, type NavixyModel } from './catalogue';
import { NavixyCode, NavixyError, NAVIXY_LIMITS, invalid } from './codes';
import { userOf, type ApiContext, type ApiHandler } from './context';
import { flag, integer, json, optionalStringArray, shortText, text, type Params } from './params';
import { trackerObject } from './records';

const trackerId = (params: Params): number => integer(params, 'tracker_id');

function read(context: ApiContext): Record<string, unknown> {
	const tracker = context.state.owned(userOf(context), trackerId(context.params));
	return { value: trackerObject(tracker, false) };
}

/** labels: 1..1024 distinct non-null strings of 1..60 characters; a tracker matches when its label contains one. */
function labelFilter(params: Params): string[] | undefined {
	const labels = optionalStringArray(params, 'labels');
	if (labels === undefined) {
		return undefined;
	}
	if (labels.length < 1 || labels.length > NAVIXY_LIMITS.labelsMax) {
		throw invalid('labels', `Size must be between 1 and ${NAVIXY_LIMITS.labelsMax}`);
	}
	if (labels.some((item) => typeof item !== 'string')) {
		throw invalid('labels', 'Must not contain null or non-string items');
	}
	const strings = labels as string[];
	if (strings.some((item) => item.length < 1 || item.length > NAVIXY_LIMITS.labelLength)) {
		throw invalid('labels', `Item length must be between 1 and ${NAVIXY_LIMITS.labelLength}`);
	}
	if (new Set(strings).size !== strings.length) {
		throw invalid('labels', 'Must not contain duplicates');
	}
	return strings;
}

function list(context: ApiContext): Record<string, unknown> {
	const labels = labelFilter(context.params);
	const fleet = context.state
		.fleetOf(userOf(context))
		.filter((tracker) => !labels || labels.some((item) => tracker.label.includes(item)));
	return { list: fleet.map((tracker) => trackerObject(tracker)) };
}

/** Marks deleted and corrupts the source; refused while the device is connected (243). */
function corrupt(context: ApiContext): Record<string, unknown> {
	const { state } = context;
	const tracker = state.trackers.get(trackerId(context.params));
	if (tracker?.owner === userOf(context).id && tracker.corrupted) {
		throw new NavixyError(NavixyCode.alreadyCorrupted);
	}
	const usable = state.usable(userOf(context), trackerId(context.params));
	if (usable.clone) {
		throw new NavixyError(NavixyCode.notForClones);
	}
	if (['active', 'idle'].includes(state.liveState(usable).connection_status)) {
		throw new NavixyError(NavixyCode.alreadyConnectedCorrupt);
	}
	usable.deleted = true;
	usable.corrupted = true;
	usable.source.device_id = `corrupted_${usable.source.id}`;
	usable.source.phone = null;
	return {};
}

/** Clones only (249); 203 with `rules` while rules are bound to it. */
function remove(context: ApiContext): Record<string, unknown> {
	const tracker = context.state.owned(userOf(context), trackerId(context.params));
	if (!tracker.clone) {
		throw new NavixyError(NavixyCode.clonesOnly);
	}
	if (tracker.rules.length > 0) {
		throw new NavixyError(NavixyCode.deleteAssociated, undefined, {
			rules: [...tracker.rules],
		});
	}
	tracker.deleted = true;
	return {};
}

export function apnSettings(params: Params): {
	name: string;
	user: string;
	password: string;
} {
	return {
		name: shortText(params, 'apn_name', NAVIXY_LIMITS.apnLength),
		user: shortText(params, 'apn_user', NAVIXY_LIMITS.apnLength),
		password: shortText(params, 'apn_password', NAVIXY_LIMITS.apnLength),
	};
}

/** The phone parameter: international format, digits only. */
export function phoneParam(params: Params): string {
	const phone = text(params, 'phone');
	if (!/^\d{5,20}$/.test(phone)) {
		throw invalid('phone', 'Must be 5 to 20 digits, without "+"');
	}
	return phone;
}

function changePhone(context: ApiContext): Record<string, unknown> {
	const { state, params } = context;
	const tracker = state.usable(userOf(context), trackerId(params));
	const phone = phoneParam(params);
	const apn = apnSettings(params);
	if (tracker.clone) {
		throw new NavixyError(NavixyCode.notForClones);
	}
	if (!state.model(tracker).has_phone) {
		throw new NavixyError(NavixyCode.notSupported);
	}
	if (state.inUse('phone', phone, tracker)) {
		throw new NavixyError(NavixyCode.phoneInUse);
	}
	tracker.source.phone = phone;
	tracker.apn = apn;
	return {};
}

const COMPACT_FIELDS: ReadonlyArray<keyof NavixyModel> = [
	'id',
	'code',
	'name',
	'vendor',
	'type',
	'id_type',
];

function listModels({ params }: ApiContext): Record<string, unknown> {
	const codes = optionalStringArray(params, 'codes');
	const compact = flag(params, 'compact_view', false);
	flag(params, 'compact_index', false);
	const models = NAVIXY_MODELS.filter((model) => !codes || codes.includes(model.code));
	const shape = (model: NavixyModel): Record<string, unknown> => {
		const { can, ...full } = model;
		const answer = {
			...full,
			has_odometer: can,
			rules: ['speedup', 'inoutzone', 'sos'],
		};
		return compact ? Object.fromEntries(COMPACT_FIELDS.map((key) => [key, model[key]])) : answer;
	};
	return { list: models.map(shape) };
}

/** tag_bindings: known tag IDs, ordinals 1..5, neither repeated. */
function setTags(context: ApiContext): Record<string, unknown> {
	const tracker = context.state.usable(userOf(context), trackerId(context.params));
	const value = json(context.params, 'tag_bindings');
	const bindings = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : undefined;
	const valid =
		bindings?.every(
			(binding) =>
				binding !== null &&
				NAVIXY_TAG_IDS.includes(binding.tag_id as number) &&
				Number.isInteger(binding.ordinal) &&
				(binding.ordinal as number) >= 1 &&
				(binding.ordinal as number) <= NAVIXY_LIMITS.tagOrdinalMax,
		) ?? false;
	const unique = (key: string): boolean =>
		new Set(bindings?.map((binding) => binding[key])).size === bindings?.length;
	if (!bindings || !valid || !unique('tag_id') || !unique('ordinal')) {
		throw invalid(
			'tag_bindings',
			'Must list existing tags with distinct IDs and distinct ordinals 1 to 5',
		);
	}
	tracker.tag_bindings = bindings.map((binding) => ({
		tag_id: binding.tag_id as number,
		ordinal: binding.ordinal as number,
	}));
	return {};
}

export const trackerRoutes: ReadonlyArray<[string, ApiHandler]> = [
	['/tracker/read', read],
	['/tracker/list', list],
	['/tracker/corrupt', corrupt],
	['/tracker/delete', remove],
	['/tracker/change_phone', changePhone],
	['/tracker/list_models', listModels],
	['/tracker/tags/set', setTags],
];
