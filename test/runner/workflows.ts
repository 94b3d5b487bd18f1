import type { IConnections, INode, INodeCredentials, INodeParameters } from 'n8n-workflow';

import { PACKAGE_NAME } from './package-types';
import type { WorkflowJson } from './run-workflow';

/** The node type name n8n gives one of this package's nodes once installed. */
export function packageNodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

let position = 0;
export function node(
	name: string,
	type: string,
	parameters: INodeParameters = {},
	credentials?: INodeCredentials,
	extra: Partial<INode> = {},
): INode {
	position += 220;
	return { id: name, name, type, typeVersion: 1, position: [position, 0], parameters, credentials, ...extra };
}

/** A straight chain of nodes, each feeding the next. */
export function chain(...nodes: INode[]): WorkflowJson {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

/** Manual trigger → fixed items → the node under test. */
export function itemsInto(items: object[], target: INode): WorkflowJson {
	return chain(
		node('Start', 'n8n-nodes-base.manualTrigger'),
		node('Items', 'test.items', { items: JSON.stringify(items) }),
		target,
	);
}
