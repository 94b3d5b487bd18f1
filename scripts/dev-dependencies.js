/**
 * The README's two commands (`npm test`, `npm run sandbox`) work first on a fresh clone: this installs the
 * package's development dependencies (`npm install`) when they are missing, and does nothing otherwise.
 * Run as a script (`node scripts/dev-dependencies.js`) or require it and call ensureDevDependencies().
 */
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** Packages the test and sandbox commands load first: when one is missing, nothing was installed. */
const NEEDED = ['jest', 'ts-jest', 'ts-node', 'typescript', 'n8n-core', 'n8n-workflow'];

function ensureDevDependencies(label = 'dev-dependencies') {
	const missing = NEEDED.filter((name) => !existsSync(join(ROOT, 'node_modules', name, 'package.json')));
	if (missing.length === 0) return;
	console.log(`[${label}] Installing the development dependencies (npm install; missing: ${missing.join(', ')})...`);
	const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
	if (install.status !== 0) process.exit(install.status ?? 1);
}

module.exports = { ensureDevDependencies };

if (require.main === module) ensureDevDependencies();
