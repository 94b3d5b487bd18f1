/**
 * The n8n editor in Debian's Chromium, for the e2e suite's editor check: playwright-core from the cached
 * runtime drives /usr/bin/chromium through the pages a user of this package sees (sign-in, a workflow's
 * canvas, a node's parameter panel) and says what is wrong on them: an icon that did not load, a node n8n
 * does not know, a panel showing an error or a parameter issue, and the browser's complaints (failed
 * requests and console errors) about this package.
 *
 * The selectors are n8n's own test ids (`data-test-id`) as of the pinned n8n (e2e/package.json).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { PACKAGE } from './communityPackage';
import { CHROMIUM, programPath } from './programs';
import { waitFor } from './processes';
import type { Runtime } from './runtime';

/** The first page load compiles and loads the whole editor: on a busy 2-core machine it takes a while. */
const PAGE_LOAD_MS = 180_000;
/** Anything after the editor has loaded: a panel opening, options loading, an icon arriving. */
const UI_MS = 60_000;
/** How long a panel must stay the same, with nothing being fetched for it, to count as settled. */
const SETTLED_MS = 1_000;

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Chromium (see programs.ts), driven by the runtime's playwright-core (it is not a dependency of the package). */
export async function launchChromium(runtime: Runtime): Promise<Browser> {
	const { chromium } = runtime.require('playwright-core') as typeof import('playwright-core');
	return await chromium.launch({ executablePath: programPath(CHROMIUM), headless: true, args: CHROMIUM_ARGS, timeout: PAGE_LOAD_MS });
}

/** What the editor shows for a node on the canvas where its icon belongs. */
export interface CanvasIcon {
	/** n8n does not know the node type: the "install this node" mark. */
	notInstalled: boolean;
	/** The "?" n8n draws when it has no icon for the node. */
	placeholder: boolean;
	/** The node's issues mark (its parameters are incomplete or invalid). */
	issues: boolean;
	/** The icon image, when there is one: its resolved address and natural width (0 = it did not load). */
	img?: { src: string; complete: boolean; naturalWidth: number };
}

/** A node type as GET /types/nodes.json describes it (the part the check reads). */
export interface NodeTypeEntry {
	name: string;
	version: number | number[];
	iconUrl?: string | { light: string; dark: string };
	properties?: Array<{ type?: string; displayName?: string }>;
	[key: string]: unknown;
}

/** The texts of a node type's notice parameters (n8n draws them as callouts; they are not errors). */
export function noticesOf(entry: NodeTypeEntry | undefined): string[] {
	return (entry?.properties ?? []).filter((property) => property.type === 'notice').map((property) => String(property.displayName ?? '').trim());
}

/** Text in a parameter panel that means it did not load or shows an error. */
const PANEL_ERRORS = [
	/There was a problem loading the parameters/i,
	/Error loading fields/i,
	/Error fetching options/i,
	/Could not load/i,
	/not currently installed/i,
	/Install this node to use it/i,
	/is unknown/i,
	/is not supported!/i,
	/\bERROR\b/,
];

/** Stays on screen while a parameter's options or fields are still being fetched. */
const PANEL_LOADING = /Loading options|Loading fields|Loading\.\.\./i;

/** Requests and console lines about this package; `/schemas/` are optional output-schema previews (see below). */
const isOurs = (text: string) => text.includes(PACKAGE.name);
/**
 * Opening a node's panel makes the editor ask for `/schemas/<node type>/<version>/<resource>/<operation>.json`,
 * an optional preview of the output shipped in a node's `__schema__` folder; n8n answers 404 for every node
 * without one, as for most of its own nodes. Those 404s are not a fault of the package.
 */
const isSchemaPreview = (url: string) => new URL(url).pathname.startsWith(`/schemas/${PACKAGE.name}.`);

export class Editor {
	private readonly problems: string[] = [];
	/** Requests for a parameter's options, list or fields (they run against the simulator) not answered yet. */
	private readonly loading = new Set<unknown>();

	private constructor(
		readonly baseUrl: string,
		readonly context: BrowserContext,
		readonly page: Page,
		private readonly artifacts: string,
	) {}

	/** A fresh browser context (no cookies) with one page on `baseUrl`, listening for the browser's complaints. */
	static async open(browser: Browser, baseUrl: string, artifacts: string): Promise<Editor> {
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		context.setDefaultTimeout(UI_MS);
		context.setDefaultNavigationTimeout(PAGE_LOAD_MS);
		const page = await context.newPage();
		const editor = new Editor(baseUrl, context, page, artifacts);
		editor.listen();
		return editor;
	}

	private listen(): void {
		const log = join(this.artifacts, 'browser-console.log');
		const note = (line: string) => appendFileSync(log, `${new Date().toISOString()} ${line}\n`);
		this.page.on('console', (message) => {
			const where = message.location().url;
			note(`console.${message.type()} ${message.text()}${where ? ` (${where})` : ''}`);
			if (message.type() !== 'error' || (where && isSchemaPreview(where))) return;
			if (isOurs(`${message.text()} ${where}`)) this.problems.push(`console error: ${message.text()} (${where})`);
		});
		this.page.on('pageerror', (error) => {
			note(`pageerror ${error.stack ?? error.message}`);
			this.problems.push(`uncaught error in the editor: ${error.message}`);
		});
		this.page.on('response', (response) => {
			if (response.status() < 400) return;
			note(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
			if (isOurs(response.url()) && !isSchemaPreview(response.url())) {
				this.problems.push(`HTTP ${response.status()} for ${response.url()}`);
			}
		});
		this.page.on('requestfailed', (request) => {
			note(`request failed ${request.url()}: ${request.failure()?.errorText ?? ''}`);
			if (isOurs(request.url())) this.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? ''})`);
		});
		this.page.on('request', (request) => {
			if (new URL(request.url()).pathname.startsWith('/rest/dynamic-node-parameters/')) this.loading.add(request);
		});
		this.page.on('requestfinished', (request) => this.loading.delete(request));
		this.page.on('requestfailed', (request) => this.loading.delete(request));
		// Leaving a workflow with changes not yet saved asks "leave the page?": yes.
		this.page.on('dialog', (dialog) => void dialog.accept());
	}

	/** What the browser complained about this package since the last call (and uncaught editor errors). */
	takeProblems(): string[] {
		return this.problems.splice(0);
	}

	/** Signs in through the sign-in form; resolves once the editor has moved on from /signin. */
	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		const passwordInput = this.page.locator('input[type=password]');
		await passwordInput.waitFor({ timeout: PAGE_LOAD_MS });
		await this.page.locator('input[type=email]').fill(email);
		await passwordInput.fill(password);
		await passwordInput.press('Enter');
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: UI_MS });
	}

	/** GET /types/nodes.json with the browser's session. */
	async nodeTypes(): Promise<NodeTypeEntry[]> {
		const response = await this.context.request.get(`${this.baseUrl}/types/nodes.json`);
		if (!response.ok()) throw new Error(`GET /types/nodes.json: HTTP ${response.status()} ${(await response.text()).slice(0, 300)}`);
		return (await response.json()) as NodeTypeEntry[];
	}

	/** Opens /workflow/<id> and waits for its canvas to show `nodeCount` nodes. */
	async openWorkflow(id: string, nodeCount: number): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await waitFor(
			`the canvas of workflow ${id} to show ${nodeCount} nodes`,
			async () => (await this.page.locator('[data-test-id="canvas-node"]').count()) === nodeCount,
			PAGE_LOAD_MS,
			250,
		);
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);
	}

	/** The node's icon on the canvas once it settled: an image that finished loading, or no image at all. */
	async canvasIcon(name: string): Promise<CanvasIcon> {
		const node = this.canvasNode(name);
		let icon: CanvasIcon | undefined;
		await waitFor(
			`the canvas icon of "${name}"`,
			async () => {
				icon = await node.evaluate((element): CanvasIcon | undefined => {
					const area = element.querySelector('.n8n-node-icon');
					if (!area) return undefined;
					const img = area.querySelector('img');
					return {
						notInstalled: element.querySelector('[data-test-id="node-not-installed"]') !== null,
						placeholder: area.querySelector('[class*="nodeIconPlaceholder"]') !== null,
						issues: element.querySelector('[data-test-id="node-issues"]') !== null,
						img: img ? { src: img.src, complete: img.complete, naturalWidth: img.naturalWidth } : undefined,
					};
				});
				return icon !== undefined && (icon.img === undefined || icon.img.complete);
			},
			UI_MS,
		);
		return icon!;
	}

	/**
	 * Double-clicks the node on the canvas and waits for its parameter panel to settle: parameters shown
	 * (or a reason why not), no options or fields being fetched, and the panel unchanged for a second.
	 * (n8n marks a parameter whose value is not among its fetched options only once they arrived.)
	 */
	async openPanel(name: string): Promise<Locator> {
		await this.canvasNode(name).dblclick();
		const panel = this.page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible' });
		let previous = '';
		let unchangedSince = Date.now();
		await waitFor(
			`the parameter panel of "${name}" to settle`,
			async () => {
				const text = await panel.innerText();
				const ready =
					PANEL_ERRORS.some((error) => error.test(text)) ||
					((await panel.locator('[data-test-id="node-parameters"] [data-test-id="parameter-item"]').count()) > 0 &&
						this.loading.size === 0 &&
						!PANEL_LOADING.test(text) &&
						(await panel.locator('input[placeholder^="Loading"]').count()) === 0);
				if (!ready || text !== previous) unchangedSince = Date.now();
				previous = text;
				return Date.now() - unchangedSince >= SETTLED_MS;
			},
			UI_MS,
			250,
		);
		return panel;
	}

	/**
	 * What is wrong in the open parameter panel: error texts, error callouts and toasts, parameter issues.
	 * `notices`: texts of the node's own notice parameters, which n8n draws as callouts too (not errors).
	 */
	async panelProblems(panel: Locator, notices: string[] = []): Promise<string[]> {
		const problems: string[] = [];
		const text = await panel.innerText();
		for (const error of PANEL_ERRORS) {
			const match = text.split('\n').find((line) => error.test(line));
			if (match !== undefined) problems.push(`the panel says "${match.trim()}"`);
		}
		if ((await panel.locator('[data-test-id="node-parameters"]').count()) === 0) problems.push('the panel shows no parameters');
		for (const callout of await panel
			.locator('[data-test-id="node-error-callout"], [role="alert"], [class*="callout"][class*="danger"]')
			.all()) {
			const said = (await callout.innerText()).trim();
			if ((await callout.isVisible()) && !notices.includes(said)) problems.push(`error callout: "${said}"`);
		}
		for (const toast of await this.page.locator('.el-notification:has(.el-notification--error)').all()) {
			if (await toast.isVisible()) problems.push(`error notification: "${(await toast.innerText()).trim()}"`);
		}
		for (const issue of await panel.locator('[data-test-id="parameter-issues"]').all()) {
			problems.push(`parameter issue: ${await this.describeIssue(issue)}`);
		}
		return problems;
	}

	/** "<parameter>: <what n8n says>" for a parameter's issues mark (n8n says it in a tooltip on hover). */
	private async describeIssue(issue: Locator): Promise<string> {
		const parameter = await issue.evaluate((element) => {
			const label = element.closest('[data-test-id="parameter-item"]')?.querySelector('label');
			const title = label?.querySelector('[class*="title"]')?.textContent?.trim();
			return title ? `${title} (${label?.getAttribute('for') ?? '?'})` : '(unknown parameter)';
		});
		await issue.hover();
		const tooltip = this.page.locator('[data-test-id="tooltip-content"]').filter({ hasText: 'Issues:' }).last();
		const said = await tooltip
			.waitFor({ state: 'visible', timeout: 10_000 })
			.then(async () => (await tooltip.innerText()).replace(/^Issues:\s*/, '').replace(/\s+/g, ' ').trim())
			.catch(() => '(n8n showed no tooltip)');
		await this.page.mouse.move(0, 0);
		return `${parameter}: ${said}`;
	}

	/** The credential the panel shows as selected ('' when none). */
	async panelCredential(panel: Locator): Promise<string> {
		const select = panel.locator('[data-test-id="node-credentials-select"]');
		if ((await select.count()) === 0) return '';
		return await select.evaluate((element) => element.querySelector('input')?.value ?? element.textContent?.trim() ?? '');
	}

	/** Closes the open parameter panel with Escape and waits until it is gone. */
	async closePanel(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
	}

	async screenshot(file: string): Promise<string> {
		const path = join(this.artifacts, file);
		await this.page.screenshot({ path });
		return path;
	}

	async close(): Promise<void> {
		await this.context.close();
	}
}

/** A file-name-safe form of a workflow or node name. */
export function slug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
