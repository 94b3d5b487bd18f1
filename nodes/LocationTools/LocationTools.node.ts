import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as convert from './actions/convert/Convert.resource';
import * as distance from './actions/distance/Distance.resource';
import * as geofence from './actions/geofence/Geofence.resource';
import { router } from './actions/router';
import * as route from './actions/route/Route.resource';

export class LocationTools implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Location Tools',
		name: 'locationTools',
		icon: { light: 'file:../../icons/locationTools.svg', dark: 'file:../../icons/locationTools.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Geofence enter and exit, route summaries, simplification, distances and GPX, KML or GeoJSON files from positions of any provider',
		defaults: { name: 'Location Tools' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Convert', value: 'convert', description: 'GPX, KML or GeoJSON of routes and points' },
					{ name: 'Distance', value: 'distance', description: 'To a point, or to the nearest of a list of places' },
					{ name: 'Geofence', value: 'geofence', description: 'Zones: which contain a position, and who enters or leaves them' },
					{ name: 'Route', value: 'route', description: 'Summaries, simplification and trips of routes' },
				],
				default: 'geofence',
			},
			...convert.description,
			...distance.description,
			...geofence.description,
			...route.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
