import { buildPackage } from './communityPackage';
import { ensureRuntime } from './runtime';

/** Before any e2e test file: the n8n runtime is installed (once) and dist/ is freshly built. */
export default async function globalSetup(): Promise<void> {
	await ensureRuntime((line) => console.log(`[e2e] ${line}`));
	await buildPackage();
}
