import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { checkBaseUrl } from '../../shared/baseUrl';
import { probeCredential } from '../../shared/credentialTest';
import { apiUrl, bambooBaseUrl } from '../transport';

/** Reads a customer that cannot exist: 404 means the key was accepted, 401/403 that it was refused. */
export async function bambooPaymentApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	return await probeCredential(this, {
		vendor: 'Bamboo',
		// The same header as the credential's authenticate block: the raw key after "Basic".
		headers: { Authorization: `Basic ${String(data.privateKey ?? '')}` },
		url: () => apiUrl(checkBaseUrl(bambooBaseUrl(data), 'Base URL'), 'customers', 'n8n-credential-test'),
	});
}
