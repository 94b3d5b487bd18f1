import type { INodeCredentials, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { chain, node, packageNodeType, TestN8n } from '../runner';
import { PROTRACK_DEMO, PROTRACK_SUB_ACCOUNTS, ProTrackSimulator } from '../simulators/protrack';

/** The editor's pickers: the device list (resource locator) and the sub-account options. */
describe('ProTrack pickers, through n8n load-options contexts', () => {
	let sim: ProTrackSimulator;
	let n8n: TestN8n;
	let credentials: INodeCredentials;

	beforeAll(async () => {
		sim = new ProTrackSimulator();
		await sim.start();
		n8n = new TestN8n();
		credentials = {
			proTrackApi: n8n.credentials.add('proTrackApi', {
				baseUrl: sim.baseUrl,
				account: PROTRACK_DEMO.account,
				password: PROTRACK_DEMO.password,
				accessToken: '',
			}),
		};
	});
	afterAll(async () => await sim.stop());

	const workflow = () =>
		chain(node('ProTrack', packageNodeType('proTrack'), { resource: 'command', operation: 'send' }, credentials));

	it('lists every device of the account for the Device picker', async () => {
		const result = (await n8n.loadOptions(workflow(), 'ProTrack', 'listSearch', 'searchDevices')) as INodeListSearchResult;
		expect(result.results.map((entry) => entry.value).sort()).toEqual([...sim.imeis()].sort());
		expect(result.results.every((entry) => typeof entry.name === 'string' && entry.name !== '')).toBe(true);
	});

	it('filters the device list by IMEI, name or plate', async () => {
		const imei = sim.imeis()[42];
		const result = (await n8n.loadOptions(workflow(), 'ProTrack', 'listSearch', 'searchDevices', imei.slice(-6))) as INodeListSearchResult;
		expect(result.results.map((entry) => entry.value)).toContain(imei);
		expect(result.results.length).toBeLessThan(sim.imeis().length);
	});

	it('lists the sub-accounts for the Account fields', async () => {
		const options = (await n8n.loadOptions(workflow(), 'ProTrack', 'loadOptions', 'getSubAccounts')) as INodePropertyOptions[];
		const values = options.map((option) => option.value);
		for (const sub of PROTRACK_SUB_ACCOUNTS) expect(values).toContain(sub.account);
	});
});
