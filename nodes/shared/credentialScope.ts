import type { IHttpRequestOptions } from 'n8n-workflow';
import { checkBaseUrl } from './urlSafety';

/**
 * A credential's headers go only to its own API: the request's URL must lie under the credential's base
 * URL (same origin, path below it), which must itself be https or loopback. Applies to this package's nodes
 * and to n8n's HTTP Request node using the credential as a predefined credential type.
 */
export function assertWithinBase(requestOptions: IHttpRequestOptions, baseUrl: unknown, credential: string): void {
	const base = new URL(`${checkBaseUrl(baseUrl, 'Base URL')}/`);
	assertDirect(requestOptions, credential, base.href.replace(/\/$/, ''));
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

/** A proxy that is set, in n8n's current (object) or legacy (URL text) request options. */
function proxyOf(proxy: unknown): string | undefined {
	if (proxy === undefined || proxy === null || proxy === false || proxy === '') return undefined;
	if (typeof proxy === 'string') return URL.canParse(proxy) ? new URL(proxy).host : 'a proxy';
	const { host, port } = proxy as { host?: unknown; port?: unknown };
	return typeof host === 'string' ? `${host}${port === undefined ? '' : `:${String(port)}`}` : 'a proxy';
}

/**
 * The secret goes to its API directly and over a checked connection: a request that sets a proxy (which
 * would receive the secret) or turns off TLS certificate checks (so anyone in between could) is refused.
 */
function assertDirect(requestOptions: IHttpRequestOptions, credential: string, base: string): void {
	const options = requestOptions as {
		proxy?: unknown;
		skipSslCertificateValidation?: unknown;
		rejectUnauthorized?: unknown;
		strictSSL?: unknown;
		agentOptions?: { rejectUnauthorized?: unknown };
	};
	const proxy = proxyOf(options.proxy);
	if (proxy !== undefined) {
		throw new Error(`The ${credential} credential is only sent to ${base} directly; this request goes through the proxy ${proxy}. Remove the Proxy option to use this credential.`);
	}
	if (options.skipSslCertificateValidation === true || options.rejectUnauthorized === false || options.strictSSL === false || options.agentOptions?.rejectUnauthorized === false) {
		throw new Error(`The ${credential} credential is only sent over a connection whose certificate is checked; this request turns the check off ("Ignore SSL Issues"). Turn that off to use this credential.`);
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
