/**
 * `npm run sandbox`: try every node without a provider account.
 *
 * Installs (once, cached outside the clone) the pinned n8n on Node 24, builds this package and installs it
 * into a fresh n8n as a community package, starts every provider simulator with live devices, imports a
 * credential per provider and every workflow of examples/, activates the trigger examples, and prints the
 * editor's address and login. Ctrl-C stops everything it started. Nothing is kept between runs.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { buildPackage } from './lib/communityPackage';
import { OWNER } from './lib/n8n';
import { REPO_DIR, ensureRuntime } from './lib/runtime';
import { Stack } from './lib/stack';

const say = (line: string) => console.log(`[sandbox] ${line}`);

async function main(): Promise<void> {
	const runtime = await ensureRuntime(say);
	say('Building the package...');
	await buildPackage();

	const artifacts = join(REPO_DIR, 'test-artifacts', 'sandbox');
	rmSync(artifacts, { recursive: true, force: true });
	mkdirSync(artifacts, { recursive: true });
	say('Starting the simulators and preparing n8n...');
	const stack = await Stack.create({
		runtime,
		name: 'sandbox',
		artifacts,
		fixedPorts: true,
		n8nPort: Number(process.env.SANDBOX_PORT ?? 5678),
	});
	const stopLive = stack.providers.map(({ provider, sim }) => provider.live?.(sim, say) ?? (() => undefined));

	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('Stopping...');
		stopLive.forEach((stop) => stop());
		await stack.stop();
		rmSync(stack.n8n.userFolder, { recursive: true, force: true });
		process.exit(code);
	};
	process.once('SIGINT', () => void shutdown(0));
	process.once('SIGTERM', () => void shutdown(0));

	try {
		say('Starting n8n (about 10 s)...');
		await stack.n8n.start();
		await stack.n8n.signInAsOwner();
		for (const example of stack.examples.filter((candidate) => candidate.trigger)) {
			await stack.n8n.activate(example.id);
			say(`Activated "${example.json.name}"`);
		}
	} catch (error) {
		console.error(error);
		await shutdown(1);
		return;
	}

	console.log('');
	console.log(`  n8n editor:  ${stack.n8n.baseUrl}/home/workflows`);
	console.log(`  login:       ${OWNER.email} / ${OWNER.password}`);
	console.log('  simulators:');
	for (const { provider, sim } of stack.providers) {
		console.log(`    ${provider.name}: ${sim.baseUrl}  (credential "${provider.credential.name}")`);
		for (const line of provider.accounts) console.log(`      ${line}`);
	}
	console.log(`  examples:    ${stack.examples.map((example) => example.json.name).join('\n               ')}`);
	console.log(`  logs:        ${artifacts}`);
	console.log('');
	say('Simulated devices raise alarms and go on/offline every 30 s; active triggers poll every minute.');
	say('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
