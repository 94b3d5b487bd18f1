import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_DIR } from './runtime';

/** test-artifacts/e2e/<name>: logs, screenshots and figures of one e2e test file (kept by CI). */
export function artifactsDir(name: string): string {
	const dir = join(REPO_DIR, 'test-artifacts', 'e2e', name);
	mkdirSync(dir, { recursive: true });
	return dir;
}
