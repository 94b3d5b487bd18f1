import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runBatched, type KeyedResult } from '../../../shared/batching';
import { keyedResultsToItems } from '../../../shared/items';
import { operationError } from '../../../shared/validation';
import { accountNameField, deviceSourceFields, readDeviceInputs, type DeviceInput, type DeviceRef } from '../../helpers/devices';
import { currentLocationJson } from '../../helpers/location';
import { cacheModeOption, readCacheMode } from '../../helpers/periodicRequest';
import { LIMITS, locations } from '../../transport/api';
import { CREDENTIAL_TYPE } from '../../transport/request';

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
		],
	},
];

const displayOptions = { show: { resource: ['deviceLocation'], operation: ['getCurrent'] } };

export const description = updateDisplayOptions(displayOptions, properties);

type Located = ReturnType<typeof currentLocationJson>;

/**
 * The location of devices now (POST /locations, synchronous): at most 20 devices per request, so more are
 * asked in consecutive requests of 20. One item per device with the normalized location, the time as ISO
 * and the accuracy in metres. A device ThingSpace could not locate (no consent, not the account's) is an
 * error item under Continue On Fail, otherwise it fails the node naming its item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const options = this.getNodeParameter('options', 0, {}) as { cacheMode?: string };
	const fields = options.cacheMode === undefined ? {} : { cacheMode: readCacheMode(this.getNode(), options.cacheMode) };
	const { devices, invalid } = readDeviceInputs(this, credentials.accountName);

	const byAccount = new Map<string, DeviceInput[]>();
	for (const input of devices) {
		const group = byAccount.get(input.accountName);
		if (group === undefined) byAccount.set(input.accountName, [input]);
		else group.push(input);
	}
	const results: Array<KeyedResult<Located>> = [];
	for (const [accountName, inputs] of byAccount) {
		const deviceOf = new Map<string, DeviceRef>(inputs.map((input) => [input.device.id, input.device]));
		const answered = await runBatched(
			inputs.map((input) => ({ itemIndex: input.itemIndex, key: input.device.id })),
			LIMITS.syncDevices,
			async (ids) => {
				const entries = await locations.current(this, accountName, ids.map((id) => deviceOf.get(id) as DeviceRef), fields);
				const byId = new Map<string, Located>();
				for (const entry of entries) {
					const id = String(entry.msid ?? '');
					if (deviceOf.has(id)) byId.set(id, currentLocationJson(entry, deviceOf.get(id) as DeviceRef, accountName));
				}
				return byId;
			},
		);
		results.push(...answered);
	}

	const node = this.getNode();
	const settled = results.map((result): KeyedResult<Located> => {
		if (result.error !== undefined) return result;
		const located = result.result;
		const problem = located === undefined ? `ThingSpace did not answer for device ${result.key}` : 'error' in located ? located.error : undefined;
		if (problem === undefined) return result;
		return { itemIndex: result.itemIndex, key: result.key, error: operationError(node, problem, { itemIndex: result.itemIndex }) };
	});
	return keyedResultsToItems(this, settled, invalid, (_key, located) => (located !== undefined && 'json' in located ? located.json : {}));
}
