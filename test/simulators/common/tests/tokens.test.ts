import { TokenStore } from '../tokens';

describe('TokenStore', () => {
	it('issues random 32-hex tokens that work until their lifetime is over', () => {
		const store = new TokenStore({ lifetimeMs: 10_000, onePerAccount: false });
		const token = store.issue('alice', 1_000);
		expect(token).toMatch(/^[0-9a-f]{32}$/);
		expect(store.lifetimeSeconds).toBe(10);
		expect(store.check(token, 10_999)).toEqual({ ok: true, account: 'alice' });
		expect(store.check(token, 11_000)).toEqual({ ok: false, refusal: 'expired' });
		expect(store.check('nope', 1_000)).toEqual({ ok: false, refusal: 'unknown' });
	});

	it('with one token per account, a new login replaces the previous token of that account only', () => {
		const store = new TokenStore({ lifetimeMs: 10_000, onePerAccount: true });
		const first = store.issue('alice', 0);
		const bob = store.issue('bob', 0);
		const second = store.issue('alice', 1);
		expect(store.check(first, 2)).toEqual({ ok: false, refusal: 'replaced' });
		expect(store.check(second, 2)).toEqual({ ok: true, account: 'alice' });
		expect(store.check(bob, 2)).toEqual({ ok: true, account: 'bob' });
		expect(store.check(first, 20_000)).toEqual({ ok: false, refusal: 'replaced' });
		expect(store.issuedCount).toBe(3);
	});

	it('without one token per account, every login keeps its own token', () => {
		const store = new TokenStore({ lifetimeMs: 10_000, onePerAccount: false });
		const first = store.issue('alice', 0);
		const second = store.issue('alice', 1);
		expect(store.check(first, 2).ok).toBe(true);
		expect(store.check(second, 2).ok).toBe(true);
	});

	it('expireAll() makes every token issued so far out of date, not later ones', () => {
		let counter = 0;
		const store = new TokenStore({
			lifetimeMs: 10_000,
			onePerAccount: false,
			newToken: () => `t${++counter}`,
		});
		const tokens = [store.issue('alice', 0), store.issue('alice', 0), store.issue('bob', 0)];
		expect(tokens).toEqual(['t1', 't2', 't3']);
		store.expireAll(5);
		expect(tokens.map((token) => store.check(token, 5))).toEqual(
			tokens.map(() => ({ ok: false, refusal: 'expired' })),
		);
		const later = store.issue('alice', 6);
		expect(store.check(later, 7)).toEqual({ ok: true, account: 'alice' });
	});
});
