import { Simulator, type SimRequest, type SimResponse } from './framework';

/** Echoes what it parsed; /boom throws. */
class EchoSimulator extends Simulator {
	constructor() {
		super('echo');
	}

	protected handle(request: SimRequest): SimResponse {
		if (request.path === '/boom') {
			throw new Error('handler failed');
		}
		return {
			status: 200,
			body: {
				path: request.path,
				method: request.method,
				params: request.params,
				body: request.body,
			},
		};
	}
}

interface Echo {
	path: string;
	method: string;
	params: Record<string, string>;
	body: unknown;
}

describe('Simulator framework', () => {
	const simulator = new EchoSimulator();
	let base = '';

	beforeAll(async () => {
		base = await simulator.start();
	});

	afterAll(async () => {
		await simulator.stop();
	});

	beforeEach(() => {
		simulator.clearFaults();
		simulator.clearLog();
	});

	it('listens on 127.0.0.1 with an ephemeral port and exposes the base URL', () => {
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(simulator.baseUrl).toBe(base);
		expect(Number(base.split(':')[2])).toBeGreaterThan(0);
	});

	it('merges the query with a form body, the body winning', async () => {
		const response = await fetch(`${base}/form?a=query&b=query`, {
			method: 'POST',
			body: new URLSearchParams({ b: 'body', c: 'body' }),
		});
		const echo = (await response.json()) as Echo;
		expect(echo.method).toBe('POST');
		expect(echo.params).toEqual({ a: 'query', b: 'body', c: 'body' });
		expect(echo.body).toEqual({ b: 'body', c: 'body' });
	});

	it('merges a JSON object body and stringifies its values', async () => {
		const response = await fetch(`${base}/json?a=1`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ n: 5, flag: true, nested: { mileage: '30' } }),
		});
		const echo = (await response.json()) as Echo;
		expect(echo.params).toEqual({ a: '1', n: '5', flag: 'true', nested: '{"mileage":"30"}' });
		expect(echo.body).toEqual({ n: 5, flag: true, nested: { mileage: '30' } });
	});

	it('logs every request with its final status and filters by path', async () => {
		await fetch(`${base}/one?x=1`);
		await fetch(`${base}/two`, { method: 'POST', body: new URLSearchParams({ y: '2' }) });
		await fetch(`${base}/boom`);
		expect(simulator.log.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
			['GET', '/one', 200],
			['POST', '/two', 200],
			['GET', '/boom', 500],
		]);
		const sequence = simulator.log.map((entry) => entry.seq);
		expect(sequence[1]).toBe(sequence[0] + 1);
		expect(sequence[2]).toBe(sequence[1] + 1);
		const [first] = simulator.requests('/one');
		expect(first.query).toEqual({ x: '1' });
		expect(first.params).toEqual({ x: '1' });
		expect(first.at).toBeGreaterThan(Date.now() - 10000);
		expect(simulator.requests('/two')[0].body).toEqual({ y: '2' });
		expect(simulator.requests(/^\/(one|two)$/)).toHaveLength(2);
		simulator.clearLog();
		expect(simulator.requests()).toHaveLength(0);
	});

	it('answers 500 with the message when the handler throws', async () => {
		const response = await fetch(`${base}/boom`);
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({ error: 'handler failed' });
	});

	it('status fault: answers the given status, body and headers once by default', async () => {
		simulator.inject({
			fault: { kind: 'status', status: 503, body: { down: true }, headers: { 'retry-after': '7' } },
		});
		const faulted = await fetch(`${base}/any`);
		expect(faulted.status).toBe(503);
		expect(faulted.headers.get('retry-after')).toBe('7');
		expect(await faulted.json()).toEqual({ down: true });
		const normal = await fetch(`${base}/any`);
		expect(normal.status).toBe(200);
		expect(simulator.log.map((entry) => entry.status)).toEqual([503, 200]);
	});

	it('latency fault: waits, then answers normally', async () => {
		simulator.inject({ fault: { kind: 'latency', ms: 250 } });
		const started = Date.now();
		const response = await fetch(`${base}/slow`);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		expect(((await response.json()) as Echo).path).toBe('/slow');
	});

	it('malformed fault: HTTP 200 with a truncated JSON body', async () => {
		simulator.inject({ fault: { kind: 'malformed' } });
		const response = await fetch(`${base}/broken`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		const text = await response.text();
		expect(text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(text)).toThrow();
	});

	it('reset fault: destroys the socket without an answer and logs status 0', async () => {
		simulator.inject({ fault: { kind: 'reset' } });
		await expect(fetch(`${base}/reset`)).rejects.toThrow();
		expect(simulator.requests('/reset').map((entry) => entry.status)).toEqual([0]);
		const after = await fetch(`${base}/reset`);
		expect(after.status).toBe(200);
	});

	it('body fault: HTTP 200 with the given body instead of the real answer', async () => {
		simulator.inject({
			fault: { kind: 'body', body: { code: 10012, message: 'Access token is out of date' } },
		});
		const response = await fetch(`${base}/data`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ code: 10012, message: 'Access token is out of date' });
	});

	it('matches faults by exact path or pattern, in order of injection, consuming them per request', async () => {
		simulator.inject({ path: '/a', fault: { kind: 'status', status: 401 }, times: 2 });
		simulator.inject({ path: /^\/(a|b)$/, fault: { kind: 'status', status: 429 } });
		const statuses: number[] = [];
		for (const path of ['/b', '/a', '/a', '/a', '/b', '/c']) {
			statuses.push((await fetch(`${base}${path}`)).status);
		}
		expect(statuses).toEqual([429, 401, 401, 200, 200, 200]);
	});

	it('supports times: Infinity until clearFaults()', async () => {
		simulator.inject({ path: '/always', fault: { kind: 'status', status: 502 }, times: Infinity });
		for (let attempt = 0; attempt < 4; attempt++) {
			expect((await fetch(`${base}/always`)).status).toBe(502);
		}
		simulator.clearFaults();
		expect((await fetch(`${base}/always`)).status).toBe(200);
	});
});

describe('Simulator lifecycle', () => {
	it('throws for baseUrl before start, refuses a second start, and stops despite keep-alive sockets', async () => {
		const simulator = new EchoSimulator();
		expect(() => simulator.baseUrl).toThrow(/not running/);
		const base = await simulator.start(0);
		await expect(simulator.start(0)).rejects.toThrow(/already running/);
		const response = await fetch(`${base}/keep`, { headers: { connection: 'keep-alive' } });
		expect(response.status).toBe(200);
		await response.text();
		const started = Date.now();
		await simulator.stop();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(() => simulator.baseUrl).toThrow(/not running/);
		await expect(fetch(`${base}/keep`)).rejects.toThrow();
		await simulator.stop();
	});

	it('cancels a pending latency fault on stop', async () => {
		const simulator = new EchoSimulator();
		const base = await simulator.start();
		simulator.inject({ fault: { kind: 'latency', ms: 60000 } });
		const pending = fetch(`${base}/slow`).then(
			() => 'answered',
			() => 'failed',
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
		await simulator.stop();
		expect(await pending).toBe('failed');
	});
});
