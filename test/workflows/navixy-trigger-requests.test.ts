/** How many requests one poll of the Navixy Trigger costs over a fleet of 500 trackers. */
import type { INodeParameters } from 'n8n-workflow';

import { chain, node, packageNodeType } from '../runner';
import { NavixySimulator } from '../simulators/navixy';
import { sandbox as navixy } from '../simulators/navixy/sandbox';
import { useProvider } from './provider-fixture';

const TRIGGER = packageNodeType('navixyTrigger');

describe('Navixy Trigger over 500 trackers', () => {
	const fx = useProvider(navixy, { perTest: true, simulator: () => new NavixySimulator({ trackerCount: 505 }) });
	const pollerFor = (parameters: INodeParameters) =>
		fx.n8n.poller(chain(node('Navixy Trigger', TRIGGER, parameters, fx.credentials)), 'Navixy Trigger');
	const paths = () => fx.sim.requests().map((request) => request.path);

	it('Tracker State Changed, all trackers: one get_states per poll (the account list is read once an hour)', async () => {
		const p = pollerFor({ event: 'trackerStateChanged', trackers: 'all', watch: ['connectionStatus'] });
		expect(await p.poll()).toBeNull();
		expect(paths()).toEqual(['/tracker/list', '/tracker/get_states']);
		const watched = JSON.parse(fx.sim.requests('/tracker/get_states')[0].params.trackers) as number[];
		expect(watched).toHaveLength(fx.sim.trackerIds('all').length - fx.sim.trackerIds('blocked').length);
		expect(watched.length).toBeGreaterThanOrEqual(500);
		fx.sim.clearLog();
		await p.poll();
		expect(paths()).toEqual(['/tracker/get_states']);
	});

	it('Tracker State Changed, 500 selected trackers: one get_states per poll', async () => {
		const ids = fx.sim.trackerIds('regular').slice(0, 500);
		const p = pollerFor({ event: 'trackerStateChanged', trackers: 'selected', trackerIds: ids.join(','), watch: ['connectionStatus'] });
		await p.poll();
		fx.sim.clearLog();
		await p.poll();
		expect(paths()).toEqual(['/tracker/get_states']);
		expect(JSON.parse(fx.sim.requests('/tracker/get_states')[0].params.trackers)).toHaveLength(500);
	});
});
