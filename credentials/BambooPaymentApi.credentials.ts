import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class BambooPaymentApi implements ICredentialType {
	name = 'bambooPaymentApi';

	displayName = 'Bamboo Payment API';

	icon: Icon = { light: 'file:bamboo.svg', dark: 'file:bamboo.dark.svg' };

	documentationUrl = 'https://docs.bamboopayment.com/reference/authentication';

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
			placeholder: 'https://h2h-proxy.example.com',
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

	// Bamboo wants the raw key after "Basic", not base64 of user:password, so n8n's Basic Auth does not fit.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Basic {{$credentials.privateKey}}' },
		},
	};
}
