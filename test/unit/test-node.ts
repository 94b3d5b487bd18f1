import type { INode } from 'n8n-workflow';

/** A node for unit tests of helpers that only need one to name in their errors. */
export function testNode(overrides: Partial<INode> = {}): INode {
	return { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {}, ...overrides };
}
