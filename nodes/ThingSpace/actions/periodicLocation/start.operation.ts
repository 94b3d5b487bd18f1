import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountNameField, deviceSourceFields, readDeviceInputs } from '../../helpers/devices';
import { cacheModeOption, PERIODIC_RANGES, periodicFields, readPeriodicSettings } from '../../helpers/periodicRequest';
import { LIMITS, periodic } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';
import { startForDevices } from '../startForDevices';

const properties: INodeProperties[] = [
	{
		displayName:
			'Sent as the parameter table of ThingSpace\'s document says where its example differs: numbers as text, the maximum age as maxLocAge, and the number of fixes always (0 = until stopped). Keep each device\'s transaction ID and MDN from the output: Stop needs both.',
		name: 'readingNotice',
		type: 'notice',
		default: '',
	},
	accountNameField({}),
	...deviceSourceFields({}, 'to locate periodically'),
	{
		displayName: 'Number of Fixes',
		name: 'numberOfFixes',
		type: 'number',
		typeOptions: { minValue: PERIODIC_RANGES.numberOfFixes.min, maxValue: PERIODIC_RANGES.numberOfFixes.max },
		default: 12,
		description:
			'How many positions each device reports, 0 to 1,000; 0 keeps reporting until stopped. Always sent, since the document gives two readings of an absent value (12, or until stopped).',
	},
	{
		displayName: 'Fix Interval (Seconds)',
		name: 'fixInterval',
		type: 'number',
		typeOptions: { minValue: PERIODIC_RANGES.fixInterval.min, maxValue: PERIODIC_RANGES.fixInterval.max },
		default: 3600,
		description: 'Seconds between the starts of two fixes, 1 to 1,036,800 (12 days, for devices in power-saving sleep)',
	},
	{
		displayName: 'Start Delay (Seconds)',
		name: 'startDelay',
		type: 'number',
		typeOptions: { minValue: PERIODIC_RANGES.startDelay.min, maxValue: PERIODIC_RANGES.startDelay.max },
		default: 0,
		description: "Seconds after the device receives the request before its first fix, 0 to 86,400 (sent as startTime)",
	},
	{
		displayName: 'Maximum Location Age (Seconds)',
		name: 'maxLocationAge',
		type: 'number',
		typeOptions: { minValue: PERIODIC_RANGES.maxLocationAge.min, maxValue: PERIODIC_RANGES.maxLocationAge.max },
		default: 120,
		description:
			'Oldest cached position accepted, 0 to 3,600 seconds (used with the cache mode Cached or Current). Sent as maxLocAge, the name of the parameter table (the example writes maxLocationAge).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			cacheModeOption('Whether a cached position may answer a fix'),
		],
	},
];

const displayOptions = { show: { resource: ['periodicLocation'], operation: ['start'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Starts periodic location (POST /devicelocations/action/periodic) for the devices of the input items or
 * of a list: up to 10,000 devices per request, so a larger fleet is split into several sessions. Every
 * device's output item names its session's transaction id, which Stop needs with the device's MDN.
 * Numbers go out as strings, the maximum age as maxLocAge (helpers/periodicRequest.ts explains why).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const options = this.getNodeParameter('options', 0, {}) as { cacheMode?: string };
	const settings = readPeriodicSettings(this.getNode(), {
		numberOfFixes: this.getNodeParameter('numberOfFixes', 0),
		fixInterval: this.getNodeParameter('fixInterval', 0),
		startDelay: this.getNodeParameter('startDelay', 0),
		maxLocationAge: this.getNodeParameter('maxLocationAge', 0),
		cacheMode: options.cacheMode,
	});
	const inputs = readDeviceInputs(this, credentials.accountName);
	const fields = periodicFields(settings);
	return await startForDevices(
		this,
		inputs,
		LIMITS.periodicDevices,
		async (accountName, devices, itemIndex) => await periodic.start(this, accountName, devices, fields, itemIndex),
		'periodic location session',
	);
}
