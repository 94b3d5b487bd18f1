import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { invalidValue } from '../../../shared/validation';
import { registration } from '../../transport/api';
import { groupField, labelField, readGroupId, readLabel, ref, trackerToJson } from './register.operation';

/** The IMEI of a preconfigured bundle device (Register Quick and Replace Quick). */
export const imeiField: INodeProperties = {
	displayName: 'IMEI',
	name: 'imei',
	type: 'string',
	default: '',
	required: true,
	placeholder: '356307042441013',
	description: 'IMEI of the preconfigured bundle device: 15 digits',
};

export function readImei(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('imei', itemIndex, '');
	const text = typeof raw === 'string' || (typeof raw === 'number' && Number.isSafeInteger(raw)) ? String(raw).trim() : '';
	if (!/^\d{15}$/.test(text)) throw invalidValue(ref(context, 'IMEI', itemIndex), raw, 'an IMEI of 15 digits, as text');
	return text;
}

const properties: INodeProperties[] = [labelField, groupField, imeiField];

const displayOptions = { show: { resource: ['registration'], operation: ['registerQuick'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Registers a preconfigured bundle device by its IMEI alone (tracker/register_quick; no SMS is sent)
 * and outputs the new tracker. Sent once, never repeated after a server error.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) => ({
			label: readLabel(this, itemIndex),
			group_id: readGroupId(this, itemIndex),
			imei: readImei(this, itemIndex),
		}),
		async (params, itemIndex) => trackerToJson(await registration.registerQuick(this, params, itemIndex)),
	);
}
