/** Pure retry policy: which outcomes are retried, and how long to wait. */

export const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Error codes meaning the request never left this machine: retrying cannot duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTUNREACH', 'ENETUNREACH']);

export type NetworkFailure = 'notSent' | 'maybeSent' | 'cancelled';

function codesOf(error: unknown): string[] {
	const codes: string[] = [];
	let cursor: unknown = error;
	for (let depth = 0; depth < 6 && cursor && typeof cursor === 'object'; depth++) {
		const record = cursor as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
		if (typeof record.code === 'string') codes.push(record.code);
		if (record.name === 'AbortError' || record.name === 'CanceledError') codes.push('ERR_CANCELED');
		if (Array.isArray(record.errors)) {
			for (const inner of record.errors) codes.push(...codesOf(inner));
		}
		cursor = record.cause;
	}
	return codes;
}

/**
 * Classifies a request that produced no HTTP response. Only a refused connection or a failed name lookup
 * proves the request was never sent; a reset, a timeout or anything unknown may have reached the server.
 */
export function classifyNetworkFailure(error: unknown, cancelled: boolean): NetworkFailure {
	const codes = codesOf(error);
	if (cancelled || codes.includes('ERR_CANCELED')) return 'cancelled';
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
