import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItemAfterValidation } from '../../../shared/items';
import { requireMatch } from '../../../shared/validation';
import { events } from '../../transport/api';

const LOCALE_PATTERN = /^[A-Za-z]{2,3}(?:[_-][A-Za-z]{2,4})?$/;
const LOCALE_EXPECTED = 'a locale such as en_US, de_DE or es';

const properties: INodeProperties[] = [
	{
		displayName: 'Locale',
		name: 'locale',
		type: 'string',
		default: 'en_US',
		placeholder: 'en_US',
		description: 'Language of the descriptions, e.g. en_US, de_DE, es_ES',
	},
];

const displayOptions = { show: { resource: ['event'], operation: ['listTypes'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The tracker event types of the platform (history/type/list): one output item per type, with its
 * `type` (the value Get Many and the trigger filter on) and its localized `description`.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await perItemAfterValidation(
		this,
		(itemIndex) =>
			requireMatch(
				{ node: this.getNode(), parameter: 'Locale', itemIndex },
				this.getNodeParameter('locale', itemIndex, 'en_US'),
				LOCALE_PATTERN,
				LOCALE_EXPECTED,
			),
		async (locale, itemIndex) =>
			(await events.types(this, itemIndex, locale)).map(
				(entry): IDataObject => ({ type: entry.type, description: entry.description ?? null }),
			),
	);
}
