import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ProTrack } from '../../../nodes/ProTrack/ProTrack.node';
import { ProTrackTrigger } from '../../../nodes/ProTrack/ProTrackTrigger.node';
import { resources as handlers } from '../../../nodes/ProTrack/actions/router';
import { testNode } from '../test-node';

const description = new ProTrack().description;
const resourceProperty = description.properties.find((p) => p.name === 'resource')!;
const resources = (resourceProperty.options as INodePropertyOptions[]).map((o) => String(o.value));
const operationProperty = (resource: string) =>
	description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	) as INodeProperties;
const operationsOf = (resource: string) =>
	(operationProperty(resource).options as INodePropertyOptions[]).map((o) => String(o.value));

const combinations = resources.flatMap((resource) => operationsOf(resource).map((operation) => [resource, operation]));

describe('ProTrack node description', () => {
	it('offers exactly the resources and operations the router can run (15 endpoints, 16 operations)', () => {
		expect(resources.sort()).toEqual(Object.keys(handlers).sort());
		for (const resource of resources) expect(operationsOf(resource).sort()).toEqual(Object.keys(handlers[resource]).sort());
		expect(combinations).toHaveLength(16);
	});

	it('gives every operation an action text and sorts the options by name', () => {
		for (const resource of resources) {
			const options = operationProperty(resource).options as INodePropertyOptions[];
			expect(options.every((option) => typeof option.action === 'string' && option.action !== '')).toBe(true);
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it.each(combinations)('%s › %s resolves its parameters with n8n and shows only its own fields', (resource, operation) => {
		const node = testNode({ name: 'ProTrack', type: 'n8n-nodes-location-tracking.proTrack', parameters: { resource, operation } });
		const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
		expect(parameters).toEqual(expect.objectContaining({ resource, operation }));
		const shown = description.properties.filter(
			(p) =>
				p.name !== 'resource' &&
				p.name !== 'operation' &&
				NodeHelpers.displayParameter(parameters ?? {}, p, node, description),
		);
		for (const property of shown) {
			const show = property.displayOptions?.show ?? {};
			if (show.resource) expect(show.resource).toContain(resource);
			if (show.operation) expect(show.operation).toContain(operation);
		}
		// No two visible fields share a name (n8n would show one and silently drop the other).
		const names = shown.map((p) => p.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('declares usableAsTool on the action node and not on the trigger', () => {
		expect(description.usableAsTool).toBe(true);
		expect(new ProTrackTrigger().description.usableAsTool).toBeUndefined();
		expect(new ProTrackTrigger().description.polling).toBe(true);
	});
});
