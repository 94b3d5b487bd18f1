import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidValue } from '../../../shared/validation';
import { LISTENER_NAMES, type ListenerName } from '../../transport/api';

/** The response header of a registration that carries the shared secret of the listener. */
export const SHARED_KEY_HEADER = 'VZ-Shared-Key';

/** The listener's service name: one listener per name and account. */
export const LISTENER_NAME_FIELD: INodeProperties = {
	displayName: 'Listener',
	name: 'listenerName',
	type: 'options',
	options: [
		{ name: 'Device Location', value: 'DeviceLocation', description: 'Results of location requests and periodic location' },
		{ name: 'Location', value: 'Location', description: 'Location reports and usage' },
	],
	default: 'DeviceLocation',
};

export function readListenerName(context: IExecuteFunctions, itemIndex: number): ListenerName {
	const value = context.getNodeParameter('listenerName', itemIndex, 'DeviceLocation');
	const name = LISTENER_NAMES.find((entry) => entry === value);
	if (name === undefined) {
		throw invalidValue({ node: context.getNode(), parameter: 'Listener', itemIndex }, value, `one of ${LISTENER_NAMES.join(', ')}`);
	}
	return name;
}
