/**
 * `npm run sandbox` from a fresh clone: installs this package's dev dependencies first when they are
 * missing (the sandbox is TypeScript and starts the simulators from test/), then runs e2e/sandbox.ts in
 * this same process, so Ctrl-C reaches it directly.
 */
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'node_modules', 'ts-node'))) {
	console.log('[sandbox] Installing the development dependencies (npm install)...');
	const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (install.status !== 0) process.exit(install.status ?? 1);
}
require(join(root, 'node_modules', 'ts-node')).register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
require('./sandbox.ts');
