import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { redactText, redactValue } from './redact';

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

/** A failed call, already worded for the user (and already redacted). */
export interface ApiFailureDetails {
	message: string;
	description?: string;
	httpCode?: number;
}

export function apiError(node: INode, details: ApiFailureDetails): NodeApiError {
	const httpCode = details.httpCode === undefined ? undefined : String(details.httpCode);
	// This object is what n8n stores as the error's `errorResponse`: only worded, redacted text, never the
	// vendor's raw body, and no low-level `code` (next to one, n8n would replace the message).
	const response: JsonObject = { message: details.message };
	if (details.description !== undefined) response.description = details.description;
	if (httpCode !== undefined) response.httpCode = httpCode;
	const error = new NodeApiError(node, response, { message: details.message, description: details.description, httpCode });
	// n8n rewrites a message that merely mentions a network error code; ours is already precise.
	error.message = details.message;
	return error;
}

/**
 * The one place where any failure of an item becomes the n8n error the user sees: input problems become
 * `NodeOperationError`s, an existing `NodeApiError`/`NodeOperationError` keeps its identity (wrapping would
 * drop the item index) and gets the index stamped on it, anything else is wrapped. Every text n8n stores
 * with the error (message, description, context, messages, the response object, the stack) is redacted.
 */
export function toItemError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secretForms: readonly string[],
): NodeApiError | NodeOperationError {
	let nodeError: NodeApiError | NodeOperationError;
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		nodeError = error;
	} else if (error instanceof InvalidInputError) {
		nodeError = new NodeOperationError(node, redactText(error.message, secretForms), {
			itemIndex,
			description: error.hint,
		});
	} else {
		const message = error instanceof Error ? error.message : String(error);
		nodeError = new NodeOperationError(node, redactText(message, secretForms), { itemIndex });
	}
	nodeError.context.itemIndex = itemIndex;
	return redactError(nodeError, secretForms);
}

/** Redacts, in place, every field of an n8n error that ends up in the execution data. */
export function redactError<E extends NodeApiError | NodeOperationError>(error: E, secretForms: readonly string[]): E {
	if (secretForms.length === 0) return error;
	error.message = redactText(error.message, secretForms);
	if (typeof error.description === 'string') error.description = redactText(error.description, secretForms);
	error.context = redactValue(error.context, secretForms);
	error.messages = error.messages.map((message) => redactText(message, secretForms));
	if (error.stack) error.stack = redactText(error.stack, secretForms);
	if (error.errorResponse) error.errorResponse = redactValue(error.errorResponse, secretForms);
	return error;
}

/**
 * What a failed call that creates a record left behind, decided where the failure happened (never from the
 * message text): `nothing` when it provably made nothing (it never reached the vendor, or the vendor refused
 * it outright), `unknown` when it may have made the record.
 */
export type CreateOutcome = 'nothing' | 'unknown';

const outcomes = new WeakMap<object, CreateOutcome>();

/** Marks an error of a call that creates with what it left behind. */
export function markOutcome<E extends object>(error: E, outcome: CreateOutcome): E {
	outcomes.set(error, outcome);
	return error;
}

/** What a failed create left behind; an error nobody marked may have come after sending: `unknown`. */
export function outcomeOf(error: unknown): CreateOutcome {
	return (error !== null && typeof error === 'object' && outcomes.get(error)) || 'unknown';
}
