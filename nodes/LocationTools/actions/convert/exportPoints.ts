import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExportPoint } from '../../geometry/export';
import type { ItemPosition } from '../../helpers/positions';

export const shapeField: INodeProperties = {
	displayName: 'Shape',
	name: 'shape',
	type: 'options',
	options: [
		{ name: 'Route', value: 'route', description: 'A line through the points in time order, with the points' },
		{ name: 'Points', value: 'points', description: 'The points only' },
	],
	default: 'route',
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'exportName',
	type: 'string',
	default: '',
	placeholder: 'Truck 7, 30 November',
	description: 'Name of the route in the file (default: the device ID)',
};

const timeOf = (time: string | null) => (time === null ? 0 : Date.parse(time));

/** A route's points in time order (input order when they have no time), as the exporters take them. */
export function exportPoints(positions: readonly ItemPosition[]): ExportPoint[] {
	return [...positions]
		.sort((a, b) => timeOf(a.time) - timeOf(b.time) || a.itemIndex - b.itemIndex)
		.map((position) => ({
			latitude: position.latitude,
			longitude: position.longitude,
			time: position.time,
			properties: { deviceId: position.deviceId, time: position.time },
		}));
}

export function exportName(context: IExecuteFunctions, deviceId: string): string | undefined {
	const name = String(context.getNodeParameter('exportName', 0, '') ?? '').trim();
	return name !== '' ? name : deviceId !== '' ? deviceId : undefined;
}
