import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { HyfinApi } from '../../../credentials/HyfinApi.credentials';
import { checkBaseUrl } from '../../shared/baseUrl';
import { probeCredential } from '../../shared/credentialTest';
import { requireText } from '../../shared/validate';
import { siteUrl } from '../transport';

/** Reads a customer that cannot exist: 404 means the token was accepted, 401/403 that it was refused. */
export async function hyfinApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const { headers } = await new HyfinApi().authenticate(data, { url: '' });
	return await probeCredential(this, {
		vendor: 'Hyfin',
		headers: headers as Record<string, string>,
		url: () =>
			siteUrl(
				checkBaseUrl(data.baseUrl, 'Base URL'),
				'v3',
				requireText(data.siteId, 'Site ID'),
				'customer',
				'n8n-credential-test',
			),
	});
}
