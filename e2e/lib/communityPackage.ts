/**
 * This package as n8n users get it: built, then placed where n8n loads installed community packages
 * (<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>), so node types are `n8n-nodes-location-tracking.<node>`.
 * Only what `npm pack` would ship goes in: package.json and dist/.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	cpSync(join(REPO_DIR, 'package.json'), join(target, 'package.json'));
	cpSync(join(REPO_DIR, 'dist'), join(target, 'dist'), { recursive: true });
	return target;
}

/** `n8n-nodes-location-tracking.proTrack` for 'dist/nodes/ProTrack/ProTrack.node.js', and so on. */
export function packageNodeTypes(): string[] {
	return PACKAGE.n8n.nodes.map((file) => {
		const base = file.split('/').pop()!.replace(/\.node\.js$/, '');
		return `${PACKAGE.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
	});
}
