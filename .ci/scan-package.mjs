// Runs n8n's community-package verification scanner (@n8n/scan-community-package, pinned in
// devDependencies) on this checkout, in the two legs its gate (`analyzePackageByName`) runs:
//   1. tarball: `npm pack` of the current dist/ (this script builds nothing: run `npm run build`
//      first), unpacked like the scanner unpacks a published version, linted by `analyzePackage`
//      with its default file patterns (a superset of the `**/*.js` + `package.json` the gate uses);
//   2. source: the files a GitHub archive of the release commit would hold (tracked and untracked,
//      not ignored, minus `export-ignore`), copied to a temporary directory, the package root found
//      with the scanner's `findPackageRoot`, linted by `analyzePackage` with `SOURCE_FILE_PATTERNS`.
// `--committed` scans the source of HEAD (`git archive HEAD`) instead of the working tree.
// The scanner's own lint config, rules and messages are used unchanged; exits 1 if a leg fails.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scannerEntry = fileURLToPath(import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'));
const scannerRequire = createRequire(scannerEntry);
const scannerVersion = scannerRequire('../package.json').version;
// The scanner creates a temporary directory when it is imported; let `tmp` remove it on exit.
scannerRequire('tmp').setGracefulCleanup();
const glob = scannerRequire('fast-glob');
const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import(scannerEntry);

const DEFAULT_FILE_PATTERNS = ['**/*.js', '**/*.ts', '**/*.json']; // analyzePackage's default
const committed = process.argv.includes('--committed');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = (cmd, args, options = {}) =>
	execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options });

/** Files analyzePackage will lint, found the way it finds them. */
const countFiles = (dir, patterns) =>
	glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;

function report(leg, label, result, seconds) {
	if (result.passed) {
		console.log(`✅ ${leg}: ${label} has passed all security checks (${seconds} s)`);
		return true;
	}
	console.log(`❌ ${leg}: ${label} has failed security checks (${seconds} s)`);
	console.log(`Reason: ${result.message}`);
	if (result.details) console.log(`\nDetails:\n${result.details}`);
	return false;
}

async function tarballLeg(work) {
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!existsSync(join(root, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first`);
	}
	const started = Date.now();
	const packDir = join(work, 'pack');
	const packageDir = join(work, 'package');
	mkdirSync(packDir);
	mkdirSync(packageDir);
	const [{ filename }] = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir]),
	);
	run('tar', ['-xzf', join(packDir, filename), '-C', packageDir, '--strip-components=1']);
	const files = countFiles(packageDir, DEFAULT_FILE_PATTERNS);
	console.log(`== tarball leg: ${filename}, ${files} files matching ${DEFAULT_FILE_PATTERNS.join(' ')}`);
	const result = await analyzePackage(packageDir);
	return report('tarball', `${pkg.name}@${pkg.version} (npm pack)`, result, ((Date.now() - started) / 1000).toFixed(1));
}

/** Copies what a GitHub archive of this checkout (as it would be committed) would contain. */
function copyWorkingTree(sourceDir) {
	const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
		.split('\0')
		.filter((file) => file && existsSync(join(root, file)));
	const unique = [...new Set(listed)];
	// `git check-attr -z` answers path NUL attribute NUL value NUL, per path.
	const attributes = run('git', ['check-attr', '-z', '--stdin', 'export-ignore'], {
		input: unique.join('\0') + '\0',
	}).split('\0');
	const exportIgnored = new Set();
	for (let i = 0; i + 2 < attributes.length; i += 3) {
		if (attributes[i + 2] === 'set') exportIgnored.add(attributes[i]);
	}
	for (const file of unique) {
		if (exportIgnored.has(file)) continue;
		const from = join(root, file);
		const to = join(sourceDir, file);
		mkdirSync(dirname(to), { recursive: true });
		if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
		else copyFileSync(from, to);
	}
}

async function sourceLeg(work) {
	const started = Date.now();
	const sourceDir = join(work, 'source');
	mkdirSync(sourceDir);
	let what;
	if (committed) {
		const commit = run('git', ['rev-parse', 'HEAD']).trim();
		const archive = join(work, 'source.tar');
		run('git', ['archive', '--format=tar', '-o', archive, commit]);
		run('tar', ['-xf', archive, '-C', sourceDir]);
		what = `HEAD ${commit.slice(0, 7)}`;
	} else {
		copyWorkingTree(sourceDir);
		what = 'working tree (tracked and untracked, not ignored)';
	}
	const packageRoot = findPackageRoot(sourceDir, pkg.name);
	if (!packageRoot) throw new Error(`no package.json named ${pkg.name} in the source`);
	const files = countFiles(packageRoot, SOURCE_FILE_PATTERNS);
	const where = relative(sourceDir, packageRoot) || '.';
	console.log(`== source leg: ${what}, package root ${where}, ${files} files matching ${SOURCE_FILE_PATTERNS.join(' ')}`);
	const result = await analyzePackage(packageRoot, SOURCE_FILE_PATTERNS);
	return report('source', `${pkg.name} source`, result, ((Date.now() - started) / 1000).toFixed(1));
}

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
let passed = false;
try {
	console.log(`n8n community-package scan with @n8n/scan-community-package ${scannerVersion}`);
	const tarball = await tarballLeg(work);
	const source = await sourceLeg(work);
	passed = tarball && source;
} catch (error) {
	console.error(`❌ scan could not run: ${error.message}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(`${passed ? '✅ both legs passed' : '❌ scan failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(passed ? 0 : 1);
