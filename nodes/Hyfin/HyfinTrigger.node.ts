import { eventsProperty, setupNotice, webhookTriggerNode } from '../shared/nodeDescription';
import type { ICredentialDataDecryptedObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { hyfinApiTest, hyfinWebhookApiTest } from './methods/credentialTest';
import { acceptOnce, registeredByHand, answer, deliveryIdOf, readJsonObject, sameSecret } from '../shared/webhook';
import { deliveryIdentity, normaliseHyfin } from './trigger/notification';

/**
 * The token this trigger checks ('' when no credential is selected: the credential is optional). Version 1
 * reads it from the Hyfin API credential, version 2 from the Hyfin Webhook API credential, which holds nothing
 * else. Undefined when the token cannot be read: a version 2 node that still carries only a Hyfin API
 * credential (its version changed by hand), which n8n does not let version 2 read.
 */
async function webhookToken(ctx: IWebhookFunctions): Promise<string | undefined> {
	const node = ctx.getNode();
	const own = node.typeVersion >= 2 ? 'hyfinWebhookApi' : 'hyfinApi';
	if (node.credentials?.[own]) return String(((await ctx.getCredentials(own)) as ICredentialDataDecryptedObject).webhookToken ?? '');
	return node.typeVersion >= 2 && node.credentials?.hyfinApi ? undefined : '';
}

export class HyfinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hyfin Trigger',
		name: 'hyfinTrigger',
		icon: { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' },
		...webhookTriggerNode,
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Hyfin reports a payment or a notification (SMS, email, link clicked)',
		defaults: { name: 'Hyfin Trigger' },
		// Version 2 asks only for what the trigger uses; version 1 keeps the Hyfin API credential of saved workflows.
		credentials: [
			{ name: 'hyfinApi', required: false, testedBy: 'hyfinApiTest', displayOptions: { show: { '@version': [1] } } },
			{ name: 'hyfinWebhookApi', required: false, testedBy: 'hyfinWebhookApiTest', displayOptions: { show: { '@version': [2] } } },
		],
		properties: [
			setupNotice(
				'Hyfin has one webhook URL per site and no API to subscribe, so set it up yourself: copy this node\'s Production URL (above) into the site\'s webhook ("webhook": {"active": true, "url": "…"} in Hyfin\'s site addUpdate, or ask your Hyfin contact), or into an invoice\'s "webhook_url" for that invoice only. If you select a credential with a Webhook Token, add ?token=<the token> to the URL. This node never changes a site\'s webhook.',
			),
			eventsProperty('webhooks', [
				{ name: 'Notification', value: 'notification', description: 'An SMS or email was delivered or failed, or a link was clicked' },
				{ name: 'Payment', value: 'payment', description: 'A payment on an invoice' },
			]),
		],
	};

	methods = { credentialTest: { hyfinApiTest, hyfinWebhookApiTest } };

	// Hyfin has no subscription API and one webhook URL per site: nothing is registered or removed on
	// activation, so a site's webhook is never overwritten by this node.
	webhookMethods = registeredByHand;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const token = await webhookToken(this);
		// A token that cannot be read refuses every call: the check never turns off by itself.
		if (token === undefined) {
			return answer(this, { status: 401, message: 'This Hyfin Trigger (version 2) reads its token from a Hyfin Webhook API credential: select one' });
		}
		if (token !== '' && !sameSecret((this.getQueryData() as { token?: unknown }).token, token)) {
			return answer(this, { status: 401, message: 'Missing or wrong token' });
		}
		const read = readJsonObject(this.getRequestObject());
		if (!('body' in read)) return answer(this, read);
		const notification = normaliseHyfin(read.body);
		if (!('event' in notification)) return answer(this, notification);
		const events = this.getNodeParameter('events', ['*']) as string[];
		if (!events.includes('*') && !events.includes(notification.event)) {
			return answer(this, { status: 200, message: `Ignored: event ${notification.event} is not selected` });
		}
		const identity = deliveryIdentity(notification);
		if (!acceptOnce(this, identity)) {
			return answer(this, { status: 200, message: 'Already received' });
		}
		return { workflowData: [this.helpers.returnJsonArray([{ ...notification, deliveryId: deliveryIdOf(identity) }])] };
	}
}
