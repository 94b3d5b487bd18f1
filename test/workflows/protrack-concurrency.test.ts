import { itemsInto, node, packageNodeType } from '../runner';
import { sandbox as protrack } from '../simulators/protrack/sandbox';
import { useProvider } from './provider-fixture';

const PROTRACK = packageNodeType('proTrack');

/**
 * Many executions sharing one credential at once, as queue-mode workers do. ProTrack invalidates the
 * previous token whenever a new one is issued, so every needless login can break another execution.
 */
describe('ProTrack: 50 concurrent executions sharing one credential', () => {
	const fx = useProvider(protrack, { perTest: true, credentialData: 'as in the sandbox' });

	const runMany = async (count: number) => {
		const imeis = fx.sim.imeis().slice(0, 3);
		const workflow = itemsInto(
			imeis.map((imei) => ({ imei })),
			node('ProTrack', PROTRACK, { resource: 'device', operation: 'getLatestLocation', imeis: '={{ $json.imei }}' }, fx.credentials),
		);
		const results = await Promise.all(Array.from({ length: count }, async () => await fx.n8n.run(workflow)));
		return results.map((result) => result.error?.message ?? 'ok');
	};

	it('from a stored token: all succeed without logging in', async () => {
		await runMany(1);
		fx.sim.clearLog();
		const outcomes = await runMany(50);
		console.log('MEASURE: stored token:', fx.sim.authorizationCount(), 'logins;', outcomes.filter((o) => o !== 'ok').length, 'failures');
		expect(outcomes.every((outcome) => outcome === 'ok')).toBe(true);
		expect(fx.sim.authorizationCount()).toBe(0);
	});

	it('after the token expired: all succeed and only a few log in (spread logins, shared result)', async () => {
		await runMany(1);
		fx.sim.expireTokens();
		fx.sim.clearLog();
		const outcomes = await runMany(50);
		console.log(`MEASURE: 50 executions after expiry: ${fx.sim.authorizationCount()} logins`);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		// Usually 1; more only when two random waits end within one login's round trip.
		expect(fx.sim.authorizationCount()).toBeLessThanOrEqual(5);
	});

	it('after another client logged in: all succeed and only a few log in', async () => {
		await runMany(1);
		fx.sim.issueTokenElsewhere();
		fx.sim.clearLog();
		const outcomes = await runMany(50);
		console.log(`MEASURE: 50 executions after an outside login: ${fx.sim.authorizationCount()} logins`);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(fx.sim.authorizationCount()).toBeLessThanOrEqual(5);
	});

	it('with a credential never used before: all succeed and only a few log in (the same spread)', async () => {
		const outcomes = await runMany(50);
		console.log(`MEASURE: 50 executions on a new credential: ${fx.sim.authorizationCount()} logins`);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(fx.sim.authorizationCount()).toBeLessThanOrEqual(2);
	});
});
