// @ts-check
/**
 * The triggers in real n8n: a workflow per trigger, activated before the server starts; the sandbox pays
 * a link (Bamboo) or posts a site webhook (Hyfin) to n8n's production URL; the execution n8n stored is read
 * back through the REST API and compared with what the sandbox sent; a redelivery and a forged call start
 * nothing.
 */
const assert = require('node:assert/strict');
const { sign } = require('../../../sandbox/bambooNotifications');
const { webhookBody } = require('../../../sandbox/hyfinWebhooks');
const { activateCommand, triggerOutputs, waitForExecutions, waitForWebhook } = require('../../../harness/n8n/executions');

const BAMBOO_WEBHOOK_ID = '7d1f4a52-0b8e-4c58-9d61-3a0e8b2f6c11';
const HYFIN_WEBHOOK_ID = '4b9e2c7a-6f13-4d0a-8e55-91c3d7a2b604';
const HYFIN_HOOK_CREDENTIAL = { id: 'bhHyfinWebhooks01', name: 'Hyfin webhooks', token: 'e2e-webhook-token-42' };
// Hyfin Trigger version 2 and its own credential (the Webhook Token only).
const HYFIN_V2_WEBHOOK_ID = '4b9e2c7a-6f13-4d0a-8e55-91c3d7a2b605';
const HYFIN_V2_CREDENTIAL = { id: 'bhHyfinWebhookV2', name: 'Hyfin webhook token', token: 'e2e-v2-webhook-token-0123456789' };

/** @param {string} id @param {string} name @param {Record<string, any>} node */
function triggerWorkflow(id, name, node) {
	return { id, name, active: false, nodes: [{ id: `${id}-node`, typeVersion: 1, position: [0, 0], parameters: { events: ['*'] }, ...node }], connections: {}, settings: { executionOrder: 'v1' } };
}

/** The workflows and the extra credential the trigger checks need, to import with the others. */
function triggerFixtures(/** @type {Record<string, any>} */ hyfinCredential) {
	return {
		credentials: [
			{ ...hyfinCredential, id: HYFIN_HOOK_CREDENTIAL.id, name: HYFIN_HOOK_CREDENTIAL.name, data: { ...hyfinCredential.data, webhookToken: HYFIN_HOOK_CREDENTIAL.token } },
			{ id: HYFIN_V2_CREDENTIAL.id, name: HYFIN_V2_CREDENTIAL.name, type: 'hyfinWebhookApi', data: { webhookToken: HYFIN_V2_CREDENTIAL.token } },
		],
		workflows: [
			triggerWorkflow('bhE2eBambooTrig1', 'e2e: Bamboo Payment Trigger', {
				name: 'Bamboo Payment Trigger',
				type: 'n8n-nodes-bamboo-hyfin.bambooPaymentTrigger',
				webhookId: BAMBOO_WEBHOOK_ID,
				credentials: { bambooPaymentApi: { id: 'bhBambooSandbox01', name: 'Bamboo sandbox' } },
			}),
			triggerWorkflow('bhE2eHyfinTrig01', 'e2e: Hyfin Trigger', {
				name: 'Hyfin Trigger',
				type: 'n8n-nodes-bamboo-hyfin.hyfinTrigger',
				webhookId: HYFIN_WEBHOOK_ID,
				credentials: { hyfinApi: { id: HYFIN_HOOK_CREDENTIAL.id, name: HYFIN_HOOK_CREDENTIAL.name } },
			}),
			triggerWorkflow('bhE2eHyfinTrig02', 'e2e: Hyfin Trigger v2', {
				name: 'Hyfin Trigger',
				type: 'n8n-nodes-bamboo-hyfin.hyfinTrigger',
				typeVersion: 2,
				webhookId: HYFIN_V2_WEBHOOK_ID,
				credentials: { hyfinWebhookApi: { id: HYFIN_V2_CREDENTIAL.id, name: HYFIN_V2_CREDENTIAL.name } },
			}),
		],
	};
}





/**
 * @param {{ base: string, rest: (method: string, route: string, body?: unknown) => Promise<any>, n8nDir: string, sandbox: any, privateKey: string }} context
 */
async function checkBambooTrigger(context) {
	const url = `${context.base}/webhook/${BAMBOO_WEBHOOK_ID}/webhook`;
	await waitForWebhook(url);
	const created = await fetch(`${context.sandbox.bambooBaseUrl}/api/v1/payments`, {
		method: 'POST',
		headers: { authorization: `Basic ${context.privateKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ amount: 12345, currencyCode: 'UYU', paymentType: 'CheckoutPro', orderNumber: 'SO-E2E-1', notificationUrl: url }),
	});
	const { paymentId } = /** @type {{ paymentId: string }} */ (await created.json());
	const paid = context.sandbox.vendors.bamboo.pay(paymentId);
	await context.sandbox.notifier.settled();
	const read = () => triggerOutputs(context.rest, 'bhE2eBambooTrig1', context.n8nDir);
	const [[item]] = await waitForExecutions(read, 1);
	assert.deepEqual(item, {
		event: 'approved', family: 'purchase', status: 'Approved', statusId: 1, purchaseId: paid.body.PurchaseId, transactionId: paid.body.Transaction.TransactionId,
		orderNumber: 'SO-E2E-1', amount: 12345, currency: 'UYU', verified: true, signatureCovers: ['purchaseId', 'amount', 'currency'], deliveryId: item.deliveryId, body: paid.body,
	});
	assert.match(item.deliveryId, /^[0-9a-f]{32}$/);
	// A redelivery right after the first (freshly signed, as Bamboo would) and a forged call start nothing.
	const dateSent = new Date().toISOString();
	const redelivery = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', datesent: dateSent, signature: sign(paid.body, dateSent, context.privateKey) }, body: JSON.stringify(paid.body) });
	assert.equal(redelivery.status, 200);
	const forged = { ...paid.body, Amount: 1 };
	const forgery = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', datesent: dateSent, signature: sign(forged, dateSent, 'not-the-merchant-key') }, body: JSON.stringify(forged) });
	assert.equal(forgery.status, 401);
	await new Promise((resolve) => setTimeout(resolve, 2000));
	assert.equal((await read()).length, 1, 'one execution in all');
}

/** @param {{ base: string, rest: (method: string, route: string, body?: unknown) => Promise<any>, n8nDir: string, sandbox: any }} context */
async function checkHyfinTrigger(context) {
	const url = `${context.base}/webhook/${HYFIN_WEBHOOK_ID}/webhook`;
	await waitForWebhook(url);
	context.sandbox.vendors.hyfin.sites.addUpdate({ _id: 'site-1', webhook: { active: true, url: `${url}?token=${HYFIN_HOOK_CREDENTIAL.token}` } });
	const sent = context.sandbox.vendors.hyfin.sites.emit('site-1', { action: 'payment', shape: 'v3', amountMinor: 4599, invoice: 'INV-E2E', customer: 'crm-1001' });
	await context.sandbox.notifier.settled();
	const read = () => triggerOutputs(context.rest, 'bhE2eHyfinTrig01', context.n8nDir);
	const [[item]] = await waitForExecutions(read, 1);
	assert.deepEqual(item, {
		event: 'payment', shape: 'v3', status: 'paid', amountMinor: 4599, paymentId: sent.body.data.id, invoiceId: 'INV-E2E', customerId: 'crm-1001',
		message: null, error: null, deliveryId: item.deliveryId, body: sent.body,
	});
	assert.match(item.deliveryId, /^[0-9a-f]{32}$/);
	const redelivery = await fetch(`${url}?token=${HYFIN_HOOK_CREDENTIAL.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent.body) });
	assert.equal(redelivery.status, 200);
	const forged = webhookBody('site-1', { action: 'payment', shape: 'v4', amountMinor: 1 });
	const forgery = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
	assert.equal(forgery.status, 401);
	await new Promise((resolve) => setTimeout(resolve, 2000));
	assert.equal((await read()).length, 1, 'one execution in all');
	await checkHyfinTriggerV2(context);
}

/**
 * Version 2 checks the token of its Hyfin Webhook API credential (the only credential it asks for): a call
 * without it or with another token starts nothing; one with it starts one execution.
 * @param {{ base: string, rest: (method: string, route: string, body?: unknown) => Promise<any>, n8nDir: string }} context
 */
async function checkHyfinTriggerV2(context) {
	const url = `${context.base}/webhook/${HYFIN_V2_WEBHOOK_ID}/webhook`;
	await waitForWebhook(url);
	const body = JSON.stringify(webhookBody('site-1', { action: 'payment', shape: 'v4', amountMinor: 2500, invoice: 'INV-E2E-V2' }));
	const post = (/** @type {string} */ query) => fetch(`${url}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	assert.equal((await post('')).status, 401, 'no token');
	assert.equal((await post(`?token=${HYFIN_HOOK_CREDENTIAL.token}`)).status, 401, "the Hyfin API credential's token is not this trigger's");
	assert.equal((await post(`?token=${HYFIN_V2_CREDENTIAL.token}`)).status, 200);
	const read = () => triggerOutputs(context.rest, 'bhE2eHyfinTrig02', context.n8nDir);
	const [[item]] = await waitForExecutions(read, 1);
	assert.deepEqual([item.event, item.shape, item.amountMinor, item.invoiceId], ['payment', 'v4', 2500, 'INV-E2E-V2']);
}

module.exports = { triggerFixtures, activateCommand, checkBambooTrigger, checkHyfinTrigger, waitForWebhook, triggerOutputs, waitForExecutions };
