/**
 * The baseline workflows (benchmarks/baseline/*.json): what a user builds without this package, with
 * n8n's HTTP Request node and Code nodes. Each is a plain n8n workflow export. The settings a user
 * types into them (the provider's URL, account, password, keys) are written as `__NAME__`
 * placeholders, filled here; the node named "Input" (type test.items) stands for whatever feeds the
 * workflow its items upstream (a sheet, a database...), and gets the scenario's items.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import type { WorkflowJson } from '../../test/runner';

const BASELINE_DIR = join(__dirname, '..', 'baseline');
const SAFE_VALUE = /^[\w.:/@,+=-]*$/;

export function baselineWorkflow(name: string, settings: Record<string, string | number>, input?: object[]): WorkflowJson {
	let text = readFileSync(join(BASELINE_DIR, `${name}.json`), 'utf8');
	for (const [key, value] of Object.entries(settings)) {
		if (!SAFE_VALUE.test(String(value)))
			throw new Error(`Setting ${key} of ${name}.json has characters a placeholder cannot take: ${value}`);
		text = text.split(`__${key}__`).join(String(value));
	}
	const left = /__[A-Z][A-Z0-9_]*__/.exec(text);
	if (left) throw new Error(`${name}.json: no value for ${left[0]}`);
	const json = JSON.parse(text) as WorkflowJson;
	if (input !== undefined) {
		const node = json.nodes.find((candidate: INode) => candidate.name === 'Input');
		if (node === undefined) throw new Error(`${name}.json has no node named Input`);
		node.parameters = { ...node.parameters, items: JSON.stringify(input) };
	}
	return json;
}
