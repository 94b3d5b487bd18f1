import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_DIR } from './runtime';

/** test-artifacts/e2e/<name>: logs, screenshots and figures of one e2e test file (kept by CI). */
export function artifactsDir(name: string): string {
	const dir = join(REPO_DIR, 'test-artifacts', 'e2e', name);
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Deletes one test file's earlier logs and figures from an artifacts folder it shares with another test
 * file (whose files stay): those named `<prefix>-...` and the files given.
 */
export function removeArtifacts(dir: string, prefix: string, files: string[] = []): void {
	for (const file of readdirSync(dir)) {
		if (file.startsWith(`${prefix}-`) || files.includes(file)) rmSync(join(dir, file), { recursive: true, force: true });
	}
}
