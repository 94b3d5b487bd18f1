/** ProTrack accounts: the default demo tree, md5 helpers and the account book. */
import { createHash } from 'node:crypto';

import type { ProTrackAccount, ProTrackAccountOption } from './types';

/** The default top account: a distributor owning (directly or through sub-accounts) every device. */
export const PROTRACK_DEMO = { account: 'demo', password: 'Demo@2024' } as const;
export const PROTRACK_FLEET_EAST = { account: 'fleet-east', password: 'East@2024' } as const;
export const PROTRACK_FLEET_WEST = { account: 'fleet-west', password: 'West@2024' } as const;
export const PROTRACK_SUB_ACCOUNTS = [PROTRACK_FLEET_EAST, PROTRACK_FLEET_WEST] as const;

export const PROTRACK_DEFAULT_ACCOUNTS: readonly ProTrackAccountOption[] = [
	{ ...PROTRACK_DEMO, username: 'openapidemo', email: 'openapidemo@example.com', roletype: 1 },
	{
		...PROTRACK_FLEET_EAST,
		username: 'Fleet East',
		email: 'east@example.com',
		roletype: 2,
		parent: 'demo',
	},
	{
		...PROTRACK_FLEET_WEST,
		username: 'Fleet West',
		email: 'west@example.com',
		roletype: 2,
		parent: 'demo',
	},
];

export function md5(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The documented signature: md5(md5(password) + time), 32 lower-case hex. */
export function protrackSignature(password: string, time: number | string): string {
	return md5(md5(password) + String(time));
}

export class AccountBook {
	private readonly byName = new Map<string, ProTrackAccount>();

	constructor(options: readonly ProTrackAccountOption[], createdBefore: number) {
		options.forEach((option, index) => {
			this.byName.set(option.account, {
				account: option.account,
				passwordMd5: md5(option.password),
				username: option.username ?? option.account,
				email: option.email ?? '',
				mobile: '',
				telephone: '',
				createtime: createdBefore - (options.length - index) * 86400 * 30,
				roletype: option.roletype ?? (option.parent ? 2 : 1),
				parent:
					option.parent !== undefined && option.parent !== option.account
						? option.parent
						: undefined,
				blocked: option.blocked ?? false,
			});
		});
	}

	get(name: string): ProTrackAccount | undefined {
		return this.byName.get(name);
	}

	list(): ProTrackAccount[] {
		return [...this.byName.values()];
	}

	/** Accounts whose parent is missing or unknown. */
	roots(): ProTrackAccount[] {
		return this.list().filter(
			(account) => account.parent === undefined || !this.byName.has(account.parent),
		);
	}

	/** The account followed by all its descendants, depth first. */
	subtree(name: string): ProTrackAccount[] {
		const root = this.byName.get(name);
		if (!root) {
			return [];
		}
		const result: ProTrackAccount[] = [];
		const visit = (account: ProTrackAccount): void => {
			if (result.includes(account)) {
				return;
			}
			result.push(account);
			this.list()
				.filter((child) => child.parent === account.account)
				.forEach(visit);
		};
		visit(root);
		return result;
	}

	/** Whether `name` is `ancestor` itself or one of its descendants. */
	isWithin(name: string, ancestor: string): boolean {
		let current = this.byName.get(name);
		const seen = new Set<string>();
		while (current && !seen.has(current.account)) {
			if (current.account === ancestor) {
				return true;
			}
			seen.add(current.account);
			current = current.parent === undefined ? undefined : this.byName.get(current.parent);
		}
		return false;
	}

	/** Whether `name` is a strict descendant of `ancestor`. */
	isBelow(name: string, ancestor: string): boolean {
		return name !== ancestor && this.isWithin(name, ancestor);
	}
}
