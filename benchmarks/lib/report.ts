/**
 * The figures as tables: one per scenario, a row per flow and latency, each package row followed by
 * its ratios to the baseline of the same pass. The same text goes to the terminal and results.md.
 */
import type { Figures } from './measure';

export type Flow = 'package' | 'baseline' | string;

export interface Row {
	flow: Flow;
	/** Added latency per request in this pass. */
	latencyMs: number;
	/** What the API allows at the least for this run: requests other than logins, and logins. */
	minimumRequests: number;
	minimumLogins: number;
	figures: Figures;
}

export interface ScenarioResult {
	id: string;
	title: string;
	/** What the package's flow and the baseline do, and what "per item" counts. */
	about: string[];
	rows: Row[];
	/** Findings and figures the table does not show. */
	notes: string[];
	/** The API takes many ids per request here (the goal of 10× fewer requests than the baseline applies). */
	apiBatches?: boolean;
	/** Figures the goals read besides the table (e.g. the CPU time of parsing playback points). */
	metrics?: Record<string, number>;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
const perItem = (figures: Figures) => figures.cpuMs / Math.max(1, figures.items);
const ratio = (mine: number, theirs: number) => (theirs === 0 ? (mine === 0 ? '1.00' : '∞') : (mine / theirs).toFixed(2));

export const cpuPerItemMs = perItem;

/**
 * Below this output size, peak heap ÷ output says nothing: the heap's young generation alone fills with
 * tens of MB of short-lived objects before a collection, whatever the output.
 */
export const MEANINGFUL_OUTPUT_BYTES = 2 ** 20;

function cells(row: Row): string[] {
	const f = row.figures;
	const runner = f.runnerCpuMs > 0 ? ` (runner ${ms(f.runnerCpuMs)})` : '';
	return [
		row.flow,
		`${row.latencyMs} ms`,
		`${f.requests} (min ${row.minimumRequests}, ×${ratio(f.requests, row.minimumRequests)})`,
		`${f.logins} (min ${row.minimumLogins})`,
		ms(f.wallMs),
		`${ms(f.cpuMs)}${runner}`,
		`${perItem(f).toFixed(3)} ms`,
		mb(f.peakHeapBytes),
		mb(Math.max(0, f.retainedHeapBytes)),
		mb(f.peakRssBytes),
		mb(f.outputBytes),
		f.outputBytes >= MEANINGFUL_OUTPUT_BYTES ? (f.peakHeapBytes / f.outputBytes).toFixed(1) : '–',
	];
}

function ratioCells(mine: Row, baseline: Row): string[] {
	const a = mine.figures;
	const b = baseline.figures;
	return [
		`${mine.flow} ÷ ${baseline.flow}`,
		`${mine.latencyMs} ms`,
		ratio(a.requests, b.requests),
		ratio(a.logins, b.logins),
		ratio(a.wallMs, b.wallMs),
		ratio(a.cpuMs, b.cpuMs),
		ratio(perItem(a), perItem(b)),
		ratio(a.peakHeapBytes, b.peakHeapBytes),
		ratio(Math.max(0, a.retainedHeapBytes), Math.max(0, b.retainedHeapBytes)),
		ratio(a.peakRssBytes, b.peakRssBytes),
		ratio(a.outputBytes, b.outputBytes),
		'',
	];
}

const HEADER = [
	'Flow',
	'Latency',
	'Requests',
	'Logins',
	'Wall',
	'CPU',
	'CPU/item',
	'Peak heap',
	'Retained heap',
	'Peak RSS',
	'Output',
	'Peak heap ÷ output',
];

function markdownTable(rows: string[][]): string {
	const line = (row: string[]) => `| ${row.join(' | ')} |`;
	return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Table rows: each package row followed by its ratios to the baseline of its pass. */
function tableRows(result: ScenarioResult): string[][] {
	const rows: string[][] = [];
	for (const row of result.rows) {
		rows.push(cells(row));
		const baseline = result.rows.find((other) => other.flow === 'baseline' && other.latencyMs === row.latencyMs);
		if (row.flow === 'package' && baseline) rows.push(ratioCells(row, baseline));
	}
	return rows;
}

export function scenarioMarkdown(result: ScenarioResult): string {
	return [
		`### ${result.title}`,
		'',
		...result.about.map((line) => `- ${line}`),
		'',
		markdownTable(tableRows(result)),
		...(result.notes.length > 0 ? ['', ...result.notes.map((line) => `- ${line}`)] : []),
	].join('\n');
}

/** Package wall time ÷ baseline wall time in the pass with the most latency, as text (e.g. "4.75×"). */
export function wallRatioAtMostLatency(rows: Row[]): { latencyMs: number; ratio: string } {
	const latencyMs = Math.max(...rows.map((row) => row.latencyMs));
	const wall = (flow: string) => rows.find((row) => row.flow === flow && row.latencyMs === latencyMs)?.figures.wallMs ?? NaN;
	return { latencyMs, ratio: `${(wall('package') / wall('baseline')).toFixed(1)}×` };
}
