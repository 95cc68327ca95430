import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * What the Hyfin Trigger (version 2 on) uses: only the webhook token. A trigger-only user fills nothing
 * else; the API credential (Hyfin API) stays for the action nodes and for Hyfin Trigger version 1.
 */
export class HyfinWebhookApi implements ICredentialType {
	name = 'hyfinWebhookApi';

	displayName = 'Hyfin Webhook API';

	icon: Icon = { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' };

	documentationUrl = 'https://github.com/bamboo-hyfin/n8n-nodes-bamboo-hyfin/blob/main/docs/credentials/hyfin-webhook.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A secret you choose. The Hyfin Trigger accepts only calls whose URL carries it as ?token=…, so knowing the URL alone is not enough. Hyfin signs nothing, so this is how a webhook proves it was set up by you.',
		},
	];
}
