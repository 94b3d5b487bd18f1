/**
 * `npm run sandbox` from a fresh clone: installs this package's dev dependencies first when they are
 * missing (the sandbox is TypeScript and starts the simulators from test/), then runs e2e/sandbox.ts in
 * this same process, so Ctrl-C reaches it directly.
 */
const { join } = require('node:path');

const { ensureDevDependencies } = require('../scripts/dev-dependencies');

const root = join(__dirname, '..');
ensureDevDependencies('sandbox');
require(join(root, 'node_modules', 'ts-node')).register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
require('./sandbox.ts');
