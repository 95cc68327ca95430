import { sleep } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { apiError } from './errors';
import { classifyNetworkFailure, parseRetryAfter, retryDelay, RETRYABLE_STATUS } from './retry';
import type { NetworkFailure } from './retry';

/** What differs between vendors: the credential, the name users know, and how a failure is recognised. */
export interface VendorApi {
	credentialType: string;
	name: string;
	/** The vendor's own error messages when the answer is a failure, `undefined` when it is a success. */
	failureOf(statusCode: number, body: IDataObject): string[] | undefined;
	/** What to check in the credential when the vendor refuses it. */
	credentialHint: string;
}

export interface RequestPolicy {
	maxRetries: number;
	timeout: number;
	baseDelay: number;
	maxWait: number;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject;
	headers?: Record<string, string>;
	/** Repeating the call cannot create a second record (the contract's idempotency table). */
	idempotent: boolean;
	/** For a call that creates something: what may exist after an unclear failure and how to check. */
	unclearOutcome?: string;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

type Attempt =
	| { kind: 'response'; statusCode: number; headers: Record<string, unknown>; body: IDataObject | undefined; text: string }
	| { kind: 'network'; failure: NetworkFailure; detail: string; timedOut: boolean };

function readBody(body: unknown): { json: IDataObject | undefined; text: string } {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
		return { json: body as IDataObject, text: '' };
	}
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim() === '') return { json: {}, text };
	try {
		const parsed: unknown = JSON.parse(text);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { json: parsed as IDataObject, text };
		return { json: { data: parsed as IDataObject[] }, text };
	} catch {
		return { json: undefined, text };
	}
}

function describeNetworkError(error: unknown): string {
	const parts: string[] = [];
	let cursor: unknown = error;
	for (let depth = 0; depth < 4 && cursor && typeof cursor === 'object'; depth++) {
		const { code } = cursor as { code?: unknown };
		if (typeof code === 'string' && !parts.includes(code)) parts.push(code);
		cursor = (cursor as { cause?: unknown }).cause;
	}
	return parts.length ? parts.join(', ') : 'no answer';
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (ms <= 0) return;
	if (!signal) return await sleep(ms);
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	await Promise.race([sleep(ms), aborted]);
	signal.removeEventListener('abort', onAbort);
}

function snippet(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/**
 * Sends one API call through n8n's authenticated HTTP helper and applies the reliability contract: retries
 * (backoff with jitter, `Retry-After`) only where repeating is safe, a request that may have created
 * something is never repeated, and every failure becomes a readable `NodeApiError` with no secret in it.
 */
export async function callApi(
	ctx: IExecuteFunctions,
	api: VendorApi,
	credentials: ICredentialsDecrypted,
	call: ApiCall,
	policy: RequestPolicy,
): Promise<IDataObject> {
	const signal = ctx.getExecutionCancelSignal?.();
	const options: IHttpRequestOptions = {
		method: call.method,
		url: call.url,
		headers: { accept: 'application/json', ...call.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeout,
	};
	if (call.body !== undefined) options.body = call.body;
	if (signal) options.abortSignal = signal;

	for (let attempt = 0; ; attempt++) {
		const result = await send(ctx, api, credentials, options, signal);
		const canRetry = attempt < policy.maxRetries && !signal?.aborted;
		let retryAfter: number | undefined;
		if (result.kind === 'network') {
			if (result.failure === 'cancelled' || signal?.aborted) {
				throw apiError(ctx.getNode(), { message: `The execution was cancelled before ${api.name} answered` });
			}
			const safe = result.failure === 'notSent' || call.idempotent;
			if (!(canRetry && safe)) throw networkError(ctx, api, call, result, attempt + 1, policy.timeout);
		} else {
			const transient = RETRYABLE_STATUS.has(result.statusCode) || result.body === undefined;
			if (!(transient && canRetry && call.idempotent)) return interpret(ctx, api, call, result, attempt + 1);
			retryAfter = parseRetryAfter(result.headers['retry-after']);
		}
		const wait = retryDelay(attempt, { baseDelay: policy.baseDelay, maxWait: policy.maxWait }, retryAfter);
		ctx.logger.debug(`${api.name} request will be retried`, {
			attempt: attempt + 1,
			waitMs: wait,
			reason: result.kind === 'network' ? result.detail : `HTTP ${result.statusCode}`,
		});
		await pause(wait, signal);
	}
}

async function send(
	ctx: IExecuteFunctions,
	api: VendorApi,
	credentials: ICredentialsDecrypted,
	options: IHttpRequestOptions,
	signal: AbortSignal | undefined,
): Promise<Attempt> {
	try {
		const raw = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, api.credentialType, options, {
			credentialsDecrypted: credentials,
		})) as RawResponse;
		const { json, text } = readBody(raw.body);
		return { kind: 'response', statusCode: raw.statusCode, headers: raw.headers ?? {}, body: json, text };
	} catch (error) {
		// The caught error wraps the request options (headers included): only its codes are kept.
		const detail = describeNetworkError(error);
		return {
			kind: 'network',
			failure: classifyNetworkFailure(error, signal?.aborted === true),
			detail,
			timedOut: /ECONNABORTED|ETIMEDOUT/.test(detail),
		};
	}
}

function attemptsText(attempts: number): string {
	return attempts > 1 ? ` after ${attempts} attempts` : '';
}

function networkError(
	ctx: IExecuteFunctions,
	api: VendorApi,
	call: ApiCall,
	result: Extract<Attempt, { kind: 'network' }>,
	attempts: number,
	timeout: number,
) {
	const unclear = result.failure === 'maybeSent' && !call.idempotent && call.unclearOutcome;
	const message =
		result.failure === 'notSent'
			? `Could not connect to ${api.name}${attemptsText(attempts)}`
			: result.timedOut
				? `${api.name} did not answer within ${timeout} ms${attemptsText(attempts)}`
				: `The connection to ${api.name} failed before an answer arrived${attemptsText(attempts)}`;
	return apiError(ctx.getNode(), {
		message: unclear ? `${message}. ${call.unclearOutcome}` : message,
		description: `Network error: ${result.detail}. Request: ${call.method} ${call.url}`,
	});
}

function interpret(
	ctx: IExecuteFunctions,
	api: VendorApi,
	call: ApiCall,
	result: Extract<Attempt, { kind: 'response' }>,
	attempts: number,
): IDataObject {
	const { statusCode } = result;
	const unclear = !call.idempotent && call.unclearOutcome;
	if (result.body === undefined) {
		const success = statusCode >= 200 && statusCode < 300;
		const message = `${api.name} answered HTTP ${statusCode} with a body that is not JSON${attemptsText(attempts)}`;
		return fail(ctx, {
			message: (success || RETRYABLE_STATUS.has(statusCode)) && unclear ? `${message}. ${call.unclearOutcome}` : message,
			description: `Body starts with: ${snippet(result.text)}`,
			httpCode: statusCode,
		});
	}
	const messages = api.failureOf(statusCode, result.body);
	if (messages === undefined) return result.body;

	const vendorText = messages.length ? messages.join('; ') : 'no error message in the answer';
	const status = statusCode >= 200 && statusCode < 300 ? '' : ` (HTTP ${statusCode})`;
	let message: string;
	let description = `${api.name} says: ${vendorText}`;
	if (statusCode === 401 || statusCode === 403) {
		message = `${api.name} refused the credential${status}: ${vendorText}`;
		description = api.credentialHint;
	} else if (statusCode === 404) {
		message = `${api.name} did not find it${status}${attemptsText(attempts)}: ${vendorText}`;
		// A repeated delete answers 404 when the attempt whose answer was lost already removed it.
		if (call.method === 'DELETE' && attempts > 1) message += '. An earlier attempt of this delete may already have removed it';
	} else if (statusCode >= 500 || RETRYABLE_STATUS.has(statusCode)) {
		message = `${api.name} could not process the request${status}${attemptsText(attempts)}: ${vendorText}`;
		if (unclear) message += `. ${call.unclearOutcome}`;
	} else {
		message = `${api.name} rejected the request${status}: ${vendorText}`;
	}
	return fail(ctx, { message, description, httpCode: statusCode });
}

function fail(ctx: IExecuteFunctions, details: { message: string; description: string; httpCode: number }): never {
	throw apiError(ctx.getNode(), details);
}
