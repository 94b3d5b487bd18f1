/** /api/user/info, /api/user/list, /api/user/block, /api/user/unblock, /api/user/password/set, /api/message/send. */
import { PROTRACK_LIMITS } from './codes';
import { resolveAccount, type ApiContext } from './context';
import { optional, outOfRange, parameterError, required } from './params';
import { userRecord } from './records';

/** GET /api/user/info?account: the caller or one of its sub-accounts. */
export function userInfo(context: ApiContext): unknown {
	return userRecord(resolveAccount(context, required(context.params, 'account')));
}

/**
 * GET /api/user/list?account (optional, default the caller): like the document's demo, the account
 * itself first, then all its descendants depth first; at most 500.
 */
export function userList(context: ApiContext): unknown {
	const account = resolveAccount(
		context,
		optional(context.params, 'account') ?? context.caller.account,
	);
	return context.state.accounts
		.subtree(account.account)
		.slice(0, PROTRACK_LIMITS.userList)
		.map(userRecord);
}

/** POST /api/user/block?account: only strict sub-accounts (10007 otherwise, the caller included). */
export function blockUser(context: ApiContext): unknown {
	resolveAccount(context, required(context.params, 'account'), true).blocked = true;
	return undefined;
}

/** POST /api/user/unblock?account. */
export function unblockUser(context: ApiContext): unknown {
	resolveAccount(context, required(context.params, 'account'), true).blocked = false;
	return undefined;
}

/** POST /api/user/password/set?account&password, password = md5(new password), 32 lower-case hex. */
export function setPassword(context: ApiContext): unknown {
	const account = resolveAccount(context, required(context.params, 'account'), true);
	const password = required(context.params, 'password');
	if (!/^[0-9a-f]{32}$/.test(password)) {
		throw parameterError('password');
	}
	account.passwordMd5 = password;
	return undefined;
}

/**
 * POST /api/message/send?accounts&content: at most 200 accounts and 300 characters (10006).
 * Recipients are not checked against known accounts (the document is silent).
 */
export function sendMessage({ state, params, caller }: ApiContext): unknown {
	const accounts = required(params, 'accounts')
		.split(',')
		.map((account) => account.trim())
		.filter((account) => account !== '');
	required(params, 'content');
	const content = params.content;
	if (accounts.length > PROTRACK_LIMITS.messageAccounts) {
		throw outOfRange('accounts');
	}
	if (accounts.length === 0) {
		throw parameterError('accounts');
	}
	if ([...content].length > PROTRACK_LIMITS.messageLength) {
		throw outOfRange('content');
	}
	state.messages.push({ from: caller.account, accounts, content, sentAt: state.nowSec() });
	return undefined;
}
