import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * n8n-nodes-base is not installed for the in-process tests (it is large); these stand in for the
 * few base nodes the test workflows need. They behave like the originals for that use.
 */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow with one empty item',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	// The engine starts a workflow at a node of this type with one empty item.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Emits the items given in its `items` parameter (like a Code node returning fixed items). */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['transform'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, unknown>>;
		return [list.map((json) => ({ json: json as INodeExecutionData['json'] }))];
	}
}

/** Passes its input on unchanged, like n8n's No Operation node. */
class NoOp implements INodeType {
	description = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * n8n's Wait node for short intervals ("After Time Interval" in seconds or minutes): n8n waits in the
 * process for intervals under 65 seconds, then passes the items on, as this does.
 */
class Wait implements INodeType {
	description = {
		displayName: 'Wait',
		name: 'wait',
		group: ['organization'],
		version: [1, 1.1],
		description: 'Waits a short time',
		defaults: { name: 'Wait' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Resume', name: 'resume', type: 'string', default: 'timeInterval' },
			{ displayName: 'Amount', name: 'amount', type: 'number', default: 1 },
			{ displayName: 'Unit', name: 'unit', type: 'string', default: 'hours' },
		],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resume = this.getNodeParameter('resume', 0) as string;
		const unit = this.getNodeParameter('unit', 0) as string;
		const seconds = Number(this.getNodeParameter('amount', 0)) * (unit === 'minutes' ? 60 : unit === 'seconds' ? 1 : NaN);
		if (resume !== 'timeInterval' || !(seconds >= 0 && seconds < 65)) {
			throw new Error(`The stand-in Wait node only waits intervals under 65 s, got ${resume} ${String(this.getNodeParameter('amount', 0))} ${unit}`);
		}
		await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
		return [this.getInputData()];
	}
}

/**
 * n8n's Code node in its default mode (JavaScript, "Run Once for All Items"): the code runs once with
 * `$input.all()` / `items` and returns a list of items (`{json}` objects, or plain objects n8n wraps).
 * Example workflows use it for small fixed lists (a fleet sheet); in a real n8n the task runner runs it.
 */
class Code implements INodeType {
	description = {
		displayName: 'Code',
		name: 'code',
		group: ['transform'],
		version: [1, 2],
		description: 'Runs JavaScript once for all items',
		defaults: { name: 'Code' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Language', name: 'language', type: 'string', default: 'javaScript' },
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'runOnceForAllItems' },
			{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
		],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0, 'runOnceForAllItems') as string;
		const language = this.getNodeParameter('language', 0, 'javaScript') as string;
		if (mode !== 'runOnceForAllItems' || language !== 'javaScript') {
			throw new Error(`The stand-in Code node runs JavaScript once for all items only, not ${language} ${mode}`);
		}
		const items = this.getInputData();
		const input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
		// eslint-disable-next-line @typescript-eslint/no-implied-eval
		const run = new Function('$input', 'items', `return (async () => {\n${String(this.getNodeParameter('jsCode', 0))}\n})();`) as (
			input: unknown,
			list: INodeExecutionData[],
		) => Promise<unknown>;
		const result = await run(input, items);
		const list = Array.isArray(result) ? result : [result];
		return [list.map((entry) => (typeof entry === 'object' && entry !== null && 'json' in entry ? (entry as INodeExecutionData) : { json: entry as INodeExecutionData['json'] }))];
	}
}

export const STAND_IN_NODES: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	// Present in examples next to a Manual Trigger; n8n starts a manual run at the Manual Trigger.
	'n8n-nodes-base.scheduleTrigger': new ManualTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
	'n8n-nodes-base.wait': new Wait(),
	'n8n-nodes-base.code': new Code(),
	'test.items': new TestItems(),
};
