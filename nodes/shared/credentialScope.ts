import type { IHttpRequestOptions } from 'n8n-workflow';
import { checkBaseUrl } from './urlSafety';

/**
 * A credential's headers go only to its own API: the request's URL must lie under the credential's base
 * URL (same origin, path below it), which must itself be https or loopback. Applies to this package's nodes
 * and to n8n's HTTP Request node using the credential as a predefined credential type.
 */
export function assertWithinBase(requestOptions: IHttpRequestOptions, baseUrl: unknown, credential: string): void {
	const base = new URL(`${checkBaseUrl(baseUrl, 'Base URL')}/`);
	// n8n's legacy request helper (used by the HTTP Request node) names the URL `uri`.
	const options = requestOptions as { url?: unknown; uri?: unknown; baseURL?: unknown };
	const target = String(options.url ?? options.uri ?? '');
	const full = URL.canParse(target, typeof options.baseURL === 'string' ? options.baseURL : undefined)
		? new URL(target, typeof options.baseURL === 'string' ? options.baseURL : undefined)
		: undefined;
	if (!full || full.origin !== base.origin || !`${full.pathname}/`.startsWith(base.pathname)) {
		throw new Error(`The ${credential} credential is only sent to ${base.href.replace(/\/$/, '')}; this request goes to ${full ? `${full.origin}${full.pathname}` : 'an invalid URL'}`);
	}
}

/**
 * The request with the credential's headers added, once it is known to go to the credential's own API.
 * Redirects are switched off (both in n8n's current and its legacy request options): n8n re-sends an
 * Authorization header across origins on a redirect and keeps every other header, so following one could
 * carry the secret to a host the check above never saw.
 */
export function withinBaseRequest(
	requestOptions: IHttpRequestOptions,
	baseUrl: unknown,
	credential: string,
	headers: Record<string, string>,
): IHttpRequestOptions {
	assertWithinBase(requestOptions, baseUrl, credential);
	return {
		...requestOptions,
		headers: { ...requestOptions.headers, ...headers },
		disableFollowRedirect: true,
		maxRedirects: 0,
		sendCredentialsOnCrossOriginRedirect: false,
		...{ followRedirect: false, followAllRedirects: false },
	};
}
