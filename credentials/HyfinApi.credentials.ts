import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { hyfinAuthHeaders } from '../nodes/Hyfin/transport/auth';
import { withinBaseRequest } from '../nodes/shared/credentialScope';

export class HyfinApi implements ICredentialType {
	name = 'hyfinApi';

	displayName = 'Hyfin API';

	icon: Icon = { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' };

	documentationUrl = 'https://github.com/bamboo-hyfin/n8n-nodes-bamboo-hyfin/blob/main/docs/credentials/hyfin-api.md';

	// Usable in n8n's HTTP Request node ("Predefined Credential Type") for Hyfin's other endpoints.
	httpRequestNode = {
		name: 'Hyfin',
		docsUrl: 'https://dev.hyfin.app/docs/en/4.0',
		apiBaseUrlPlaceholder: 'https://<your Hyfin API address>/api/v4/site/<site id>/invoice/<invoice id>',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://api.example-hyfin-host.com',
			description:
				'Address of the Hyfin API for your account, without /api/v3 (Hyfin does not publish one address; your Hyfin or reseller contact provides it). Must use https; http is accepted only for a loopback address.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API token of your Hyfin account, from your Hyfin or reseller contact. Sent only to the Base URL above.',
		},
		{
			displayName: 'Send Token As',
			name: 'authHeader',
			type: 'options',
			options: [
				{ name: 'X-Access-Token Header', value: 'xAccessToken' },
				{ name: 'Authorization: Bearer Header', value: 'bearer' },
			],
			default: 'xAccessToken',
			description:
				'Which header carries the token. X-Access-Token is what existing Hyfin integrations use; choose Bearer if your Hyfin contact says so.',
		},
		{
			displayName: 'Site ID',
			name: 'siteId',
			type: 'string',
			required: true,
			default: '',
			description: 'The ID of the Hyfin site (business location) to work in. A node can override it per item.',
		},
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. When set, the Hyfin Trigger accepts only calls whose URL carries it as ?token=…, so that knowing the URL alone is not enough. Hyfin signs nothing, so this is how a webhook proves it was set up by you.',
		},
	];

	// The token is only ever added to requests for this credential's own address, and never follows a redirect.
	// An own property, not a method: n8n copies a community credential's own properties into the editor's
	// credential list, and the HTTP Request node offers only credentials listed with `authenticate`.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> =>
		withinBaseRequest(requestOptions, credentials.baseUrl, 'Hyfin API', hyfinAuthHeaders(credentials));
}
