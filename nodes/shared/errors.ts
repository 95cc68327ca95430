import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/**
 * A problem with one item's input, found before any request is sent. Pure code throws it with the field's
 * label; the item runner turns it into a `NodeOperationError` carrying the item index.
 */
export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

/** A failed call, already worded for the user; the item runner stamps the item index on it. */
export interface ApiFailureDetails {
	message: string;
	description?: string;
	httpCode?: number;
}

export function apiError(node: INode, details: ApiFailureDetails): NodeApiError {
	const httpCode = details.httpCode === undefined ? undefined : String(details.httpCode);
	// The response object deliberately has no `code`: n8n would replace a message next to a low-level code.
	const response: JsonObject = { message: details.message };
	if (details.description !== undefined) response.description = details.description;
	if (httpCode !== undefined) response.httpCode = httpCode;
	return new NodeApiError(node, response, {
		message: details.message,
		description: details.description,
		httpCode,
	});
}

/** Replaces every occurrence of a secret by `[redacted]`. Secrets shorter than 4 characters are not searched. */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[redacted]');
	}
	return out;
}

function redactDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
	if (typeof value === 'string') return redact(value, secrets);
	if (depth > 5 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) out[key] = redactDeep(entry, secrets, depth + 1);
	return out;
}

/**
 * The one place where any failure of an item becomes the n8n error the user sees: input problems become
 * `NodeOperationError`s, an existing `NodeApiError`/`NodeOperationError` keeps its identity (wrapping would
 * drop the item index) and gets the index stamped on it, anything else is wrapped. Secrets are scrubbed from
 * message, description and context.
 */
export function toItemError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError | NodeOperationError {
	let nodeError: NodeApiError | NodeOperationError;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		nodeError = error;
	} else if (error instanceof InvalidInputError) {
		nodeError = new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	} else {
		const message = error instanceof Error ? error.message : String(error);
		nodeError = new NodeOperationError(node, message, { itemIndex });
	}
	nodeError.context.itemIndex = itemIndex;
	nodeError.message = redact(nodeError.message, secrets);
	if (typeof nodeError.description === 'string') {
		nodeError.description = redact(nodeError.description, secrets);
	}
	nodeError.context = redactDeep(nodeError.context, secrets) as typeof nodeError.context;
	nodeError.messages = nodeError.messages.map((message) => redact(message, secrets));
	return nodeError;
}
