// @ts-check
/**
 * Hyfin's sites and webhooks, emulated: `POST /api/{v}/site/addUpdate` stores a site's webhook
 * (`"webhook": {"active": true, "url": "…"}`), and payments and notifications are posted to it (or to an
 * invoice's own `webhook_url`) in the 3.x shape (snake_case, decimal dollars) or the 4.x shape (camelCase,
 * integer cents), redelivered on Hyfin's schedule while the answer is not 200. Hyfin signs nothing.
 */
const crypto = require('node:crypto');
const { HYFIN_SCHEDULE_MS } = require('./notifier');

/** Integer cents as decimal dollars, the way 3.x payloads carry amounts (3515 → 35.15). @param {number} cents */
const dollars = (cents) => Number(`${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`);

/**
 * @typedef {object} WebhookEvent
 * @property {'payment' | 'notification'} action
 * @property {'v3' | 'v4'} shape
 * @property {number} [amountMinor]   payments: the amount in cents
 * @property {string} [status]        payments: paid / captured / failed / refunded …
 * @property {string} [invoice]       the invoice's external id (v3) or _id (v4)
 * @property {string} [customer]      the customer's external id (v3) or _id (v4)
 * @property {string} [paymentId]
 * @property {string} [message]       notifications
 * @property {boolean} [error]        notifications: whether the delivery failed
 */

/** The body Hyfin posts for an event. @param {string} site @param {WebhookEvent} event */
function webhookBody(site, event) {
	const id = event.paymentId ?? crypto.randomBytes(12).toString('hex');
	if (event.action === 'notification') {
		const data = event.shape === 'v4'
			? { site, invoice: event.invoice ?? null, message: event.message ?? 'Text to 18001231245 failed', error: event.error ?? true }
			: { site: { external_id: site, merchant_id: `mid-${site}` }, invoice: { external_id: event.invoice ?? null }, message: event.message ?? 'Text to 18001231245 failed', error: event.error ?? true };
		return { action: 'notification', data };
	}
	const cents = event.amountMinor ?? 3515;
	if (event.shape === 'v4') {
		return {
			action: 'payment',
			data: {
				id, site, customer: event.customer ?? null, type: 'payment_card', subType: 'visa', displayName: 'Visa 4242', amount: cents,
				totals: { amount: cents, tip: 0, fee: 0 }, paidOn: new Date().toISOString(), status: event.status ?? 'captured',
				allocations: event.invoice ? [{ refType: 'Invoice', ref: event.invoice, amount: cents }] : [], paymentTransactionEvents: [],
			},
		};
	}
	return {
		action: 'payment',
		data: {
			id, site: { external_id: site, merchant_id: `mid-${site}` }, invoice: { external_id: event.invoice ?? null }, customer: { external_id: event.customer ?? null },
			gateway_transaction_id: `gw-${id.slice(0, 8)}`, payment_type: 'payment_card', payment_sub_type: 'visa', display_name: 'Visa 4242',
			amount: dollars(cents), tax: 0, tip: 0, fee: 0, paid_on: new Date().toISOString(), status: event.status ?? 'paid', transaction_type: 'capture',
		},
	};
}

/**
 * @param {{ sites: string[] }} config
 * @param {ReturnType<typeof import('./notifier').createNotifier>} notifier
 */
function createHyfinSites(config, notifier) {
	/** @type {Map<string, { active: boolean, url: string }>} */
	let webhooks = new Map();

	/** site addUpdate: an existing site (by `_id` or `external_id`) is updated, else one is added. @param {Record<string, any>} body */
	function addUpdate(body) {
		const existing = [body._id, body.external_id].find((id) => typeof id === 'string' && config.sites.includes(id));
		const site = existing ?? crypto.randomBytes(12).toString('hex');
		if (!existing) config.sites.push(site);
		if (body.webhook && typeof body.webhook === 'object') {
			if (typeof body.webhook.url !== 'string' || !/^https?:\/\//.test(body.webhook.url)) return { status: 400, body: { success: false, errors: ['invalid field webhook.url'] } };
			webhooks.set(site, { active: body.webhook.active !== false, url: body.webhook.url });
		}
		return { status: 200, body: { success: true, action: existing ? 'updated' : 'added', _id: site } };
	}

	/**
	 * Posts an event to a URL (an invoice's webhook_url) or to the site's active webhook.
	 * @param {string} site @param {WebhookEvent} event @param {string} [url]
	 */
	function emit(site, event, url) {
		const target = url ?? (webhooks.get(site)?.active ? webhooks.get(site)?.url : undefined);
		const body = webhookBody(site, event);
		if (target) void notifier.deliver({ url: target, body, label: `hyfin ${event.action} ${event.shape} ${site}`, scheduleMs: HYFIN_SCHEDULE_MS });
		return { url: target ?? null, body };
	}

	return {
		addUpdate,
		emit,
		webhookOf: (/** @type {string} */ site) => webhooks.get(site),
		reset() {
			webhooks = new Map();
		},
	};
}

module.exports = { createHyfinSites, webhookBody, dollars };
