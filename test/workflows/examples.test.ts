import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowJson } from '../runner';
import { useProTrack } from './protrack-fixture';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

const load = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
const lastNode = (json: WorkflowJson) => {
	const targets = new Set(
		Object.values(json.connections).flatMap((c) => c.main.flat().map((link) => link!.node)),
	);
	const sources = new Set(Object.keys(json.connections));
	return json.nodes.find((n) => targets.has(n.name) && !sources.has(n.name))!.name;
};

/** Every workflow in examples/ runs through the n8n engine against the simulators, unchanged. */
describe('examples/', () => {
	const fx = useProTrack({ credential: { name: 'ProTrack demo (simulator)', id: 'lt-protrack-demo' } });

	it('has examples', () => expect(files.length).toBeGreaterThanOrEqual(4));

	const manual = files.filter((file) => load(file).nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'));
	it.each(manual)('%s runs and its last node outputs items', async (file) => {
		const json = load(file);
		const result = await fx.n8n.run(json);
		expect(result.error).toBeUndefined();
		const output = result.output(lastNode(json));
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.error === undefined)).toBe(true);
	});

	const triggered = files.filter((file) => !manual.includes(file));
	it.each(triggered)('%s fires on a new alarm and runs the rest of the workflow', async (file) => {
		const json = load(file);
		const trigger = json.nodes.find((n) => n.type.endsWith('Trigger'))!;
		const poller = fx.n8n.poller(json, trigger.name);
		expect(await poller.poll()).toBeNull();
		const imei = fx.sim.imeis()[7];
		const now = Math.floor(Date.now() / 1000);
		fx.sim.addAlarms(imei, [
			{ type: 1, longitude: 114.1, latitude: 22.6, gpstime: now, systemtime: now + 1, speed: 0, course: 0, geofenceId: 0 },
		]);
		const items = await poller.poll();
		expect(items?.map((item) => item.json.imei)).toEqual([imei]);

		const result = await fx.n8n.run(json, 'trigger', { node: trigger.name, items: items! });
		expect(result.error).toBeUndefined();
		expect(result.output(lastNode(json)).length).toBe(1);
		expect(fx.sim.messages.length).toBeGreaterThan(0);
	});
});
