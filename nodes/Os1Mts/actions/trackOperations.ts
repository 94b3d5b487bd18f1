import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { perItem, perItemAfterValidation } from '../../shared/items';
import { requireNonEmptyString } from '../../shared/validation';
import { callbackFields, readCallback, readExpiry, readTrack, trackReferenceFields } from '../helpers/fields';
import { consentGiven, withIsoFields } from '../helpers/times';
import { tracks, type StatusLookup, type TrackKind, type TrackOperation } from '../transport/api';
import { CREDENTIAL_TYPE } from '../transport/request';

/**
 * What SIM tracks and smartphone tracks share: create (started at once or not), start and stop by id or
 * name, and status lookups. Each resource's operation files give their own fields and the parts of the
 * create body that differ (MSISDN, or context and external reference ids).
 */

/** OS1 answers 202 when the new track started tracking at once, 201 when it waits for Start. */
export const STARTED_AT_ONCE = 202;

export async function createTracks(
	context: IExecuteFunctions,
	kind: TrackKind,
	readIdentity: (itemIndex: number) => IDataObject,
): Promise<INodeExecutionData[]> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return await perItemAfterValidation(
		context,
		(itemIndex) => {
			const body: IDataObject = {
				...readIdentity(itemIndex),
				defaultStart: context.getNodeParameter('defaultStart', itemIndex, true) as boolean,
				expiry: readExpiry(context, itemIndex),
			};
			const callback = readCallback(context, itemIndex, credentials);
			if (callback) body.callback = callback;
			return body;
		},
		async (body, itemIndex) => {
			const { status, data } = await tracks.create(context, kind, body, itemIndex);
			const { callback, defaultStart, ...sent } = body;
			return {
				kind,
				...data,
				started: status === STARTED_AT_ONCE,
				...(defaultStart === true && status !== STARTED_AT_ONCE ? { startRequested: true } : {}),
				...sent,
				callbackUrl: (callback as IDataObject | undefined)?.url ?? null,
			};
		},
	);
}

/** Fields of Start and Stop: the track, and (for Start) where its events go. */
export const startStopFields: INodeProperties[] = [...trackReferenceFields, ...callbackFields(false)];

export async function startOrStopTracks(context: IExecuteFunctions, kind: TrackKind): Promise<INodeExecutionData[]> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const operation = context.getNodeParameter('operation', 0) as TrackOperation;
	return await perItemAfterValidation(
		context,
		(itemIndex) => ({ track: readTrack(context, itemIndex), callback: readCallback(context, itemIndex, credentials) }),
		async ({ track, callback }, itemIndex) => {
			const { data } = await tracks.update(context, kind, track, operation, callback, itemIndex);
			return { kind, trackId: data.id ?? track, operation, accepted: true, ...data };
		},
	);
}

/** A track's status with its times as ISO (OS1 sends seconds for SIM tracks and milliseconds for phones). */
export function statusToJson(kind: TrackKind | undefined, data: IDataObject): IDataObject {
	const json = withIsoFields(data, ['startedAt', 'stoppedAt', 'createdAt', 'expiresAt']);
	if ('consentStatus' in data) json.consentGiven = consentGiven(data.consentStatus);
	return kind === undefined ? json : { kind, ...json };
}

export interface StatusLookupField {
	value: StatusLookup;
	name: string;
	/** The parameter holding the key and its display name. */
	parameter: string;
	displayName: string;
}

export async function trackStatuses(
	context: IExecuteFunctions,
	kind: TrackKind,
	lookups: readonly StatusLookupField[],
): Promise<INodeExecutionData[]> {
	return await perItem(context, async (itemIndex) => {
		const by = context.getNodeParameter('statusBy', itemIndex) as StatusLookup;
		const lookup = lookups.find((entry) => entry.value === by) ?? lookups[0];
		const key = requireNonEmptyString(
			{ node: context.getNode(), parameter: lookup.displayName, itemIndex },
			String(context.getNodeParameter(lookup.parameter, itemIndex, '') ?? ''),
		);
		const { data } = await tracks.status(context, kind, lookup.value, key, itemIndex);
		return statusToJson(kind, data);
	});
}

/** The "Status By" selector and one key field per lookup, shown for one resource's Get Status. */
export function statusFields(resource: string, lookups: readonly StatusLookupField[], defaultLookup: StatusLookup): INodeProperties[] {
	const show = { resource: [resource], operation: ['getStatus'] };
	return [
		{
			displayName: 'Status By',
			name: 'statusBy',
			type: 'options',
			options: lookups.map(({ name, value }) => ({ name, value })),
			default: defaultLookup,
			displayOptions: { show },
		},
		...lookups.map(
			(lookup): INodeProperties => ({
				displayName: lookup.displayName,
				name: lookup.parameter,
				type: 'string',
				required: true,
				default: '',
				displayOptions: { show: { ...show, statusBy: [lookup.value] } },
			}),
		),
	];
}
