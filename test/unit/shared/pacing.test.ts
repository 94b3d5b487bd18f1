import { paceRequest } from '../../../nodes/shared/pacing';

describe('paceRequest', () => {
	it('lets the first N requests of a second through at once and spaces the rest out', async () => {
		const key = `pacing-test-${Math.random()}`;
		const started = Date.now();
		const times: number[] = [];
		await Promise.all(
			Array.from({ length: 25 }, async () => {
				await paceRequest(key, 10);
				times.push(Date.now() - started);
			}),
		);
		times.sort((a, b) => a - b);
		expect(times.slice(0, 10).every((t) => t < 200)).toBe(true);
		// No window of one second holds more than 10 sends.
		for (let i = 10; i < times.length; i++) expect(times[i] - times[i - 10]).toBeGreaterThanOrEqual(990);
		expect(times[24]).toBeGreaterThanOrEqual(2000);
	});

	it('keeps keys apart and ignores a missing rate', async () => {
		const started = Date.now();
		for (let i = 0; i < 5; i++) await paceRequest(`a-${started}`, 5);
		for (let i = 0; i < 5; i++) await paceRequest(`b-${started}`, 5);
		for (let i = 0; i < 100; i++) await paceRequest(`c-${started}`, 0);
		expect(Date.now() - started).toBeLessThan(300);
	});
});
