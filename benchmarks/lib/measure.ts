/**
 * What one measured run costs n8n: wall time, CPU time (this process, plus the task runner process
 * for Code nodes), peak heap and RSS above the level before the run (sampled every few ms while it
 * runs), and the requests and logins the simulator logged. The simulators run in another process,
 * so none of this is theirs.
 */
import { readFileSync } from 'node:fs';

import { CLOCK_TICKS } from './engine';
import type { RemoteSimulator } from './simulators';

const PAGE_SIZE = 4096;
export const SAMPLE_EVERY_MS = 20;

export interface Outcome {
	/** The items the figure "per item" divides by (input items, points, alarms, callbacks...). */
	items: number;
	/** Bytes of the final output items' JSON. */
	outputBytes: number;
	/** Anything else a scenario wants in its notes (e.g. latency after the device answered). */
	extra?: Record<string, number>;
	/** The run's result, held until the retained heap is measured (like n8n holds an execution's data). */
	retain?: unknown;
}

export interface Figures extends Omit<Outcome, 'retain'> {
	/** Requests other than logins, and logins, as the simulator logged them. */
	requests: number;
	logins: number;
	byPath: Record<string, number>;
	wallMs: number;
	cpuMs: number;
	/** Part of cpuMs spent in the task runner process. */
	runnerCpuMs: number;
	peakHeapBytes: number;
	/** Heap still used after the run and a full GC, while its result is held. */
	retainedHeapBytes: number;
	peakRssBytes: number;
}

/** utime + stime of a process in ms, or 0 when it is gone. */
export function processCpuMs(pid: number | undefined): number {
	if (pid === undefined) return 0;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// After the command name: state is field 3 of the file, utime 14 and stime 15.
		return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
	} catch {
		return 0;
	}
}

function processRss(pid: number | undefined): number {
	if (pid === undefined) return 0;
	try {
		return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
	} catch {
		return 0;
	}
}

export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

export interface MeasureContext {
	sim: RemoteSimulator;
	/** Paths that are logins (token requests) at this provider. */
	loginPaths: string[];
	runnerPid?: number;
	/** Quiet time before each run, e.g. for a provider's rate-limit window to empty (default 200 ms). */
	pauseMs?: number;
}

/** Runs `run` once and measures it; the simulator's log is cleared first. */
export async function measure(context: MeasureContext, run: () => Promise<Outcome>): Promise<Figures> {
	await context.sim.clearLog();
	global.gc?.();
	// Lets the collector's background threads finish, so their CPU time is not counted as the run's.
	await new Promise((resolve) => setTimeout(resolve, context.pauseMs ?? 200));
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.memoryUsage().rss + processRss(context.runnerPid);
	let peakHeap = heapBefore;
	let peakRss = rssBefore;
	const sample = () => {
		const usage = process.memoryUsage();
		peakHeap = Math.max(peakHeap, usage.heapUsed);
		peakRss = Math.max(peakRss, usage.rss + processRss(context.runnerPid));
	};
	const sampler = setInterval(sample, SAMPLE_EVERY_MS);
	const runnerBefore = processCpuMs(context.runnerPid);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	let outcome: Outcome;
	try {
		outcome = await run();
	} finally {
		clearInterval(sampler);
	}
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const runnerCpuMs = processCpuMs(context.runnerPid) - runnerBefore;
	sample();
	global.gc?.();
	const retainedHeapBytes = process.memoryUsage().heapUsed - heapBefore;
	const reported: Omit<Outcome, 'retain'> & { retain?: unknown } = { ...outcome };
	delete reported.retain;

	const byPath = await context.sim.countByPath();
	let requests = 0;
	let logins = 0;
	for (const [path, count] of Object.entries(byPath)) {
		if (context.loginPaths.includes(path)) logins += count;
		else requests += count;
	}
	return {
		...reported,
		requests,
		logins,
		byPath,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000 + runnerCpuMs,
		runnerCpuMs,
		peakHeapBytes: peakHeap - heapBefore,
		retainedHeapBytes,
		peakRssBytes: peakRss - rssBefore,
	};
}

/** A run longer than this is measured once: its figures are not at the mercy of a short hiccup. */
const LONG_RUN_MS = 2000;

/**
 * Measures up to `times` runs (one when the first is long) and keeps the one of median CPU time (the
 * machine may be shared: one run can be slowed by others).
 */
export async function measureMedian(context: MeasureContext, run: () => Promise<Outcome>, times = 3): Promise<Figures> {
	const runs: Figures[] = [await measure(context, run)];
	if (runs[0].wallMs > LONG_RUN_MS) return runs[0];
	while (runs.length < times) runs.push(await measure(context, run));
	return runs.sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)];
}

/**
 * CPU time per second of an idle process, without and with the memory sampler running: what sampling
 * (its timer waking the event loop, and the collector work that wakes with it) can add to a run, per
 * second of wall time.
 */
export async function samplerCostMsPerSecond(): Promise<{ idle: number; sampling: number }> {
	const cpuOver = async (ms: number) => {
		const before = process.cpuUsage();
		await new Promise((resolve) => setTimeout(resolve, ms));
		const used = process.cpuUsage(before);
		return (used.user + used.system) / ms;
	};
	const idle = await cpuOver(2000);
	const sampler = setInterval(() => process.memoryUsage(), SAMPLE_EVERY_MS);
	const sampling = await cpuOver(2000);
	clearInterval(sampler);
	return { idle, sampling };
}
