/**
 * The package in n8n's editor, as a user sees it in Debian's Chromium: every node type of the package is
 * listed in /types/nodes.json with icons n8n serves; every example using one of them opens with each of the
 * package's nodes drawn with its own icon (not the "?" or "install this node" n8n draws for a node it does
 * not know) and with a parameter panel that loads without an error, a parameter issue or a missing
 * credential; and the browser reports no failed request or console error about the package.
 * Then what calls the simulator from the editor: a device picker's "From list" mode lists the simulator's
 * devices and its search finds one to pick; "Fetch Test Event" of each trigger puts out an item; a command
 * run for several items from the editor answers for each item (not as a human-in-the-loop node); and an
 * account picker whose provider cannot be reached says so in words.
 *
 * Screenshots of every canvas and panel, the browser's console and n8n's logs go to test-artifacts/e2e/editor.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import type { Simulator } from '../../test/simulators/framework';
import type { ProTrackSimulator } from '../../test/simulators/protrack';
import { isWebhookCheck, type TriggerExampleCheck } from '../../test/simulators/provider-contract';
import { artifactsDir } from '../lib/artifacts';
import { PACKAGE, packageNodeTypes } from '../lib/communityPackage';
import { CHROMIUM, ensurePrograms } from '../lib/programs';
import { Editor, launchChromium, noticesOf, slug, type NodeTypeEntry } from '../lib/editor';
import { OWNER, type WorkflowJson } from '../lib/n8n';
import { waitFor } from '../lib/processes';
import { ensureRuntime } from '../lib/runtime';
import { Stack, loadExamples, type Example } from '../lib/stack';

const ARTIFACTS = artifactsDir('editor');
const NODE_TYPES = packageNodeTypes();
const ours = (node: WorkflowJson['nodes'][number]) => node.type.startsWith(`${PACKAGE.name}.`);

/** Examples that use at least one of the package's nodes, known before the stack starts (for test names). */
const EXAMPLES = loadExamples().filter((example) => example.json.nodes.some(ours));

let stack: Stack;
let browser: Browser | undefined;
let editor: Editor;
let nodeTypes: NodeTypeEntry[] | undefined;

beforeAll(async () => {
	for (const file of readdirSync(ARTIFACTS).filter((name) => name.endsWith('.png') || name.endsWith('console.log'))) {
		rmSync(join(ARTIFACTS, file));
	}
	await ensurePrograms([CHROMIUM]);
	const runtime = await ensureRuntime();
	stack = await Stack.create({ runtime, name: 'editor', artifacts: ARTIFACTS });
	await stack.n8n.start();
	await stack.n8n.signInAsOwner();
	browser = await launchChromium(runtime);
	editor = await Editor.open(browser, stack.n8n.baseUrl, ARTIFACTS);
}, 10 * 60_000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	if (stack) rmSync(stack.n8n.userFolder, { recursive: true, force: true });
});

// What the browser said about the package during a test (failed requests, console errors) fails that test.
afterEach(() => {
	const problems = editor?.takeProblems() ?? [];
	if (problems.length > 0) throw new Error(`The browser complained:\n  ${problems.join('\n  ')}`);
});

/** The example as imported into n8n. */
const imported = (key: string): Example => stack.examples.find((example) => example.key === key)!;

/** GET /types/nodes.json in the browser's session (once). */
async function listedTypes(): Promise<NodeTypeEntry[]> {
	nodeTypes ??= await editor.nodeTypes();
	return nodeTypes;
}

/** nodes.json's entry for a node of a workflow (the version it uses). */
async function typeEntry(type: string, version: unknown): Promise<NodeTypeEntry | undefined> {
	return (await listedTypes()).find(
		(entry) => entry.name === type && (Array.isArray(entry.version) ? entry.version.includes(Number(version)) : entry.version === Number(version)),
	);
}

/** The addresses n8n serves a node type's icon at (light and dark theme). */
function iconUrls(entry: NodeTypeEntry): string[] {
	const icon = entry.iconUrl;
	if (icon === undefined) return [];
	return (typeof icon === 'string' ? [icon] : [icon.light, icon.dark]).map((path) => new URL(path, `${stack.n8n.baseUrl}/`).href);
}

describe("the package's nodes in n8n's editor (Debian Chromium)", () => {
	it('every node type of the package is used by an example', () => {
		const uncovered = NODE_TYPES.filter((type) => !EXAMPLES.some((example) => example.json.nodes.some((node) => node.type === type)));
		expect(uncovered).toEqual([]);
	});

	it('signs in through the sign-in page', async () => {
		await editor.signIn(OWNER.email, OWNER.password);
		expect(new URL(editor.page.url()).pathname).not.toMatch(/^\/signin/);
	});

	it('/types/nodes.json lists every node type of the package, with icons n8n serves as SVG', async () => {
		const listed = (await listedTypes()).map((entry) => entry.name);
		const problems = NODE_TYPES.filter((type) => !listed.includes(type)).map((type) => `${type} is not listed`);
		for (const entry of (await listedTypes()).filter((candidate) => NODE_TYPES.includes(candidate.name))) {
			const urls = iconUrls(entry);
			if (urls.length === 0) problems.push(`${entry.name} has no iconUrl`);
			for (const url of urls) {
				const response = await editor.context.request.get(url);
				const type = response.headers()['content-type'] ?? '';
				const body = await response.text();
				if (!response.ok() || !type.includes('svg') || !body.includes('<svg')) {
					problems.push(`${entry.name}: GET ${url} gave HTTP ${response.status()} ${type}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	describe.each(EXAMPLES.map((example) => [example.key, example] as const))('examples/%s.json', (key, example) => {
		const nodes = example.json.nodes.filter(ours);

		it("opens with each of the package's nodes drawn with its own icon", async () => {
			await editor.openWorkflow(imported(key).id, example.json.nodes.length);
			await editor.screenshot(`${key}--canvas.png`);
			const problems: string[] = [];
			for (const node of nodes) {
				const entry = await typeEntry(node.type, node.typeVersion);
				if (!entry) problems.push(`${node.name}: n8n lists no ${node.type} version ${String(node.typeVersion)}`);
				const icon = await editor.canvasIcon(node.name);
				if (icon.notInstalled) problems.push(`${node.name}: the canvas says the node is not installed`);
				if (icon.placeholder) problems.push(`${node.name}: the canvas shows the "?" placeholder instead of an icon`);
				if (icon.issues) problems.push(`${node.name}: the canvas marks the node with issues`);
				if (!icon.img) problems.push(`${node.name}: no icon image on the canvas`);
				else {
					const expected = entry ? iconUrls(entry) : [];
					if (!expected.includes(icon.img.src)) {
						problems.push(`${node.name}: icon from ${icon.img.src}, expected one of ${expected.join(', ') || '(none)'}`);
					}
					if (icon.img.naturalWidth === 0) problems.push(`${node.name}: the icon ${icon.img.src} did not load`);
				}
			}
			expect(problems).toEqual([]);
		});

		it.each(nodes.map((node) => [node.name, node] as const))('"%s" opens its parameter panel without an error', async (name, node) => {
			const panel = await editor.openPanel(name);
			await editor.screenshot(`${key}--${slug(name)}.png`);
			const problems = await editor.panelProblems(panel, noticesOf(await typeEntry(node.type, node.typeVersion)));
			const credentials = Object.values((node.credentials ?? {}) as Record<string, { name: string }>);
			for (const credential of credentials) {
				const shown = await editor.panelCredential(panel);
				if (shown !== credential.name) problems.push(`credential: the panel shows "${shown}", expected "${credential.name}"`);
			}
			await editor.closePanel();
			expect(problems).toEqual([]);
		});
	});

	describe('calls to the simulator from the editor', () => {
		/** The first example node with a device picker (resource locator `imei`) of the ProTrack node. */
		const picker = EXAMPLES.flatMap((example) =>
			example.json.nodes
				.filter((node) => node.type === `${PACKAGE.name}.proTrack` && (node.parameters.imei as { __rl?: boolean } | undefined)?.__rl)
				.map((node) => ({ example, node })),
		)[0];

		it('a device picker in "From list" mode lists the simulator\'s devices; its search finds one to pick', async () => {
			expect(picker).toBeDefined();
			const sim = stack.simulatorOf(picker.example.provider) as ProTrackSimulator;
			const devices = sim.imeis().map((imei) => sim.device(imei)!);
			await editor.openWorkflow(imported(picker.example.key).id, picker.example.json.nodes.length);
			const panel = await editor.openPanel(picker.node.name);
			const parameter = panel.locator('[data-test-id="parameter-item"]', {
				has: editor.page.locator('[data-test-id="resource-locator-imei"]'),
			});
			const locator = parameter.locator('[data-test-id="resource-locator-imei"]');
			// The example gives the device as an expression: back to a fixed value, then the list mode.
			if (String((picker.node.parameters.imei as { value?: unknown }).value).startsWith('=')) {
				await parameter.hover();
				await parameter.locator('[data-test-id="radio-button-fixed"]').click();
			}
			await locator.locator('[data-test-id="rlc-mode-selector"]').click();
			await editor.page.locator('[data-test-id="mode-list"]:not(.is-disabled)').click();
			await locator.locator('[data-test-id="rlc-input"]').click();

			const items = editor.page.locator('[data-test-id="rlc-item"]');
			const failed = editor.page.getByText('Could not load list');
			await waitFor(
				`the device list to show ${devices.length} devices`,
				async () => (await failed.count()) > 0 || (await items.count()) === devices.length,
				60_000,
			);
			await editor.screenshot(`${picker.example.key}--${slug(picker.node.name)}--device-list.png`);
			expect(await failed.count()).toBe(0);
			const shown = await items.allInnerTexts();
			const unlisted = devices.filter((device) => !shown.some((text) => text.startsWith(device.devicename)));
			expect(unlisted.map((device) => device.devicename)).toEqual([]);

			const wanted = devices[devices.length - 1];
			await editor.page.locator('input[data-test-id="rlc-search"]').fill(wanted.devicename);
			await waitFor(
				`the search for ${wanted.devicename} to leave that one device`,
				async () => (await items.count()) === 1 && (await items.first().innerText()).startsWith(wanted.devicename),
				60_000,
			);
			await items.first().click();
			const input = locator.locator('[data-test-id="rlc-input"]');
			await waitFor(
				`${wanted.devicename} to be the picked device, without a parameter issue`,
				async () =>
					(await input.inputValue()).startsWith(wanted.devicename) &&
					(await parameter.locator('[data-test-id="parameter-issues"]').count()) === 0,
				30_000,
			);
			await editor.screenshot(`${picker.example.key}--${slug(picker.node.name)}--device-picked.png`);

			await editor.closePanel();
		});

		const triggers = EXAMPLES.filter((example) => example.trigger !== undefined && example.check.kind === 'trigger');

		it('there is a trigger example', () => {
			expect(triggers.length).toBeGreaterThan(0);
		});

		it.each(triggers.map((example) => [example.key, example] as const))(
			'examples/%s.json: testing its trigger in the editor puts out an event',
			async (key, example) => {
				const running = imported(key);
				const check = running.check as TriggerExampleCheck<Simulator>;
				const sim = stack.simulatorOf(running.provider);
				const triggerNode = example.json.nodes.find((node) => node.name === example.trigger)!;
				// A polling trigger's test fetches what is there: make an event first.
				if (!isWebhookCheck(check)) await check.fire(sim);
				await editor.openWorkflow(running.id, example.json.nodes.length);
				const panel = await editor.openPanel(example.trigger!);
				expect(await editor.panelProblems(panel, noticesOf(await typeEntry(triggerNode.type, triggerNode.typeVersion)))).toEqual([]);
				const button = panel.locator('[data-test-id="node-execute-button"]');
				expect(await button.innerText()).toMatch(isWebhookCheck(check) ? /Listen for test event|Test this trigger|Execute step/i : /Fetch Test Event/i);
				await button.click();
				if (isWebhookCheck(check)) {
					// A webhook trigger listens at its test URL: registered there by the trigger itself, or handed
					// over as a user pastes it. Then the provider sends an event to it.
					const webhookId = (triggerNode as { webhookId?: string }).webhookId;
					const testUrl = `${stack.n8n.baseUrl}/webhook-test/${webhookId}/webhook`;
					if (check.connect) {
						// n8n starts listening a moment after the click: send until the test URL takes an event.
						await check.connect(sim, [testUrl]);
						await waitFor(
							`the test URL of "${example.trigger!}" to take an event`,
							async () => {
								await check.fire(sim);
								return check.callbacks(sim).some((callback) => callback.url === testUrl && callback.status === 200);
							},
							60_000,
							1000,
						);
					} else {
						await waitFor(`${example.trigger!} to register its test URL at the simulator`, () => check.registered(sim).includes(testUrl), 60_000, 250);
						await check.fire(sim);
					}
				}

				const output = panel.locator('[data-test-id="output-panel"]');
				const count = output.locator('[data-test-id="ndv-items-count"]');
				const error = output.locator('[data-test-id="node-error-message"], [data-test-id="node-error-description"]');
				await waitFor(
					`the output of "${example.trigger!}" after Fetch Test Event`,
					async () => (await count.count()) > 0 || (await error.count()) > 0,
					120_000,
				);
				await editor.screenshot(`${key}--${slug(example.trigger!)}--test-event.png`);
				const errors = await error.allInnerTexts();
				expect(errors).toEqual([]);
				expect(await count.first().innerText()).toMatch(/^[1-9]\d* items?$/);
				expect(await output.locator('[data-test-id="node-run-status-success"]').count()).toBe(1);

				await editor.closePanel();
			},
		);
	});

	describe('runs and errors in the editor', () => {
		/** Three devices that answer commands, each as an item, into Command › Send and Await Answer. */
		function commandWorkflow(imeis: string[]): WorkflowJson {
			const credentials = { proTrackApi: { id: 'lt-protrack-demo', name: 'ProTrack demo (simulator)' } };
			return {
				name: 'e2e: lock three doors from the editor',
				nodes: [
					{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'b',
						name: 'Positions',
						type: `${PACKAGE.name}.proTrack`,
						typeVersion: 1,
						position: [220, 0],
						parameters: { resource: 'device', operation: 'getLatestLocation', imeis: imeis.join(',') },
						credentials,
					},
					{
						id: 'c',
						name: 'Lock doors',
						type: `${PACKAGE.name}.proTrack`,
						typeVersion: 1,
						position: [440, 0],
						parameters: {
							resource: 'command',
							operation: 'sendAndAwaitAnswer',
							imei: { __rl: true, mode: 'id', value: '={{ $json.imei }}' },
							command: 'lockDoor',
							maxTries: 5,
						},
						credentials,
					},
				],
				connections: {
					Start: { main: [[{ node: 'Positions', type: 'main', index: 0 }]] },
					Positions: { main: [[{ node: 'Lock doors', type: 'main', index: 0 }]] },
				},
				settings: {},
			} as unknown as WorkflowJson;
		}

		it('Command › Send and Await Answer run for 3 items answers for each, not as a human-in-the-loop node', async () => {
			const protrack = stack.providers.find((running) => running.provider.name === 'protrack')!;
			const sim = protrack.sim as ProTrackSimulator;
			const imeis = sim.onlineImeis().slice(0, 3);
			const created = await stack.n8n.rest<{ id: string }>('POST', '/workflows', { ...commandWorkflow(imeis), active: false });
			await editor.openWorkflow(created.id, 3);
			await editor.page.locator('[data-test-id="execute-workflow-button"]').click();
			const lockDoors = editor.canvasNode('Lock doors');
			await waitFor(
				'"Lock doors" to finish the run started from the editor',
				async () =>
					(await lockDoors.locator('[data-test-id="canvas-node-status-success"]').count()) > 0 ||
					(await editor.page.locator('[data-test-id="canvas-node-status-error"]').count()) > 0,
				120_000,
			);
			const panel = await editor.openPanel('Lock doors');
			const output = panel.locator('[data-test-id="output-panel"]');
			const count = output.locator('[data-test-id="ndv-items-count"]');
			await waitFor('the output of "Lock doors" to show', async () => (await count.count()) > 0, 30_000);
			await editor.screenshot('send-and-await-answer--3-items.png');
			const text = await panel.innerText();
			expect(await editor.panelProblems(panel)).toEqual([]);
			expect(text).not.toMatch(/run only once|first input item|waiting for user input/i);
			expect(await count.first().innerText()).toMatch(/^3 items$/);
			expect(await output.innerText()).toMatch(/answered/);
			expect(sim.commands.filter((command) => imeis.includes(command.imei)).length).toBeGreaterThanOrEqual(3);
			await editor.closePanel();
		});

		it('an account picker whose provider cannot be reached says so in words', async () => {
			const protrack = stack.providers.find((running) => running.provider.name === 'protrack')!;
			const example = EXAMPLES.find((candidate) =>
				candidate.json.nodes.some((node) => node.type === `${PACKAGE.name}.proTrack` && node.parameters.operation === 'getMany'),
			)!;
			const node = example.json.nodes.find((candidate) => candidate.parameters.operation === 'getMany')!;
			// Every sub-account list request is cut off without an answer, as when the host is unreachable.
			protrack.sim.inject({ path: '/api/user/list', times: Infinity, fault: { kind: 'reset' } });
			try {
				await editor.openWorkflow(imported(example.key).id, example.json.nodes.length);
				const panel = await editor.openPanel(node.name);
				const input = panel
					.locator('[data-test-id="parameter-item"]')
					.filter({ hasText: 'Account Name or ID' })
					.locator('input')
					.first();
				await waitFor(
					'the account picker to give up loading its options',
					async () => /Error fetching options/.test(await input.inputValue()),
					90_000,
				);
				// n8n shows why in the parameter's issues tooltip.
				const said = (await editor.panelProblems(panel)).join(' | ');
				await editor.screenshot(`${example.key}--account-picker-unreachable.png`);
				expect(said).not.toContain('[object Object]');
				expect(said).toMatch(/Could not reach ProTrack/);
			} finally {
				protrack.sim.clearFaults();
				editor.takeProblems();
				await editor.page.keyboard.press('Escape');
			}
		});
	});
});
