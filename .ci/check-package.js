// Checks what `npm pack` would publish and the package.json rules n8n verification applies.
// Run after `npm run build`.
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const pkg = require('../package.json');

const problems = [];
const [pack] = JSON.parse(execSync('npm pack --dry-run --json --ignore-scripts', { encoding: 'utf8' }));
const allowed = /^(dist\/|README\.md$|LICENSE\.md$|package\.json$)/;
for (const { path } of pack.files) {
	if (!allowed.test(path)) problems.push(`would publish ${path}`);
	// n8n loads only the compiled .js; TypeScript files (.d.ts declarations included) in the tarball
	// break the n8n scanner's node and credential file-name rules (see .ci/scan-package.mjs).
	else if (path.endsWith('.ts')) problems.push(`would publish TypeScript file ${path}`);
}
for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	if (!existsSync(entry)) problems.push(`n8n entry ${entry} was not built`);
}
if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push('has runtime dependencies');
if (pkg.overrides) problems.push('has overrides');
if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) problems.push('peerDependencies must be exactly n8n-workflow "*"');
if (!pkg.keywords.includes('n8n-community-node-package')) problems.push('missing keyword n8n-community-node-package');
if (pkg.n8n.n8nNodesApiVersion !== 1 || pkg.n8n.strict !== true) problems.push('n8n section must have n8nNodesApiVersion 1 and strict true');

if (problems.length) {
	console.error(problems.map((p) => `package: ${p}`).join('\n'));
	process.exit(1);
}
console.log(`package: ${pack.files.length} files, ${pack.size} bytes packed, rules ok`);
