import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { checkBaseUrl } from '../../shared/urlSafety';
import { probeCredential } from '../../shared/credentialTest';
import { vendorMessages } from '../../shared/vendorMessages';
import { apiUrl, bambooBaseUrl } from '../transport';

/**
 * Looks up a customer that cannot exist. Bamboo's own JSON "not found" answer (`isSuccess: false` with
 * errors) proves that Bamboo answered at this address and accepted the key; 401/403 mean it refused it.
 */
export async function bambooPaymentApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const privateKey = String(data.privateKey ?? '');
	return await probeCredential(this, {
		vendor: 'Bamboo',
		// The same header as the credential's authenticate block: the raw key after "Basic".
		headers: { Authorization: `Basic ${privateKey}` },
		secrets: { 'Private Key': privateKey },
		url: () => apiUrl(checkBaseUrl(bambooBaseUrl(data), 'Base URL'), 'customers', 'n8n-credential-test'),
		interpret: (statusCode, body) => {
			const errors = body.errors ?? body.Errors;
			const bambooShaped = typeof body.isSuccess === 'boolean' || Array.isArray(errors);
			if (!bambooShaped) return undefined;
			if ((statusCode >= 200 && statusCode < 300 && body.isSuccess === true) || statusCode === 404) {
				return { status: 'OK', message: 'Bamboo accepted the credential' };
			}
			const messages = vendorMessages(errors ?? body.message).join('; ');
			return { status: 'Error', message: `Bamboo answered HTTP ${statusCode}${messages ? `: ${messages}` : ''}` };
		},
	});
}
