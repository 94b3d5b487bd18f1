import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { chain, node, packageNodeType } from '../runner';
import { PROTRACK_SUB_ACCOUNTS } from '../simulators/protrack';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

/** The editor's pickers: the device list (resource locator) and the sub-account options. */
describe('ProTrack pickers, through n8n load-options contexts', () => {
	const fx = useProvider(protrack);

	const workflow = () =>
		chain(node('ProTrack', packageNodeType('proTrack'), { resource: 'command', operation: 'send' }, fx.credentials));

	it('lists every device of the account for the Device picker', async () => {
		const result = (await fx.n8n.loadOptions(workflow(), 'ProTrack', 'listSearch', 'searchDevices')) as INodeListSearchResult;
		expect(result.results.map((entry) => entry.value).sort()).toEqual([...fx.sim.imeis()].sort());
		expect(result.results.every((entry) => typeof entry.name === 'string' && entry.name !== '')).toBe(true);
	});

	it('filters the device list by IMEI, name or plate', async () => {
		const imei = fx.sim.imeis()[42];
		const result = (await fx.n8n.loadOptions(workflow(), 'ProTrack', 'listSearch', 'searchDevices', imei.slice(-6))) as INodeListSearchResult;
		expect(result.results.map((entry) => entry.value)).toContain(imei);
		expect(result.results.length).toBeLessThan(fx.sim.imeis().length);
	});

	it('lists the sub-accounts for the Account fields', async () => {
		const options = (await fx.n8n.loadOptions(workflow(), 'ProTrack', 'loadOptions', 'getSubAccounts')) as INodePropertyOptions[];
		const values = options.map((option) => option.value);
		for (const sub of PROTRACK_SUB_ACCOUNTS) expect(values).toContain(sub.account);
		expect(values).not.toContain('');
	});

	it("offers the credential's own account (empty, the default) first where the Account is optional", async () => {
		const options = (await fx.n8n.loadOptions(workflow(), 'ProTrack', 'loadOptions', 'getAccountsOrOwn')) as INodePropertyOptions[];
		expect(options[0]).toEqual({ name: "The Credential's Account", value: '' });
		for (const sub of PROTRACK_SUB_ACCOUNTS) expect(options.map((option) => option.value)).toContain(sub.account);
	});

	it.each([
		['loadOptions', 'getAccountsOrOwn', '/api/user/list'],
		['listSearch', 'searchDevices', '/api/device/list'],
	] as const)(
		'%s %s fails with a NodeOperationError in words when ProTrack cannot be reached (the editor prints a NodeApiError as [object Object])',
		async (kind, method, path) => {
			fx.sim.inject({ path, times: Infinity, fault: { kind: 'status', status: 404, body: 'Not Found' } });
			const failure = await fx.n8n.loadOptions(workflow(), 'ProTrack', kind, method).then(
				() => undefined,
				(error: unknown) => error as Error,
			);
			expect(failure?.name).toBe('NodeOperationError');
			expect(failure?.message).toBe('HTTP 404 from ProTrack');
		},
	);
});
