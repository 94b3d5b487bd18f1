import type { INodeProperties } from 'n8n-workflow';

import * as toFile from './toFile.operation';
import * as toGeoJson from './toGeoJson.operation';

export const operations = { toFile, toGeoJson };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['convert'] } },
		options: [
			{ name: 'To File', value: 'toFile', description: 'A GPX, KML or GeoJSON file of each route', action: 'Convert positions to a file' },
			{ name: 'To GeoJSON', value: 'toGeoJson', description: 'A GeoJSON FeatureCollection of each route, as JSON', action: 'Convert positions to geo json' },
		],
		default: 'toFile',
	},
	...toFile.description,
	...toGeoJson.description,
];
