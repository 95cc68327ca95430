import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Bamboo's documented hosts, by the credential's Environment. */
export const BAMBOO_HOSTS: Record<string, string> = {
	stage: 'https://h2h.stage.bamboopayment.com',
	production: 'https://h2h.bamboopayment.com',
};

/** The base URL a Bamboo credential's key may be sent to. */
export function bambooBaseUrl(data: ICredentialDataDecryptedObject): unknown {
	const environment = data.environment ?? 'stage';
	return environment === 'custom' ? data.baseUrl : BAMBOO_HOSTS[String(environment)];
}
