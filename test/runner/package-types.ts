import { join } from 'node:path';
import type {
	ICredentialType,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

import type { TestOnlyPackage } from '../simulators/provider-contract';
import { STAND_IN_NODES } from './stand-in-nodes';

export type { TestOnlyPackage };

const ROOT = join(__dirname, '..', '..');
const manifest = require(join(ROOT, 'package.json')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = manifest.name;

/** package.json lists built files (dist/.../X.node.js); tests load their TypeScript sources. */
function loadClasses<T>(distPaths: string[]): T[] {
	return loadSources<T>(distPaths.map((distPath) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts')));
}

/** Instances of the classes in these TypeScript files (paths from the repository root; class named as the file). */
function loadSources<T>(sourcePaths: string[]): T[] {
	return sourcePaths.map((sourcePath) => {
		const source = join(ROOT, sourcePath);
		const exported = require(source) as Record<string, new () => T>;
		const className = sourcePath.split('/').pop()!.split('.')[0];
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

/** The node and credential types every in-process execution of this test file sees. */
export const NODE_TYPES = new PackageNodeTypes();
export const CREDENTIAL_TYPES = loadCredentialTypes();

/**
 * Makes a test-only package's nodes and credentials known to the in-process n8n of this test file (as
 * installing a second community package does in n8n). Registering the same package again is a no-op.
 */
export function registerTestOnlyPackage(pkg: TestOnlyPackage): void {
	for (const nodeType of loadSources<INodeType>(pkg.nodes)) {
		NODE_TYPES.types.set(`${pkg.name}.${nodeType.description.name}`, nodeType);
	}
	for (const type of loadSources<ICredentialType>(pkg.credentials)) CREDENTIAL_TYPES.set(type.name, type);
}
