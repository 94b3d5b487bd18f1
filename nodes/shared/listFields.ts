import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireIntegerInRange } from './validation';

/** The usual "Return All" switch and "Limit" field of a list operation; `hint` explains the limit. */
export function returnAllAndLimit(limitHint?: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			...(limitHint ? { hint: limitHint } : {}),
		},
	];
}

/** The limit of an item: undefined for "Return All", else a whole number of at least 1. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return requireIntegerInRange(
		{ node: context.getNode(), parameter: 'Limit', itemIndex },
		context.getNodeParameter('limit', itemIndex, 50),
		1,
		Number.MAX_SAFE_INTEGER,
	);
}
