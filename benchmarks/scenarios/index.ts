/** Every scenario of `npm run bench`, in the order of issue 12. */
import type { Scenario } from '../lib/scenario';
import { navixyFleet } from './navixy';
import { os1Callbacks } from './os1-callbacks';
import { protrackCommand } from './protrack-command';
import { protrackLatestLocation } from './protrack-latest-location';
import { protrackNewAlarms } from './protrack-new-alarms';
import { protrackPlayback } from './protrack-playback';
import { thingspaceCallbacks } from './thingspace-callbacks';
import { thingspacePeriodic } from './thingspace-periodic';

export const SCENARIOS: Scenario[] = [
	protrackLatestLocation,
	protrackPlayback,
	protrackNewAlarms,
	navixyFleet,
	thingspacePeriodic,
	os1Callbacks,
	thingspaceCallbacks,
	protrackCommand,
];
