import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The header that carries the access token, as the credential's "Send Token As" chooses. */
export function hyfinAuthHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const token = String(credentials.accessToken ?? '');
	return credentials.authHeader === 'bearer' ? { Authorization: `Bearer ${token}` } : { 'x-access-token': token };
}
