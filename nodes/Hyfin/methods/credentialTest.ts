import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { hyfinAuthHeaders } from '../transport/auth';
import { checkBaseUrl } from '../../shared/urlSafety';
import { probeCredential } from '../../shared/credentialTest';
import { requirePathId } from '../../shared/validate';
import { vendorMessages } from '../../shared/vendorMessages';
import { siteUrl } from '../transport';

/**
 * Looks up a customer that cannot exist in the credential's site. Hyfin's own JSON failure (`success:
 * false` with errors) for an unknown customer proves that Hyfin answered at this address and accepted the
 * token; an answer that the site is unknown names the site; 401/403 mean the token was refused.
 */
export async function hyfinApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const siteId = String(data.siteId ?? '');
	return await probeCredential(this, {
		vendor: 'Hyfin',
		headers: hyfinAuthHeaders(data),
		secrets: { 'Access Token': String(data.accessToken ?? '') },
		url: () => siteUrl(checkBaseUrl(data.baseUrl, 'Base URL'), 'v3', requirePathId(data.siteId, 'Site ID'), 'customer', 'n8n-credential-test'),
		interpret: (statusCode, body) => {
			if (statusCode >= 200 && statusCode < 300 && typeof body._id === 'string') {
				return { status: 'OK', message: 'Hyfin accepted the credential' };
			}
			if (body.success !== false || !Array.isArray(body.errors)) return undefined;
			const messages = vendorMessages(body.errors).join('; ');
			if (/\bsite\b/i.test(messages)) {
				return { status: 'Error', message: `Hyfin does not know the site "${siteId}": ${messages}. Check the Site ID` };
			}
			if (statusCode === 404) return { status: 'OK', message: 'Hyfin accepted the credential' };
			return { status: 'Error', message: `Hyfin answered HTTP ${statusCode}: ${messages}` };
		},
	});
}

/** Shortest webhook token accepted: a token exists to be guessed by no one. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 16;

/**
 * The Hyfin Webhook credential calls nothing (Hyfin has no API to check a webhook token against), so its test
 * checks what decides whether the token protects anything: that it is long enough not to be guessed, and
 * whether it must be URL-encoded in ?token=….
 */
export async function hyfinWebhookApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const token = String(credential.data?.webhookToken ?? '');
	if (token.length < MIN_WEBHOOK_TOKEN_LENGTH) {
		return { status: 'Error', message: `The Webhook Token has ${token.length} characters; use at least ${MIN_WEBHOOK_TOKEN_LENGTH}, such as a generated password` };
	}
	if (encodeURIComponent(token) !== token) {
		return { status: 'OK', message: "Usable. Its special characters must be URL-encoded in ?token=… (as encodeURIComponent does)" };
	}
	return { status: 'OK', message: "Usable. Add ?token=<the token> to the trigger's Production URL in Hyfin" };
}
