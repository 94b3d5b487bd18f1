import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * One operation file (`actions/<resource>/<operation>.operation.ts`) exports these two: its fields
 * (with displayOptions for its resource and operation) and `execute`, which receives every input
 * item at once (so it can batch across items) and returns output items paired to their inputs.
 */
export interface NodeOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** Resource value → operation value → its module. */
export type OperationsByResource = Record<string, Record<string, NodeOperation>>;

/**
 * Runs the chosen operation once for all input items (operations batch across items). `renamed` maps
 * operation values of older versions to today's, per resource, so saved workflows keep running.
 */
export async function runOperation(
	context: IExecuteFunctions,
	resources: OperationsByResource,
	renamed: Record<string, Record<string, string>> = {},
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const chosen = context.getNodeParameter('operation', 0) as string;
	const operation = renamed[resource]?.[chosen] ?? chosen;
	const handler = resources[resource]?.[operation];
	if (handler === undefined) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return [await handler.execute.call(context)];
}
