import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGeoJson, toGpx, toKml } from '../../geometry/export';
import { flaggedOutput, groupPositions, positionFields, readPositions } from '../../helpers/positions';
import { groupField, pairedItems } from '../route/routeFields';
import { exportName, exportPoints, nameField, shapeField } from './exportPoints';

const FORMATS = {
	gpx: { extension: 'gpx', mimeType: 'application/gpx+xml' },
	kml: { extension: 'kml', mimeType: 'application/vnd.google-earth.kml+xml' },
	geojson: { extension: 'geojson', mimeType: 'application/geo+json' },
} as const;
type Format = keyof typeof FORMATS;

const properties: INodeProperties[] = [
	...positionFields,
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'GeoJSON', value: 'geojson', description: 'A FeatureCollection' },
			{ name: 'GPX 1.1', value: 'gpx', description: 'For GPS apps and route planners' },
			{ name: 'KML 2.2', value: 'kml', description: 'For Google Earth and My Maps' },
		],
		default: 'gpx',
	},
	shapeField,
	groupField,
	nameField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The binary field the file goes in, for the Email, Google Drive or S3 nodes',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'route.gpx',
		description: 'Default: the route name (or "route") with the format\'s extension',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['convert'], operation: ['toFile'] } }, properties);

/** One file per route (per device, or one for all items) as binary data, with a summary in JSON. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { positions, flagged } = readPositions(this, false);
	const format = this.getNodeParameter('format', 0, 'gpx') as Format;
	const kind = this.getNodeParameter('shape', 0, 'route') as 'route' | 'points';
	const byDevice = this.getNodeParameter('groupBy', 0, 'device') === 'device';
	const property = String(this.getNodeParameter('binaryPropertyName', 0, 'data') ?? 'data').trim() || 'data';
	const output: INodeExecutionData[] = [];
	for (const [deviceId, group] of groupPositions(positions, byDevice)) {
		const points = exportPoints(group);
		const name = exportName(this, deviceId);
		const options = { kind, name, includePoints: true };
		const text =
			format === 'gpx' ? toGpx(points, options) : format === 'kml' ? toKml(points, options) : JSON.stringify(toGeoJson(points, options), null, 2);
		const given = String(this.getNodeParameter('fileName', 0, '') ?? '').trim();
		const base = (name ?? 'route').replace(/[^\w.-]+/g, '-');
		const fileName = given !== '' ? given : `${base}.${FORMATS[format].extension}`;
		const binary = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), fileName, FORMATS[format].mimeType);
		output.push({
			json: { deviceId: byDevice ? deviceId : null, format, fileName, points: points.length, bytes: Buffer.byteLength(text) },
			binary: { [property]: binary },
			pairedItem: pairedItems(group),
		});
	}
	return [...output, ...flaggedOutput(this, flagged)];
}
