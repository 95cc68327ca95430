import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { bambooBaseUrl } from '../nodes/BambooPayment/transport/hosts';
import { withinBaseRequest } from '../nodes/shared/credentialScope';

export class BambooPaymentApi implements ICredentialType {
	name = 'bambooPaymentApi';

	displayName = 'Bamboo Payment API';

	icon: Icon = { light: 'file:bamboo.svg', dark: 'file:bamboo.dark.svg' };

	documentationUrl = 'https://github.com/bamboo-hyfin/n8n-nodes-bamboo-hyfin/blob/main/docs/credentials/bamboo-payment-api.md';

	// Usable in n8n's HTTP Request node ("Predefined Credential Type") for Bamboo's other endpoints.
	httpRequestNode = {
		name: 'Bamboo Payment',
		docsUrl: 'https://docs.bamboopayment.com/docs/create-payment-link',
		apiBaseUrlPlaceholder: 'https://h2h.stage.bamboopayment.com/api/v1/payments/methods',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Stage (Testing)', value: 'stage', description: 'https://h2h.stage.bamboopayment.com' },
				{ name: 'Production', value: 'production', description: 'https://h2h.bamboopayment.com' },
				{ name: 'Custom', value: 'custom', description: 'Another address, such as a proxy or a local sandbox' },
			],
			default: 'stage',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://h2h-proxy.example.com',
			description: 'Address the /api/v1 paths hang off. Must use https; http is accepted only for a loopback address.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The merchant's private key (not the public one), from Bamboo's Merchant Console",
		},
	];

	/**
	 * Bamboo wants the raw key after "Basic", not base64 of user:password, so n8n's Basic Auth does not fit.
	 * The key is only ever added to requests for this credential's own host, and never follows a redirect.
	 * An own property, not a method: n8n copies a community credential's own properties into the editor's
	 * credential list, and the HTTP Request node offers only credentials listed with `authenticate`.
	 */
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> =>
		withinBaseRequest(requestOptions, bambooBaseUrl(credentials), 'Bamboo Payment API', {
			Authorization: `Basic ${String(credentials.privateKey ?? '')}`,
		});
}
