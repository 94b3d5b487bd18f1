/**
 * This package as n8n users get it: built, then placed where n8n loads installed community packages
 * (<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>), so node types are `n8n-nodes-location-tracking.<node>`.
 * Only what `npm pack` would ship goes in: package.json and dist/.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestOnlyPackage } from '../../test/simulators/provider-contract';

import { run } from './processes';
import { REPO_DIR } from './runtime';

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

export const PACKAGE = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as PackageJson;

/** Builds dist/ with the package's own build script. */
export async function buildPackage(): Promise<void> {
	await run('npm', ['run', 'build', '--silent'], { cwd: REPO_DIR, label: 'npm run build' });
}

/** Copies the built package into an n8n user folder as an installed community package. */
export function installInto(userFolder: string): string {
	if (!existsSync(join(REPO_DIR, 'dist'))) throw new Error('dist/ is missing: build the package first');
	return installPackageFolder(userFolder, REPO_DIR, PACKAGE.name);
}

/** Copies a package folder's package.json and dist/ to <userFolder>/.n8n/nodes/node_modules/<name>. */
export function installPackageFolder(userFolder: string, packageDir: string, name: string): string {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
	cpSync(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
	return target;
}

/** A test-only package compiled for a real n8n: its folder (package.json + dist/) and how to remove it. */
export interface BuiltTestPackage {
	name: string;
	dir: string;
	remove(): void;
}

/**
 * Compiles a test-only package (test/webhook-demo...) with this repository's tsc into a temporary folder,
 * laid out as an installable community package: dist/ mirrors the repository's paths (so its relative
 * imports of nodes/shared/ resolve), package.json lists its nodes and credentials. Never touches dist/.
 */
export async function buildTestOnlyPackage(pkg: TestOnlyPackage): Promise<BuiltTestPackage> {
	if (!/^n8n-nodes-/.test(pkg.name)) throw new Error(`${pkg.name}: n8n loads only packages named n8n-nodes-*`);
	const dir = mkdtempSync(join(tmpdir(), `lt-${pkg.name}-`));
	const remove = () => rmSync(dir, { recursive: true, force: true });
	try {
		const sources = [...pkg.nodes, ...pkg.credentials];
		writeFileSync(
			join(dir, 'tsconfig.json'),
			JSON.stringify({
				extends: join(REPO_DIR, 'tsconfig.json'),
				compilerOptions: {
					rootDir: REPO_DIR,
					outDir: join(dir, 'dist'),
					typeRoots: [join(REPO_DIR, 'node_modules', '@types')],
					types: ['node'],
					sourceMap: false,
					declaration: false,
					noEmit: false,
				},
				files: sources.map((file) => join(REPO_DIR, file)),
				include: [],
			}),
		);
		await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
			cwd: REPO_DIR,
			label: `tsc (test-only package ${pkg.name})`,
		});
		const built = (files: string[]) => files.map((file) => `dist/${file.replace(/\.ts$/, '.js')}`);
		for (const file of built(sources)) {
			if (!existsSync(join(dir, file))) throw new Error(`${pkg.name}: tsc did not produce ${file}`);
		}
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify(
				{
					name: pkg.name,
					version: '0.0.0-test',
					description: 'Test-only nodes of n8n-nodes-location-tracking (never published)',
					license: 'MIT',
					keywords: ['n8n-community-node-package'],
					files: ['dist'],
					n8n: { n8nNodesApiVersion: 1, nodes: built(pkg.nodes), credentials: built(pkg.credentials) },
					peerDependencies: { 'n8n-workflow': '*' },
				},
				null,
				2,
			),
		);
		return { name: pkg.name, dir, remove };
	} catch (error) {
		remove();
		throw error;
	}
}

/** `n8n-nodes-location-tracking.proTrack` for 'dist/nodes/ProTrack/ProTrack.node.js', and so on. */
export function packageNodeTypes(): string[] {
	return PACKAGE.n8n.nodes.map((file) => {
		const base = file.split('/').pop()!.replace(/\.node\.js$/, '');
		return `${PACKAGE.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
	});
}
