import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

export class HyfinApi implements ICredentialType {
	name = 'hyfinApi';

	displayName = 'Hyfin API';

	icon: Icon = { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' };

	documentationUrl = 'https://dev.hyfin.app/docs/en/4.0';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://api.example-hyfin-host.com',
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
				'Which header carries the token. Hyfin documents neither; x-access-token is what known integrations use.',
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

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.accessToken ?? '');
		const header: Record<string, string> =
			credentials.authHeader === 'bearer' ? { Authorization: `Bearer ${token}` } : { 'x-access-token': token };
		return { ...requestOptions, headers: { ...requestOptions.headers, ...header } };
	}
}
