import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountNameField, deviceSourceFields, readDeviceInputs } from '../../helpers/devices';
import { cacheModeOption, PERIODIC_RANGES, readCacheMode, requireInDocumentedRange } from '../../helpers/periodicRequest';
import { LIMITS, locations } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';
import { startForDevices } from '../startForDevices';

const properties: INodeProperties[] = [
	accountNameField({}),
	...deviceSourceFields({}, 'to locate'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			cacheModeOption('Whether a cached position may answer (no charge for cached positions)'),
			{
				displayName: 'Maximum Location Age (Seconds)',
				name: 'maxLocationAge',
				type: 'number',
				typeOptions: { minValue: PERIODIC_RANGES.maxLocationAge.min, maxValue: PERIODIC_RANGES.maxLocationAge.max },
				default: 120,
				description: 'Oldest cached position accepted with the cache mode Cached or Current, 0 to 3,600 (sent as maxLocAge)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['deviceLocation'], operation: ['request'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Asks for the location of devices asynchronously (POST /devicelocations, up to 10,000 devices per
 * request; more are split). The answer is a transaction id; the positions arrive as DeviceLocation
 * callbacks carrying it (the ThingSpace Trigger receives them). One item per device with its transaction
 * id, which Cancel takes.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	const options = this.getNodeParameter('options', 0, {}) as { cacheMode?: string; maxLocationAge?: number };
	const fields: IDataObject = {};
	if (options.cacheMode !== undefined) fields.cacheMode = readCacheMode(node, options.cacheMode);
	if (options.maxLocationAge !== undefined) {
		fields.maxLocAge = String(requireInDocumentedRange(node, PERIODIC_RANGES.maxLocationAge, options.maxLocationAge));
	}
	const inputs = readDeviceInputs(this, credentials.accountName);
	return await startForDevices(
		this,
		inputs,
		LIMITS.asyncDevices,
		async (accountName, devices, itemIndex) => await locations.request(this, accountName, devices, fields, itemIndex),
		'location request',
	);
}
