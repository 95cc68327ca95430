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
