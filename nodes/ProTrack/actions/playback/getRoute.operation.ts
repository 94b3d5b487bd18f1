import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllAndLimit } from '../../../shared/listFields';
import { perItem, stopOnInvalidInput } from '../../../shared/items';
import { summarizeTrack, toLineStringFeature } from '../../../shared/location';
import { epochToIso } from '../../../shared/time';
import { invalidValue } from '../../../shared/validation';
import { readTimeRange } from '../../../shared/deviceFields';
import { imeiLocator, readImei } from '../../helpers/fields';
import { ROUTE_HISTORY, warnAboutStalls } from '../../helpers/history';
import { pointLocation, type PlaybackPoint } from '../../helpers/historyRecords';
import { routeHistory } from '../../transport/api';

const OUTPUTS = ['points', 'route'] as const;
type RouteOutput = (typeof OUTPUTS)[number];

const displayOptions = { show: { resource: ['playback'], operation: ['getRoute'] } };

const properties: INodeProperties[] = [
	imeiLocator(displayOptions),
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Earliest GPS time to return (included)',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Latest GPS time to return (included). Any range length works: pages of 1000 points are followed automatically.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Points',
				value: 'points',
				description: 'One item per GPS point, oldest first',
			},
			{
				name: 'Route',
				value: 'route',
				description: 'One item per device with a GeoJSON line and a summary (distance, top speed, first and last time)',
			},
		],
		default: 'points',
	},
	...returnAllAndLimit('Counts GPS points, also when the output is a route'),
];

export const description = updateDisplayOptions(displayOptions, properties);

interface RouteQuery {
	imei: string;
	begin: number;
	end: number;
	output: RouteOutput;
	/** Most points to return; undefined returns every point in the range. */
	limit?: number;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): RouteQuery {
	const node = context.getNode();
	const imei = readImei(context, itemIndex);
	const { begin, end } = readTimeRange(context, itemIndex);
	const output = context.getNodeParameter('output', itemIndex) as RouteOutput;
	if (!OUTPUTS.includes(output)) {
		throw invalidValue({ node, parameter: 'Output', itemIndex }, output, '"points" or "route"');
	}
	const limit = readLimit(context, itemIndex);
	return { imei, begin, end, output, limit };
}

/** Every point of the range (up to the limit), following the 1000-point pages of /api/playback. */
async function fetchPoints(
	context: IExecuteFunctions,
	query: RouteQuery,
	itemIndex: number,
): Promise<PlaybackPoint[]> {
	const result = await routeHistory(context, query.imei, query.begin, query.end, {
		limit: query.limit,
		itemIndex,
	});
	warnAboutStalls(context, ROUTE_HISTORY, query.imei, result);
	return result.records;
}

function pointToJson(imei: string, point: PlaybackPoint): IDataObject {
	return {
		imei,
		longitude: point.longitude,
		latitude: point.latitude,
		gpstime: point.gpstime,
		gpstimeIso: epochToIso(point.gpstime),
		speed: point.speed,
		course: point.course,
		location: { ...pointLocation(imei, point) },
	};
}

function routeToJson(query: RouteQuery, points: PlaybackPoint[]): IDataObject {
	const locations = points.map((point) => pointLocation(query.imei, point));
	const summary = summarizeTrack(locations);
	return {
		imei: query.imei,
		startTime: epochToIso(query.begin),
		endTime: epochToIso(query.end),
		summary: { ...summary },
		route: { ...toLineStringFeature(locations, { imei: query.imei, ...summary }) },
	};
}

/**
 * The GPS points of one device per input item, as points or as one route. Every item is validated
 * before the first request.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const queries: Array<RouteQuery | Error> = [];
	const invalid: Array<{ itemIndex: number; error: Error }> = [];
	const itemCount = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			queries.push(readQuery(this, itemIndex));
		} catch (error) {
			queries.push(error as Error);
			invalid.push({ itemIndex, error: error as Error });
		}
	}
	stopOnInvalidInput(this, invalid);

	return await perItem(this, async (itemIndex) => {
		const query = queries[itemIndex];
		if (query instanceof Error) throw query;
		const points = await fetchPoints(this, query, itemIndex);
		if (query.output === 'route') return routeToJson(query, points);
		return points.map((point) => pointToJson(query.imei, point));
	});
}
