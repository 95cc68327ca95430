import { sleep } from 'n8n-workflow';
import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { apiError, markOutcome } from './errors';
import type { CreateOutcome } from './errors';
import { cut, redactText, redactValue } from './redact';
import { classifyNetworkFailure, errorCodes, parseRetryAfter, retryDelay, RETRYABLE_STATUS } from './retry';
import type { NetworkFailure } from './retry';
import type { ApiCall, RequestPolicy, Vendor } from './types';
import { quote } from './validate';

/** Everything needed to send the calls of one node run. */
export interface Sender {
	ctx: IExecuteFunctions;
	vendor: Vendor;
	credentials: ICredentialsDecrypted;
	/** The secrets in every form they may take (see `secretForms`). */
	secretForms: string[];
}

type Attempt =
	| { kind: 'answer'; statusCode: number; headers: Record<string, unknown>; body: unknown; text: string }
	| { kind: 'network'; failure: NetworkFailure; detail: string };

/** The answer's body redacted, as a JSON object when it is one. */
function readBody(raw: unknown, forms: readonly string[]): { body: unknown; text: string } {
	if (Buffer.isBuffer(raw)) raw = raw.toString('utf8');
	if (typeof raw === 'string') {
		const text = redactText(raw, forms);
		if (text.trim() === '') return { body: undefined, text };
		try {
			return { body: JSON.parse(text) as unknown, text };
		} catch {
			return { body: undefined, text };
		}
	}
	const body = redactValue(raw, forms);
	return { body, text: body === undefined ? '' : JSON.stringify(body) };
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
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

/** Rejects when the signal aborts (settling a race that the request itself may never settle). */
function whenAborted(signal: AbortSignal): Promise<never> {
	return new Promise((_resolve, reject) => {
		if (signal.aborted) reject(signal.reason);
		else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
	});
}

async function attempt(sender: Sender, call: ApiCall, policy: RequestPolicy, cancel: AbortSignal | undefined): Promise<Attempt> {
	// The deadline bounds the whole answer; n8n's own timeout only notices silence between bytes.
	const deadline = AbortSignal.timeout(policy.timeout);
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	const options: IHttpRequestOptions = {
		method: call.method,
		url: call.url,
		headers: { accept: 'application/json', ...call.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect would repeat a create against another address and send the credential there.
		disableFollowRedirect: true,
		timeout: policy.timeout,
		abortSignal: signal,
	};
	if (call.body !== undefined) options.body = call.body;
	// n8n 2.x replaces a request's abort signal with the cancel signal of the context it is called on: this
	// request's context answers with the signal that also fires at the deadline.
	const context = Object.create(sender.ctx, { getExecutionCancelSignal: { value: () => signal } }) as IExecuteFunctions;
	try {
		const request = sender.ctx.helpers.httpRequestWithAuthentication.call(context, sender.vendor.credentialType, options, {
			credentialsDecrypted: sender.credentials,
		}) as Promise<{ statusCode: number; headers?: Record<string, unknown>; body: unknown }>;
		const raw = await Promise.race([request, whenAborted(signal)]);
		const { body, text } = readBody(raw.body, sender.secretForms);
		return { kind: 'answer', statusCode: raw.statusCode, headers: raw.headers ?? {}, body, text };
	} catch (error) {
		// The caught error carries the request options (headers included): only its codes are kept.
		const codes = errorCodes(error);
		return {
			kind: 'network',
			failure: classifyNetworkFailure(error, { cancelled: cancel?.aborted === true, deadlinePassed: deadline.aborted }),
			detail: deadline.aborted && !cancel?.aborted ? `no complete answer within ${policy.timeout} ms` : codes.length ? codes.join(', ') : 'no answer',
		};
	}
}

/**
 * Sends one call through n8n's authenticated HTTP helper and applies the reliability contract: retries
 * (backoff with jitter, `Retry-After`) only where repeating is safe, a call that creates is repeated only
 * when it provably never reached the vendor, redirects are refused, the answer must have the documented
 * success shape, and every failure becomes a readable, redacted `NodeApiError`.
 */
export async function sendCall(sender: Sender, call: ApiCall, policy: RequestPolicy): Promise<IDataObject> {
	const cancel = sender.ctx.getExecutionCancelSignal?.();
	const safeToRepeat = call.creates === undefined;
	for (let attempts = 1; ; attempts++) {
		const result = await attempt(sender, call, policy, cancel);
		const canRetry = attempts <= policy.maxRetries && !cancel?.aborted;
		let retryAfter: number | undefined;
		if (result.kind === 'network') {
			if (result.failure === 'cancelled' || cancel?.aborted) throw failure(sender, call, cancelledText(sender), 'unknown');
			if (!(canRetry && (safeToRepeat || result.failure === 'notSent'))) throw networkError(sender, call, result, attempts, policy);
		} else {
			const verdict = judge(sender, call, result, attempts);
			if (verdict.ok) return verdict.body;
			// A create is sent again only after an attempt that provably made nothing (such as a 429).
			if (!(verdict.transient && canRetry && (safeToRepeat || verdict.outcome === 'nothing'))) throw verdict.error;
			retryAfter = parseRetryAfter(result.headers['retry-after']);
		}
		const wait = retryDelay(attempts - 1, policy, retryAfter);
		sender.ctx.logger.debug(`${sender.vendor.name} request will be retried`, {
			attempt: attempts,
			waitMs: wait,
			reason: result.kind === 'network' ? result.detail : `HTTP ${result.statusCode}`,
		});
		await pause(wait, cancel);
	}
}

function cancelledText(sender: Sender): string {
	return `The execution was cancelled before ${sender.vendor.name} answered`;
}

function attemptsText(attempts: number): string {
	return attempts > 1 ? ` after ${attempts} attempts` : '';
}

/**
 * An error for this call, marked with what a create left behind; for a create whose outcome is unknown, the
 * message says how to check.
 */
function failure(
	sender: Sender,
	call: ApiCall,
	message: string,
	outcome: CreateOutcome,
	details: { description?: string; httpCode?: number } = {},
) {
	const unclear = outcome === 'unknown' && call.creates !== undefined;
	const error = apiError(sender.ctx.getNode(), {
		message: unclear ? `${message}. ${call.creates!.unclearOutcome}` : message,
		...details,
	});
	return markOutcome(error, outcome);
}

function networkError(sender: Sender, call: ApiCall, result: Extract<Attempt, { kind: 'network' }>, attempts: number, policy: RequestPolicy) {
	const { name } = sender.vendor;
	const message =
		result.failure === 'notSent'
			? `Could not connect to ${name}${attemptsText(attempts)}`
			: result.failure === 'timedOut'
				? `${name} did not answer within ${policy.timeout} ms${attemptsText(attempts)}`
				: `The connection to ${name} failed before an answer arrived${attemptsText(attempts)}`;
	return failure(sender, call, message, result.failure === 'notSent' ? 'nothing' : 'unknown', {
		description: `Network error: ${result.detail}. Request: ${call.method} ${call.url}`,
	});
}

type Verdict = { ok: true; body: IDataObject } | { ok: false; transient: boolean; outcome: CreateOutcome; error: Error };

/**
 * What an answer that is not a success left behind: a 4xx other than 408 (a 429 included) is a refusal that
 * made nothing; a 2xx made nothing only when the vendor explicitly refused it with its reasons; a 3xx, a 408,
 * a 5xx or any other 2xx may have made the record.
 */
function outcomeOfAnswer(statusCode: number, refused: boolean): CreateOutcome {
	if (statusCode >= 400 && statusCode < 500 && statusCode !== 408) return 'nothing';
	return statusCode >= 200 && statusCode < 300 && refused ? 'nothing' : 'unknown';
}

/** Reads an answer: success only in the vendor's documented success shape. */
function judge(sender: Sender, call: ApiCall, answer: Extract<Attempt, { kind: 'answer' }>, attempts: number): Verdict {
	const { name } = sender.vendor;
	const { statusCode, body } = answer;
	const after = attemptsText(attempts);
	const success = statusCode >= 200 && statusCode < 300;
	const httpCode = statusCode;
	const transientStatus = RETRYABLE_STATUS.has(statusCode);

	if (statusCode >= 300 && statusCode < 400) {
		const location = typeof answer.headers.location === 'string' ? answer.headers.location : '';
		const target = URL.canParse(location, call.url) ? new URL(location, call.url).host : 'an unnamed address';
		const message = `${name} answered with a redirect (HTTP ${statusCode}) to ${target}, which is not followed`;
		return {
			ok: false,
			transient: false,
			outcome: 'unknown',
			error: failure(sender, call, message, 'unknown', {
				description: `Redirects are refused so that a request is never repeated elsewhere and the credential is never sent to another host. Check the base URL in the credential; it should be the address the API answers at directly.`,
				httpCode,
			}),
		};
	}
	if (!isObject(body)) {
		const shape = answer.text.trim() === '' ? 'an empty body' : body === undefined ? 'a body that is not JSON' : `${quote(body)} instead of a JSON object`;
		const message = `${name} answered HTTP ${statusCode} with ${shape}${after}`;
		const outcome = outcomeOfAnswer(statusCode, false);
		return {
			ok: false,
			transient: success || transientStatus,
			outcome,
			error: failure(sender, call, message, outcome, {
				description: answer.text.trim() === '' ? undefined : `Body starts with: ${cut(answer.text, 120)}`,
				httpCode,
			}),
		};
	}
	const check = sender.vendor.checkAnswer(statusCode, body);
	if (check.kind === 'unconfirmed') {
		const message = `${name} answered HTTP ${statusCode} without confirming success (${check.reason})${after}`;
		return { ok: false, transient: true, outcome: 'unknown', error: failure(sender, call, message, 'unknown', { httpCode }) };
	}
	if (check.kind === 'success') {
		const missing = [...(call.answerKeys ?? []), ...(call.creates?.idKey ? [call.creates.idKey] : [])].find(
			(key) => body[key] === undefined || body[key] === null || body[key] === '',
		);
		if (missing === undefined) return { ok: true, body };
		const message = `${name} answered HTTP ${statusCode} without "${missing}"${after}`;
		return { ok: false, transient: true, outcome: 'unknown', error: failure(sender, call, message, 'unknown', { httpCode }) };
	}
	const outcome = outcomeOfAnswer(statusCode, check.refused);
	const vendorText = check.messages.length ? check.messages.join('; ') : 'no error message in the answer';
	const status = success ? '' : ` (HTTP ${statusCode})`;
	if (statusCode === 401 || statusCode === 403) {
		const message = `${name} refused the credential${status}: ${vendorText}`;
		return { ok: false, transient: false, outcome, error: failure(sender, call, message, outcome, { description: sender.vendor.credentialHint, httpCode }) };
	}
	const description = `${name} says: ${vendorText}`;
	if (statusCode === 404) {
		let message = `${name} did not find it${status}${after}: ${vendorText}`;
		// A repeated delete answers 404 when the attempt whose answer was lost already removed it.
		if (call.method === 'DELETE' && attempts > 1) message += '. An earlier attempt of this delete may already have removed it';
		return { ok: false, transient: false, outcome, error: failure(sender, call, message, outcome, { description, httpCode }) };
	}
	if (statusCode >= 500 || transientStatus) {
		const message = `${name} could not process the request${status}${after}: ${vendorText}`;
		return { ok: false, transient: true, outcome, error: failure(sender, call, message, outcome, { description, httpCode }) };
	}
	const message = call.explainRefusal?.(vendorText) ?? `${name} rejected the request${status}: ${vendorText}`;
	return { ok: false, transient: false, outcome, error: failure(sender, call, message, outcome, { description, httpCode }) };
}
