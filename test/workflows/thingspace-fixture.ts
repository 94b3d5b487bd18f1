/**
 * What the ThingSpace workflow tests share: the provider fixture with a ThingSpace simulator made with
 * given options, a node builder, and the Location API calls the simulator logged.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { node, packageNodeType } from '../runner';
import type { ThingSpaceOptions } from '../simulators/thingspace';
import { ThingSpaceSimulator } from '../simulators/thingspace';
import { sandbox as thingspace } from '../simulators/thingspace/sandbox';
import { useProvider, type ProviderFixtureOptions } from './provider-fixture';

export const THINGSPACE = packageNodeType('thingSpace');
export const THINGSPACE_TRIGGER = packageNodeType('thingSpaceTrigger');
export { thingspace };

/** The fixture with a simulator made with `options` (rate limit kept at its default unless given). */
export function useThingSpace(options: ThingSpaceOptions = {}, fixture: ProviderFixtureOptions<ThingSpaceSimulator> = {}) {
	return useProvider(thingspace, { simulator: () => new ThingSpaceSimulator(options), ...fixture });
}

/** A ThingSpace action node named 'ThingSpace'. */
export function thingSpaceNode(fx: { credentials: ReturnType<typeof useProvider>['credentials'] }, parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return node('ThingSpace', THINGSPACE, parameters as never, fx.credentials, extra);
}

/** Location API requests the simulator logged (paths below /api/loc/v1), as "METHOD path". */
export function locationCalls(sim: ThingSpaceSimulator): string[] {
	return sim
		.requests()
		.filter((entry) => entry.path.startsWith('/api/loc/v1'))
		.map((entry) => `${entry.method} ${entry.path.slice('/api/loc/v1'.length)}`);
}
