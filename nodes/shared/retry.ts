/** Pure retry policy: the defaults, which outcomes are retried, and how long to wait. */

/** The one table of request defaults and limits: the node options and the runtime both read it. */
export const REQUEST_DEFAULTS = {
	maxRetries: { default: 3, min: 0, max: 10 },
	timeout: { default: 30000, min: 1, max: 3600000 },
	retryDelay: { default: 1000, min: 0, max: 3600000 },
	maxRetryWait: { default: 30000, min: 0, max: 3600000 },
	concurrency: { default: 5, min: 1, max: 64 },
} as const;

export const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Error codes of a connection that failed before any byte was written: retrying cannot duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/** Every error code in an error and its causes (and, for aggregated errors, their members). */
export function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	const walk = (value: unknown, depth: number): void => {
		if (depth > 6 || !value || typeof value !== 'object') return;
		const record = value as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
		if (typeof record.code === 'string' && !codes.includes(record.code)) codes.push(record.code);
		if ((record.name === 'AbortError' || record.name === 'CanceledError') && !codes.includes('ERR_CANCELED')) {
			codes.push('ERR_CANCELED');
		}
		if (Array.isArray(record.errors)) for (const inner of record.errors) walk(inner, depth + 1);
		walk(record.cause, depth + 1);
	};
	walk(error, 0);
	return codes;
}

/**
 * What a request that produced no HTTP answer means:
 * - `cancelled`: the execution was cancelled;
 * - `timedOut`: the whole answer did not arrive in time (the request may have been processed);
 * - `notSent`: the connection was refused or the name did not resolve, so nothing was written;
 * - `maybeSent`: anything else (a reset, an unknown error) may have reached the server.
 * Redirects are never followed, so every connection error belongs to the configured host's first hop.
 */
export type NetworkFailure = 'cancelled' | 'timedOut' | 'notSent' | 'maybeSent';

export function classifyNetworkFailure(error: unknown, state: { cancelled: boolean; deadlinePassed: boolean }): NetworkFailure {
	if (state.cancelled) return 'cancelled';
	const codes = errorCodes(error);
	if (state.deadlinePassed || codes.some((code) => TIMEOUT_CODES.has(code))) return 'timedOut';
	if (codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code))) return 'notSent';
	return 'maybeSent';
}

/** `Retry-After` in milliseconds (delta seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Wait before retry number `attempt` (0 for the first retry): exponential from `baseDelay`, with jitter
 * between 50% and 100% of the step, and a server's `Retry-After` taking precedence; both capped by `maxWait`.
 */
export function retryDelay(
	attempt: number,
	policy: { baseDelay: number; maxWait: number },
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxWait);
	const step = Math.min(policy.maxWait, policy.baseDelay * 2 ** attempt);
	return Math.round(step * (0.5 + random() / 2));
}
