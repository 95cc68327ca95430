import { eventsProperty, setupNotice, webhookTriggerNode } from '../shared/nodeDescription';
import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { bambooPaymentApiTest } from './methods/credentialTest';
import { acceptOnce, registeredByHand, answer, deliveryIdOf, parseUtc, readJsonObject, sameSecret } from '../shared/webhook';
import { deliveryIdentity, normaliseBamboo, signatureOf } from './trigger/notification';

const DEFAULT_SIGNATURE_HEADER = 'signature';
const DEFAULT_MAX_AGE_SECONDS = 900;

/** Reads a request header (n8n hands them over in lower case). */
function header(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.trim().toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export class BambooPaymentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bamboo Payment Trigger',
		name: 'bambooPaymentTrigger',
		icon: { light: 'file:bamboo.svg', dark: 'file:bamboo.dark.svg' },
		...webhookTriggerNode,
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Bamboo notifies the status of a payment',
		defaults: { name: 'Bamboo Payment Trigger' },
		credentials: [{ name: 'bambooPaymentApi', required: true, testedBy: 'bambooPaymentApiTest' }],
		properties: [
			setupNotice(
				'Bamboo sends payment notifications to the URL of a link: copy this node\'s Production URL (above) into "Notification URL" when you create the link (Bamboo Payment Link → Create → Additional Fields), or set it once as the default notification URL in Bamboo\'s Merchant Dashboard. Then publish the workflow (activate it, in n8n 1.x).',
			),
			eventsProperty('notifications', [
				{ name: 'Approved', value: 'approved', description: 'The payment was approved (or paid)' },
				{ name: 'Canceled', value: 'cancelled' },
				{ name: 'Chargeback', value: 'chargeback', description: 'A chargeback was opened or changed' },
				{ name: 'Pending', value: 'pending', description: 'The payment is pending or pre-authorized' },
				{ name: 'Refunded', value: 'refunded' },
				{ name: 'Rejected', value: 'rejected' },
			]),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Age of a Notification (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_AGE_SECONDS,
						description: 'A signed notification whose dateSent header is further from now than this is refused as a replay. 0 turns the check off.',
					},
					{
						displayName: 'Signature Header',
						name: 'signatureHeader',
						type: 'string',
						default: DEFAULT_SIGNATURE_HEADER,
						description: "The header that carries Bamboo's signature. Bamboo documents the signature but not the header's name.",
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description: 'Whether to refuse (401) a notification without a valid HMAC-SHA256 signature made with the private key',
					},
				],
			},
		],
	};

	methods = { credentialTest: { bambooPaymentApiTest } };

	// Bamboo has no API to register a notification URL: it is set per link or in the Merchant Dashboard.
	// Activation therefore registers nothing with Bamboo, and deactivation removes nothing.
	webhookMethods = registeredByHand;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const read = readJsonObject(this.getRequestObject());
		if (!('body' in read)) return answer(this, read);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const verify = options.verifySignature !== false;
		let signature: string | undefined;
		if (verify) {
			const { privateKey } = await this.getCredentials('bambooPaymentApi');
			const dateSent = header(this, 'dateSent');
			const given = header(this, String(options.signatureHeader || DEFAULT_SIGNATURE_HEADER));
			if (!dateSent || !given) return answer(this, { status: 401, message: 'Missing signature or dateSent header' });
			signature = given.trim().toLowerCase();
			if (!sameSecret(signature, signatureOf(read.body, dateSent, String(privateKey ?? '')))) {
				return answer(this, { status: 401, message: 'Invalid signature' });
			}
			const maxAge = Number(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
			const sentAt = parseUtc(dateSent);
			if (maxAge > 0 && !(Math.abs(Date.now() - sentAt) <= maxAge * 1000)) {
				return answer(this, { status: 401, message: 'dateSent is too far from now: refused as a replay' });
			}
		}
		const notification = normaliseBamboo(read.body, verify);
		const events = this.getNodeParameter('events', ['*']) as string[];
		if (!events.includes('*') && !(notification.event !== null && events.includes(notification.event))) {
			return answer(this, { status: 200, message: `Ignored: event ${notification.event ?? 'unknown'} is not selected` });
		}
		// A signature is accepted once, whatever else the body says: Bamboo signs neither the status nor the order.
		if (signature !== undefined && !acceptOnce(this, `bamboo-signature:${signature}`)) {
			return answer(this, { status: 200, message: 'Already received: this signature was accepted before' });
		}
		const identity = deliveryIdentity(notification);
		if (!acceptOnce(this, identity)) {
			return answer(this, { status: 200, message: 'Already received' });
		}
		return { workflowData: [this.helpers.returnJsonArray([{ ...notification, deliveryId: deliveryIdOf(identity) }])] };
	}
}
