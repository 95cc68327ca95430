import { InvalidInputError } from './errors';

function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A base URL credentials may be sent to: absolute, https (or http only to a loopback host, for a local
 * sandbox), no user info, query or fragment. Returned without a trailing slash.
 */
export function checkBaseUrl(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InvalidInputError(field, `"${field}" is required in the credential`);
	}
	if (!URL.canParse(value.trim())) {
		throw new InvalidInputError(field, `"${field}" is not a valid URL: "${value}"`);
	}
	const url = new URL(value.trim());
	if (url.username || url.password || url.search || url.hash) {
		throw new InvalidInputError(
			field,
			`"${field}" must not contain user info, a query or a fragment`,
			'Use the plain API address, e.g. https://api.example.com',
		);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
		throw new InvalidInputError(
			field,
			`"${field}" must use https (http is accepted only for a loopback address such as 127.0.0.1)`,
			'Credentials are never sent over an unencrypted connection to another host.',
		);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
