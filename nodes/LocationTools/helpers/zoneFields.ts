import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationError } from '../../shared/validation';
import { prepareZone, type PreparedZone } from '../geometry/contains';
import { assertUniqueZoneIds, circleZone, parseZone, zonesFromGeoJson, type Zone } from '../geometry/zones';

/** Zones drawn in the panel (circles and polygons) or given as GeoJSON (typed, or from a field). */
export const zoneFields: INodeProperties[] = [
	{
		displayName: 'Zones From',
		name: 'zoneSource',
		type: 'options',
		options: [
			{ name: 'List', value: 'list', description: 'Circles and polygons entered here' },
			{ name: 'GeoJSON', value: 'geojson', description: 'A Feature, FeatureCollection, Polygon or MultiPolygon (typed or from an expression)' },
		],
		default: 'list',
	},
	{
		displayName: 'Zones',
		name: 'zones',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Zone',
		default: {},
		displayOptions: { show: { zoneSource: ['list'] } },
		options: [
			{
				displayName: 'Zone',
				name: 'zone',
				values: [
					{
						displayName: 'Centre Latitude',
						name: 'latitude',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Centre Longitude',
						name: 'longitude',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'Depot',
						description: 'Also the zone ID in the output',
					},
					{
						displayName: 'Polygon',
						name: 'polygon',
						type: 'string',
						default: '',
						placeholder: '[[13.40, 52.52	],	[13.41, 52.52],	[13.41, 52.53],	[13.40, 52.52]]',
						description: 'A GeoJSON Polygon or MultiPolygon, or a list of	[longitude, latitude]	points (closed or not)',
					},
					{
						displayName: 'Radius (Metres)',
						name: 'radiusM',
						type: 'number',
						default: 200
					},
					{
						displayName: 'Shape',
						name: 'shape',
						type: 'options',
						options: [
							{
								name: 'Circle',
								value: 'circle',
							},
							{
								name: 'Polygon',
								value: 'polygon',
							},
					],
						default: 'circle',
					},
			],
			},
		],
	},
	{
		displayName: 'GeoJSON Zones',
		name: 'zonesGeoJson',
		type: 'json',
		default: '{"type": "FeatureCollection", "features": []}',
		description: 'Each feature is a zone, named by its properties.name (or ID); a Point with properties.radiusM is a circle',
		displayOptions: { show: { zoneSource: ['geojson'] } },
	},
];

interface ZoneEntry {
	name?: string;
	shape?: string;
	latitude?: number;
	longitude?: number;
	radiusM?: number;
	polygon?: string;
}

function parseJson(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	return JSON.parse(text) as unknown;
}

/** The zones of an item, checked; an invalid zone stops the node naming the zone and what is wrong. */
export function readZones(context: IExecuteFunctions, itemIndex: number): Zone[] {
	try {
		let zones: Zone[];
		if (context.getNodeParameter('zoneSource', itemIndex, 'list') === 'geojson') {
			zones = zonesFromGeoJson(parseJson(context.getNodeParameter('zonesGeoJson', itemIndex, '{}')));
		} else {
			const entries = ((context.getNodeParameter('zones', itemIndex, {}) as { zone?: ZoneEntry[] }).zone ?? []);
			zones = entries.map((entry, index) => {
				const name = String(entry.name ?? '').trim() || `zone-${index + 1}`;
				if (entry.shape === 'polygon') return parseZone(parseJson(entry.polygon ?? ''), { id: name, name, closeRing: true });
				return circleZone({ id: name, name, center: { latitude: entry.latitude, longitude: entry.longitude }, radiusM: entry.radiusM });
			});
		}
		if (zones.length === 0) throw new Error('No zone is given: add at least one');
		assertUniqueZoneIds(zones);
		return zones;
	} catch (error) {
		throw operationError(context.getNode(), `Invalid zones: ${(error as Error).message}`, {
			itemIndex,
			description: 'A polygon needs at least 4 positions with the last equal to the first (a point list is closed for you), latitudes from -90 to 90, longitudes from -180 to 180; a circle a radius above 0.',
		});
	}
}

/**
 * Zones ready for fast tests: read once when no zone parameter holds an expression (the usual case),
 * else per item (and prepared once per distinct definition).
 */
export function zoneReader(context: IExecuteFunctions): (itemIndex: number) => { zones: Zone[]; prepared: PreparedZone[] } {
	const { zoneSource, zones, zonesGeoJson } = context.getNode().parameters;
	const usesExpressions = JSON.stringify([zoneSource, zones, zonesGeoJson]).includes('"=');
	const cache = new Map<string, { zones: Zone[]; prepared: PreparedZone[] }>();
	let constant: { zones: Zone[]; prepared: PreparedZone[] } | undefined;
	return (itemIndex) => {
		if (!usesExpressions && constant) return constant;
		const read = readZones(context, itemIndex);
		const key = usesExpressions ? JSON.stringify(read) : '';
		let entry = cache.get(key);
		if (!entry) {
			entry = { zones: read, prepared: read.map(prepareZone) };
			cache.set(key, entry);
		}
		if (!usesExpressions) constant = entry;
		return entry;
	};
}
