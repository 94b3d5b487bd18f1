/** What every API handler receives and returns. */
import type { SimRequest } from '../framework';
import type { Os1State } from './state';

export interface ApiContext {
	state: Os1State;
	request: SimRequest;
	/** The route's path parameters, in order (already URL-decoded). */
	params: string[];
}

/** A success: `{data, error: {}}` with this status. */
export interface ApiResult {
	status: number;
	data: unknown;
}

export type ApiHandler = (context: ApiContext) => ApiResult;

export const ok = (data: unknown, status = 200): ApiResult => ({ status, data });
