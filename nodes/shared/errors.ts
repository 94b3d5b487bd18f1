import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** A provider's documented error codes and what they mean. */
export interface ProviderErrorTable {
	/** Display name, e.g. 'ProTrack'. */
	provider: string;
	codes: Readonly<Record<string, string>>;
	/**
	 * The meaning of a code not in `codes`, for providers that publish no code table but explain each
	 * error in the answer (OS1): given the provider's own text; default UNKNOWN_PROVIDER_CODE.
	 */
	describeUnlisted?: (code: string, providerMessage: string | undefined) => string | undefined;
}

export interface ProviderErrorContext {
	/** The provider's own message text, if it sent one. */
	providerMessage?: string;
	httpCode?: number | string;
	itemIndex?: number;
	/** What the node was doing, e.g. 'Get Track'. */
	operation?: string;
}

export const UNKNOWN_PROVIDER_CODE = "Unknown error code (not in the provider's documented table)";

export function describeProviderCode(table: ProviderErrorTable, code: string | number): string {
	const key = String(code).trim();
	return Object.prototype.hasOwnProperty.call(table.codes, key)
		? table.codes[key]
		: UNKNOWN_PROVIDER_CODE;
}

function buildDescription(meaning: string, context: ProviderErrorContext): string | undefined {
	const parts: string[] = [];
	const providerMessage = context.providerMessage?.trim() ?? '';
	if (providerMessage !== '' && providerMessage.toLowerCase() !== meaning.trim().toLowerCase()) {
		parts.push(`Provider message: ${providerMessage}`);
	}
	const operation = context.operation?.trim() ?? '';
	if (operation !== '') parts.push(`Operation: ${operation}`);
	return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * NodeApiError for a provider error code, e.g. message `ProTrack error 10013: IMEI is not authorized`.
 * The message and description are pinned after construction because NodeApiError may
 * swap in generic texts (for OS error codes found in the message) or guess an HTTP code
 * from the response's `code`. The code is also on `error.context.providerCode`.
 */
export function providerApiError(
	node: INode,
	table: ProviderErrorTable,
	code: string | number,
	context: ProviderErrorContext = {},
): NodeApiError {
	const listed = describeProviderCode(table, code);
	const meaning =
		listed === UNKNOWN_PROVIDER_CODE ? (table.describeUnlisted?.(String(code).trim(), context.providerMessage) ?? listed) : listed;
	const message = `${table.provider} error ${String(code)}: ${meaning}`;
	const description = buildDescription(meaning, context);
	const httpCode =
		context.httpCode === undefined || context.httpCode === ''
			? undefined
			: String(context.httpCode);
	const response: JsonObject = { code, message: context.providerMessage ?? meaning };
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode,
		itemIndex: context.itemIndex,
	});
	error.message = message;
	error.description = description;
	error.httpCode = httpCode ?? null;
	error.context.provider = table.provider;
	error.context.providerCode = String(code);
	return error;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces each non-empty secret (and its URL-encoded form) with '***', and the values of the query
 * parameters and JSON fields named in `secretParameters` (e.g. a provider's access_token, password).
 */
export function redactSecrets(
	text: string,
	secrets: ReadonlyArray<string | undefined>,
	secretParameters: readonly string[] = [],
): string {
	if (typeof text !== 'string') return text;
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret === '') continue;
		variants.add(secret);
		variants.add(encodeURIComponent(secret));
	}
	let redacted = text;
	if (variants.size > 0) {
		// One pass, longest first, so a replacement is never rescanned by a shorter secret.
		const alternatives = Array.from(variants)
			.sort((left, right) => right.length - left.length)
			.map(escapeRegExp);
		redacted = redacted.replace(new RegExp(alternatives.join('|'), 'g'), '***');
	}
	if (secretParameters.length === 0) return redacted;
	const names = secretParameters.map(escapeRegExp).join('|');
	return redacted
		.replace(new RegExp(`((?:${names})=)[^&\\s#"',;]+`, 'gi'), '$1***')
		.replace(new RegExp(`("(?:${names})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)+(")`, 'gi'), '$1***$2');
}
