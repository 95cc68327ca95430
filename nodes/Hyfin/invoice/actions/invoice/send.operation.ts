import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { requireText } from '../../../../shared/validate';
import { hyfinSite, siteUrl } from '../../../transport';
import { invoiceKeyProperties } from '../../fields/keys';

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['send'] } }, invoiceKeyProperties('send'));

const THROTTLE = /sent\s*<\s*300\s*sec/i;

/** Hyfin refuses a re-send within 300 seconds of the last one: say so, and when the invoice can be sent again. */
export function explainThrottle(invoice: string, now = new Date()) {
	return (vendorText: string): string | undefined => {
		if (!THROTTLE.test(vendorText)) return undefined;
		const latest = new Date(now.getTime() + 300000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		return `Hyfin did not send invoice "${invoice}" again: it was sent less than 300 seconds ago, and Hyfin refuses a re-send within 5 minutes of the last one ("${vendorText}"). It can be sent again by ${latest} at the latest. Not retried automatically, so the customer is not messaged twice`;
	};
}

export const toolAction =
	'Send an invoice to its customer by SMS and/or email. Each call messages the customer again: call it once per invoice, and if it fails with an error saying the invoice may or may not have been sent, do not call this tool again for it';

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const isV4 = version === 'v4';
	const key = isV4 ? requireText(item.param('invoiceId', ''), 'Invoice ID') : requireText(item.param('externalId', ''), 'External ID');
	const reference = `invoice "${key}"`;
	return {
		method: 'POST',
		url: siteUrl(item.baseUrl, version, siteId, 'invoice', 'send'),
		body: isV4 ? { _id: key } : { external_id: key },
		// Only Hyfin's documented answer counts as sent: {"success": true, "action": "updated"}.
		answerKeys: ['success'],
		explainRefusal: explainThrottle(key),
		// A send texts or e-mails the customer: never repeated once it may have arrived.
		creates: {
			record: 'invoice sent to its customer',
			reference,
			unclearOutcome: `The invoice may or may not have been sent (the customer may have been texted or emailed). Before sending ${reference} again, look at its notifications (Invoice → Get). Do not retry automatically`,
			summary: () => ({ invoice: key }),
			// Two items sending one invoice in a run: the customer is messaged once.
			oncePerRun: {
				key: `${version} ${siteId} ${key}`,
				mirror: (first, outcome) =>
					outcome.ok
						? { json: { ...outcome.json, skipped: true, message: `Invoice "${key}" is also sent by item ${first} of this run: sent once, so the customer is messaged once` } }
						: { error: `Invoice "${key}" is also on item ${first} of this run, whose send failed (${outcome.message}): not sent again` },
			},
		},
	};
}
