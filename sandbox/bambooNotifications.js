// @ts-check
/**
 * Bamboo's side of a paid link, emulated: the payment notifications (Purchase and Transaction payloads,
 * chargebacks), signed as Bamboo documents (HMAC-SHA256 in hex, keyed with the merchant's private key,
 * over PurchaseId + Amount + Currency + the dateSent header), sent to the link's notificationUrl or the
 * merchant's default, and redelivered on Bamboo's schedule while the answer is not 200. Plus a minimal
 * checkout page where a person can pay a link.
 */
const crypto = require('node:crypto');
const { BAMBOO_SCHEDULE_MS } = require('./notifier');

/** Bamboo's transaction statuses by the outcome a test or a person chooses. */
const STATUSES = {
	approved: { id: 1, text: 'Approved' },
	pending: { id: 2, text: 'Pending' },
	rejected: { id: 4, text: 'Rejected' },
	cancelled: { id: 6, text: 'Cancelled' },
};

/** @typedef {keyof typeof STATUSES} Outcome */

/**
 * The payload Bamboo sends for a payment of the given family.
 * @param {{ purchaseId: number, transactionId: number, order: string | undefined, amount: number, currency: string, metadata?: unknown }} payment
 * @param {Outcome} outcome @param {'purchase' | 'transaction' | 'chargeback'} family
 */
function payload(payment, outcome, family) {
	const status = STATUSES[outcome];
	if (family === 'transaction') {
		return {
			TransactionId: payment.transactionId,
			TransactionType: 'Purchase',
			TransactionStatusId: status.id,
			Status: status.text,
			ErrorCode: outcome === 'rejected' ? 'TR013' : null,
			Amount: payment.amount,
			Currency: payment.currency,
			Installments: 1,
			UniqueId: '',
			Order: payment.order ?? '',
			Description: status.text,
			TargetCountryIso: 'UY',
			Created: new Date().toISOString().replace('Z', ''),
			Customer: {},
			PaymentMedia: {},
		};
	}
	if (family === 'chargeback') {
		return { ChargebackId: payment.transactionId + 7, PurchaseId: payment.purchaseId, Status: 'PENDING', Amount: payment.amount, Currency: payment.currency, Order: payment.order ?? '' };
	}
	return {
		PurchaseId: payment.purchaseId,
		UniqueId: null,
		Order: payment.order ?? '',
		Amount: payment.amount,
		Installments: 1,
		Currency: payment.currency,
		MetadataOut: payment.metadata ?? {},
		Transaction: { TransactionId: payment.transactionId, TransactionStatusId: status.id, Status: status.text, Description: status.text, ApprovalCode: outcome === 'approved' ? '123456' : null },
	};
}

/**
 * The documented signature of a payload.
 * @param {Record<string, any>} body @param {string} dateSent @param {string} privateKey
 */
function sign(body, dateSent, privateKey) {
	// Bamboo's payloads come in PascalCase or camelCase; it signs the values whatever their casing.
	const value = (/** @type {string} */ name) => Object.entries(body).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
	const part = (/** @type {unknown} */ v) => (v === undefined || v === null ? '' : String(v));
	const text = `${part(value('PurchaseId') ?? value('TransactionId'))}${part(value('Amount'))}${part(value('Currency'))}${dateSent}`;
	return crypto.createHmac('sha256', privateKey).update(text, 'utf8').digest('hex');
}

/**
 * Sends a notification, signed, with redeliveries.
 * @param {ReturnType<typeof import('./notifier').createNotifier>} notifier
 * @param {{ url: string, body: Record<string, any>, privateKey: string, signatureHeader?: string, dateSent?: string, label: string }} notification
 */
function notify(notifier, notification) {
	// Bamboo documents dateSent as UTC; like its Created field, it carries no zone.
	const dateSent = notification.dateSent ?? new Date().toISOString().replace('Z', '');
	const headers = { datesent: dateSent, [notification.signatureHeader ?? 'signature']: sign(notification.body, dateSent, notification.privateKey) };
	return notifier.deliver({ url: notification.url, body: notification.body, headers, label: notification.label, scheduleMs: BAMBOO_SCHEDULE_MS });
}

/** A checkout page for a link (`.../checkout/#?paymentId=…`): shows the payment and pays it on a click. */
const CHECKOUT_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox checkout</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}button{font-size:1.1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
<body><h1>Sandbox checkout</h1><p id="payment">Reading the payment…</p>
<button id="pay">Pay</button><button id="reject">Reject</button><p id="result"></p>
<script>
const id = new URLSearchParams(location.hash.replace(/^#\\/?\\?/, '')).get('paymentId');
document.getElementById('payment').textContent = id ? 'Payment ' + id : 'No paymentId in the link';
for (const [button, status] of [['pay', 'approved'], ['reject', 'rejected']]) {
	document.getElementById(button).onclick = async () => {
		const answer = await fetch('../_sandbox/payments/' + encodeURIComponent(id) + '/pay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status }) });
		document.getElementById('result').textContent = answer.ok ? 'Done: ' + status + '. The merchant has been notified.' : 'Failed: HTTP ' + answer.status;
	};
}
</script></body></html>`;

module.exports = { payload, sign, notify, STATUSES, CHECKOUT_PAGE };
