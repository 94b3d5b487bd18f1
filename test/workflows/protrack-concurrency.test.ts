import type { INodeCredentials } from 'n8n-workflow';

import { itemsInto, node, packageNodeType, TestN8n } from '../runner';
import { PROTRACK_DEMO, ProTrackSimulator } from '../simulators/protrack';

const PROTRACK = packageNodeType('proTrack');

/**
 * Many executions sharing one credential at once, as queue-mode workers do. ProTrack invalidates the
 * previous token whenever a new one is issued, so every needless login can break another execution.
 */
describe('ProTrack: 50 concurrent executions sharing one credential', () => {
	let sim: ProTrackSimulator;
	let n8n: TestN8n;
	let credentials: INodeCredentials;

	beforeEach(async () => {
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
	afterEach(async () => await sim.stop());

	const runMany = async (count: number) => {
		const imeis = sim.imeis().slice(0, 3);
		const workflow = itemsInto(
			imeis.map((imei) => ({ imei })),
			node('ProTrack', PROTRACK, { resource: 'device', operation: 'getLatestLocation', imeis: '={{ $json.imei }}' }, credentials),
		);
		const results = await Promise.all(Array.from({ length: count }, async () => await n8n.run(workflow)));
		return results.map((result) => result.error?.message ?? 'ok');
	};

	it('from a stored token: all succeed without logging in', async () => {
		await runMany(1);
		sim.clearLog();
		const outcomes = await runMany(50);
		console.log('MEASURE: stored token:', sim.authorizationCount(), 'logins;', outcomes.filter((o) => o !== 'ok').length, 'failures');
		expect(outcomes.every((outcome) => outcome === 'ok')).toBe(true);
		expect(sim.authorizationCount()).toBe(0);
	});

	it('after the token expired: all succeed and only a few log in (spread logins, shared result)', async () => {
		await runMany(1);
		sim.expireTokens();
		sim.clearLog();
		const outcomes = await runMany(50);
		console.log(`MEASURE: 50 executions after expiry: ${sim.authorizationCount()} logins`);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		// Usually 1; more only when two random waits end within one login's round trip.
		expect(sim.authorizationCount()).toBeLessThanOrEqual(5);
	});

	it('after another client logged in: all succeed and only a few log in', async () => {
		await runMany(1);
		sim.issueTokenElsewhere();
		sim.clearLog();
		const outcomes = await runMany(50);
		console.log(`MEASURE: 50 executions after an outside login: ${sim.authorizationCount()} logins`);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(sim.authorizationCount()).toBeLessThanOrEqual(5);
	});

	it('with a credential never used before: all succeed (each may log in once: nothing is stored yet)', async () => {
		const outcomes = await runMany(50);
		console.log(`MEASURE: 50 executions on a new credential: ${sim.authorizationCount()} logins`);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
	});
});
