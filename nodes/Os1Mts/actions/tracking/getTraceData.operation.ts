import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem } from '../../../shared/items';
import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { readTrack, trackReferenceFields } from '../../helpers/fields';
import { featuresOf, traceToPoints, traceToRoute, type TraceFeature } from '../../helpers/trace';
import { tracks } from '../../transport/api';

type Output = 'points' | 'route' | 'geojson';

const properties: INodeProperties[] = [
	...trackReferenceFields,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Point', value: 'points', description: 'Each trace point with its time and the normalized location' },
			{ name: 'One Item per Track', value: 'route', description: 'A GeoJSON LineString of the route with points, distance, first and last time' },
			{ name: 'GeoJSON as OS1 Sends It', value: 'geojson', description: 'One FeatureCollection (all pages joined)' },
		],
		default: 'points',
	},
	...returnAllAndLimit('Trace points are read page by page until this many are found').map((property) => ({
		...property,
		displayOptions: { show: { output: ['points'], ...(property.displayOptions?.show ?? {}) } },
	})),
];

export const description = updateDisplayOptions({ show: { resource: ['tracking'], operation: ['getTraceData'] } }, properties);

/** Reads pages until OS1 gives no next page token, or `limit` features are in. */
async function readTrace(context: IExecuteFunctions, track: string, itemIndex: number, limit?: number) {
	const features: TraceFeature[] = [];
	let first: IDataObject | undefined;
	let pageToken: string | undefined;
	const seenTokens = new Set<string>();
	do {
		const { data } = await tracks.tracePage(context, track, pageToken, itemIndex);
		first ??= data;
		features.push(...featuresOf(data));
		const next = data.nextPageToken;
		pageToken = typeof next === 'string' && next !== '' && !seenTokens.has(next) ? next : undefined;
		if (pageToken) seenTokens.add(pageToken);
	} while (pageToken !== undefined && (limit === undefined || features.length < limit));
	return { page: first ?? {}, features: limit === undefined ? features : features.slice(0, limit) };
}

/**
 * getTraceData: the points OS1 recorded for a track, in GeoJSON. All pages are followed (for "One Item
 * per Point" only until the limit); points carry ISO times and the package's normalized location.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItem(this, async (itemIndex) => {
		const track = readTrack(this, itemIndex);
		const output = this.getNodeParameter('output', itemIndex, 'points') as Output;
		const limit = output === 'points' ? readLimit(this, itemIndex) : undefined;
		const { page, features } = await readTrace(this, track, itemIndex, limit);
		const trackId = String(page.trackId ?? track);
		if (output === 'points') return traceToPoints(trackId, features);
		if (output === 'route') return traceToRoute(trackId, page.trackName, features);
		const collection: IDataObject = { ...page, type: 'FeatureCollection', features };
		delete collection.nextPageToken;
		return collection;
	});
}
