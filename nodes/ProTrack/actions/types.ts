import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation file (`actions/<resource>/<operation>.operation.ts`) exports these two: its fields
 * (with displayOptions for its resource and operation) and `execute`, which receives every input
 * item at once (so it can batch across items) and returns output items paired to their inputs.
 */
export interface ProTrackOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}
