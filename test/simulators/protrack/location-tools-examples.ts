/**
 * The examples that put ProTrack positions through Location Tools (../provider-contract.ts): the depot
 * fence alert, run three times in a row so that the enter/exit memory (the workflow's static data) is what
 * decides, and yesterday's route summarized and written as GPX.
 */
import type { ManualExampleCheck, OutputItem, OutputOf } from '../provider-contract';
import type { ProTrackSimulator } from './index';

/** The depot fence of examples/protrack-depot-enter-exit.json ([longitude, latitude]). */
export const DEPOT = [
	[113.88, 22.48],
	[113.9, 22.48],
	[113.9, 22.495],
	[113.88, 22.495],
	[113.88, 22.48],
];
/** Well inside the fence, and 1.1 km south of it (far beyond the example's 20 m buffer). */
const INSIDE = { latitude: 22.4875, longitude: 113.89 };
const OUTSIDE = { latitude: 22.47, longitude: 113.89 };

/** The two vehicles that cross the fence: run 0 A inside, B outside; run 1 both cross; run 2 nobody moves. */
const movers = (sim: ProTrackSimulator) => sim.onlineImeis().slice(0, 2);
const SIDES = [
	[INSIDE, OUTSIDE],
	[OUTSIDE, INSIDE],
	[OUTSIDE, INSIDE],
];

const missing = (what: string, found: unknown) => `${what}, found ${JSON.stringify(found)?.slice(0, 400)}`;

export const depotEnterExit: ManualExampleCheck<ProTrackSimulator> = {
	kind: 'manual',
	runs: 3,
	prepare(sim, run) {
		const at = Math.floor(Date.now() / 1000) + run;
		movers(sim).forEach((imei, index) => {
			sim.device(imei);
			sim.setDeviceState(imei, { ...SIDES[run][index], gpstime: at, systemtime: at });
		});
	},
	check(output: OutputOf, sim, run = 0) {
		const [a, b] = movers(sim);
		const alerts = output('Alert').map((item) => `${String(item.deviceId)} ${String(item.event)} ${String((item.zone as OutputItem | undefined)?.name)}`);
		// Run 0 is every vehicle's first sighting; run 1 both cross; run 2 nothing changed.
		const expected = run === 1 ? [`${a} exit Depot`, `${b} enter Depot`] : [];
		if (JSON.stringify([...alerts].sort()) !== JSON.stringify([...expected].sort())) return [missing(`run ${run + 1}: alerts ${JSON.stringify(expected)}`, alerts)];
		const problems: string[] = [];
		const positions = output('Latest positions').length;
		if (positions !== sim.imeis().length) problems.push(missing(`run ${run + 1}: a position for each of the ${sim.imeis().length} devices`, positions));
		return problems;
	},
};

export const routeSummaryGpx: ManualExampleCheck<ProTrackSimulator> = {
	kind: 'manual',
	check(output: OutputOf) {
		const imei = String(output('First device')[0]?.imei);
		const points = output("Yesterday's positions");
		const [summary] = output('Route summary');
		const [file] = output('GPX file');
		const problems: string[] = [];
		if (points.length === 0) return [`the simulator gave no positions of ${imei} for yesterday`];
		if (summary?.deviceId !== imei || summary?.pointCount !== points.length) {
			problems.push(missing(`a summary of ${imei}'s ${points.length} positions`, summary));
		}
		if (!(Number(summary?.distanceM) > 0) || !Array.isArray(summary?.stops)) problems.push(missing('a distance and the stops', summary));
		if (file?.format !== 'gpx' || file?.points !== points.length || !String(file?.fileName).endsWith('.gpx')) {
			problems.push(missing(`a GPX file of ${points.length} points`, file));
		}
		return problems;
	},
};
