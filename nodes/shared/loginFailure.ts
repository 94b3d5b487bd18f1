/**
 * A login (run by n8n as the credential's preAuthentication) that did not yield a token. n8n wraps what
 * preAuthentication throws, so the request pipeline looks for this error along the `cause` chain.
 * Only `refused` (the provider said the account, password or key is wrong) is final and blames the
 * credential; any other failed login (rate limited, server error, unreadable answer) is retried like
 * any other request.
 */
export class LoginFailure extends Error {
	constructor(
		message: string,
		readonly refused: boolean,
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = 'LoginFailure';
	}
}

const MAX_DEPTH = 6;

/** The LoginFailure inside an error n8n threw, if there is one. */
export function findLoginFailure(error: unknown): LoginFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth <= MAX_DEPTH && typeof current === 'object' && current !== null; depth++) {
		if (current instanceof LoginFailure) return current;
		const record = current as { name?: unknown; refused?: unknown; message?: unknown; retryAfterMs?: unknown };
		// The same class loaded twice (n8n may load the credential's and the node's copy separately).
		if (record.name === 'LoginFailure' && typeof record.refused === 'boolean' && typeof record.message === 'string') {
			const retryAfterMs = typeof record.retryAfterMs === 'number' ? record.retryAfterMs : undefined;
			return new LoginFailure(record.message, record.refused, retryAfterMs);
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
