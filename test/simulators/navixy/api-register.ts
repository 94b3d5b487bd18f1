/**
 * Registering and replacing devices: register, register_retry, register_quick, replace,
 * replace_quick and replace_retry. A registered tracker starts `just_registered` (no history); a
 * replaced one keeps its history and becomes `just_replaced`. Activation codes, ICCIDs and bundle
 * IMEIs are used up once taken.
 */
import {
	NAVIXY_ACTIVATION_CODES,
	NAVIXY_BUNDLE_IMEIS,
	NAVIXY_GROUP_IDS,
	NAVIXY_ICCIDS,
	NAVIXY_PLUGINS,
	isMobileApp,
	modelOf,
	type NavixyModel,
} from './catalogue';
import { NavixyCode, NavixyError, NAVIXY_LIMITS, invalid } from './codes';
import { userOf, type ApiContext, type ApiHandler } from './context';
import { deviceIdFor } from './fleet';
import { integer, label, optionalText, text } from './params';
import { apnSettings, phoneParam } from './api-trackers';
import { trackerObject } from './records';
import type { NavixyTracker } from './types';

const BUNDLE_MODEL = 'telfmc130';

function modelParam(context: ApiContext): NavixyModel {
	const model = modelOf(text(context.params, 'model'));
	if (!model) {
		throw new NavixyError(NavixyCode.unknownModel);
	}
	return model;
}

function groupParam(context: ApiContext): number {
	const group = integer(context.params, 'group_id');
	if (!NAVIXY_GROUP_IDS.includes(group)) {
		throw new NavixyError(NavixyCode.entityNotFound);
	}
	return group;
}

function checkDeviceLimit(context: ApiContext): void {
	if (context.state.fleetOf(userOf(context)).length >= context.state.deviceLimit) {
		throw new NavixyError(NavixyCode.deviceLimit);
	}
}

/** A free device ID of the model's ID type: given for fixed IDs, generated for `n,m` types. */
function deviceIdParam(context: ApiContext, model: NavixyModel): string {
	const { state } = context;
	if (/^\d+,\d+$/.test(model.id_type)) {
		return deviceIdFor(model, state.trackers.size + state.registrations.length);
	}
	const deviceId = text(context.params, 'device_id');
	const digits = model.id_type.startsWith('id,') ? Number(model.id_type.slice(3)) : 15;
	const pattern = model.id_type === 'meid' ? /^[0-9A-F]{14}$/ : new RegExp(`^\\d{${digits}}$`);
	if (!pattern.test(deviceId)) {
		throw invalid('device_id', `Does not match the model's ID type ${model.id_type}`);
	}
	if (state.inUse('device_id', deviceId)) {
		throw new NavixyError(NavixyCode.deviceIdInUse);
	}
	return deviceId;
}

/** The plugin's own parameters; returns the phone (or null). Consumes activation codes and ICCIDs. */
function pluginParams(
	context: ApiContext,
	model: NavixyModel,
	deviceId: string,
	activate: boolean,
): string | null {
	const { state, params } = context;
	const plugin = NAVIXY_PLUGINS.find((candidate) => candidate.id === integer(params, 'plugin_id'));
	const fits = plugin && (plugin.models ? plugin.models.includes(model.code) : !isMobileApp(model));
	if (!plugin || !fits) {
		throw new NavixyError(NavixyCode.pluginNotFound);
	}
	apnSettings(params);
	const needs = (name: string): boolean =>
		plugin.required.includes(name) && (activate || name !== 'activation_code');
	const phone = needs('phone') ? phoneParam(params) : (optionalText(params, 'phone') ?? null);
	if (phone !== null && state.inUse('phone', phone)) {
		throw new NavixyError(NavixyCode.phoneInUse);
	}
	const take = (name: string, valid: readonly string[], code: number): void => {
		const value = text(params, name);
		if (!valid.includes(value) || state.used.has(value)) {
			throw new NavixyError(code);
		}
		state.used.add(value);
	};
	if (needs('iccid')) {
		if (!NAVIXY_BUNDLE_IMEIS.includes(deviceId)) {
			throw new NavixyError(NavixyCode.bundleNotFound);
		}
		take('iccid', NAVIXY_ICCIDS, NavixyCode.wrongIccid);
	}
	if (needs('activation_code')) {
		take('activation_code', NAVIXY_ACTIVATION_CODES, NavixyCode.wrongActivationCode);
	}
	return phone;
}

/** A bundle IMEI not registered yet: 201 when there is no such bundle, 224 when it is in use. */
function bundleParam(context: ApiContext): string {
	const imei = text(context.params, 'imei');
	if (!NAVIXY_BUNDLE_IMEIS.includes(imei)) {
		throw new NavixyError(NavixyCode.notFound);
	}
	if (context.state.inUse('device_id', imei)) {
		throw new NavixyError(NavixyCode.deviceIdInUse);
	}
	return imei;
}

function logged(
	context: ApiContext,
	action: string,
	tracker: NavixyTracker,
): Record<string, unknown> {
	const { state, params } = context;
	const { hash: _hash, ...rest } = params;
	state.registrations.push({
		at: state.nowSec(),
		action,
		tracker_id: tracker.id,
		params: rest,
	});
	return { value: trackerObject(tracker) };
}

function register(context: ApiContext): Record<string, unknown> {
	const name = label(context.params, 'label', NAVIXY_LIMITS.labelLength);
	const group = groupParam(context);
	const model = modelParam(context);
	checkDeviceLimit(context);
	const deviceId = deviceIdParam(context, model);
	const phone = pluginParams(context, model, deviceId, true);
	const tracker = context.state.addTracker(
		userOf(context),
		{ label: name, group_id: group },
		model,
		deviceId,
		phone,
	);
	return logged(context, 'register', tracker);
}

function registerQuick(context: ApiContext): Record<string, unknown> {
	const name = label(context.params, 'label', NAVIXY_LIMITS.labelLength);
	const group = groupParam(context);
	const imei = bundleParam(context);
	checkDeviceLimit(context);
	const model = modelOf(BUNDLE_MODEL) as NavixyModel;
	const tracker = context.state.addTracker(
		userOf(context),
		{ label: name, group_id: group },
		model,
		imei,
		null,
	);
	return logged(context, 'register_quick', tracker);
}

/**
 * The tracker a *_retry call resends commands for: not found (201, or 204 for replace_retry), 208
 * blocked, 219 clone, 214 no GSM module, 242 already connected, 266 never activated (replace_retry).
 */
function retryTarget(context: ApiContext, notFound: number, replacing: boolean): NavixyTracker {
	const { state, params } = context;
	const user = userOf(context);
	const byDevice = optionalText(params, 'device_id');
	const id =
		byDevice === undefined || replacing
			? integer(params, 'tracker_id')
			: (state.fleetOf(user).find((tracker) => tracker.source.device_id === byDevice)?.id ?? -1);
	const tracker = state.usable(user, id, notFound);
	apnSettings(params);
	if (tracker.clone) {
		throw new NavixyError(NavixyCode.notForClones);
	}
	if (!state.model(tracker).has_phone) {
		throw new NavixyError(NavixyCode.notSupported);
	}
	const status = state.liveState(tracker).connection_status;
	if (status === 'active' || status === 'idle') {
		throw new NavixyError(NavixyCode.alreadyConnected);
	}
	if (replacing && status === 'just_registered') {
		throw new NavixyError(NavixyCode.wrongDeviceStatus);
	}
	return tracker;
}

/** The tracker a replace call swaps the device of: 201, 208, 219 clone, 266 never activated. */
function replaceTarget(context: ApiContext): NavixyTracker {
	const tracker = context.state.usable(userOf(context), integer(context.params, 'tracker_id'));
	if (tracker.clone) {
		throw new NavixyError(NavixyCode.notForClones);
	}
	if (context.state.liveState(tracker).connection_status === 'just_registered') {
		throw new NavixyError(NavixyCode.wrongDeviceStatus);
	}
	return tracker;
}

function replace(context: ApiContext): Record<string, unknown> {
	const tracker = replaceTarget(context);
	const model = modelParam(context);
	if (isMobileApp(model) || isMobileApp(context.state.model(tracker))) {
		throw invalid('model', 'Mobile apps cannot be replaced or replace a device');
	}
	const deviceId = deviceIdParam(context, model);
	const phone = pluginParams(context, model, deviceId, false);
	context.state.replaceSource(tracker, model, deviceId, phone);
	return logged(context, 'replace', tracker);
}

function replaceQuick(context: ApiContext): Record<string, unknown> {
	const tracker = replaceTarget(context);
	if (isMobileApp(context.state.model(tracker))) {
		throw invalid('tracker_id', 'Mobile apps cannot be replaced');
	}
	const imei = bundleParam(context);
	context.state.replaceSource(tracker, modelOf(BUNDLE_MODEL) as NavixyModel, imei, null);
	return logged(context, 'replace_quick', tracker);
}

export const registrationRoutes: ReadonlyArray<[string, ApiHandler]> = [
	['/tracker/register', register],
	['/tracker/register_quick', registerQuick],
	[
		'/tracker/register_retry',
		(context) =>
			logged(context, 'register_retry', retryTarget(context, NavixyCode.notFound, false)),
	],
	['/tracker/replace', replace],
	['/tracker/replace_quick', replaceQuick],
	[
		'/tracker/replace_retry',
		(context) =>
			logged(context, 'replace_retry', retryTarget(context, NavixyCode.entityNotFound, true)),
	],
];
