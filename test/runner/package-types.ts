import { join } from 'node:path';
import type {
	ICredentialType,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

import { STAND_IN_NODES } from './stand-in-nodes';

const ROOT = join(__dirname, '..', '..');
const manifest = require(join(ROOT, 'package.json')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = manifest.name;

/** package.json lists built files (dist/.../X.node.js); tests load their TypeScript sources. */
function loadClasses<T>(distPaths: string[]): T[] {
	return distPaths.map((distPath) => {
		const source = join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const exported = require(source) as Record<string, new () => T>;
		const className = distPath.split('/').pop()!.split('.')[0];
		const Class = exported[className];
		if (typeof Class !== 'function') throw new Error(`${source} does not export class ${className}`);
		return new Class();
	});
}

/** Every credential type this package declares, by name. */
export function loadCredentialTypes(): Map<string, ICredentialType> {
	const types = loadClasses<ICredentialType>(manifest.n8n.credentials);
	return new Map(types.map((type) => [type.name, type]));
}

/**
 * The node types a workflow can use: this package's nodes under the names n8n gives an installed
 * community package (`<package>.<node>`), plus the small stand-ins in stand-in-nodes.ts.
 */
export class PackageNodeTypes implements INodeTypes {
	readonly types = new Map<string, INodeType>();

	constructor() {
		for (const nodeType of loadClasses<INodeType>(manifest.n8n.nodes)) {
			this.types.set(`${PACKAGE_NAME}.${nodeType.description.name}`, nodeType);
		}
		for (const [name, nodeType] of Object.entries(STAND_IN_NODES)) this.types.set(name, nodeType);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types.get(nodeType);
		if (type === undefined) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}
