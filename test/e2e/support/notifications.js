// @ts-check
/**
 * The notification examples as shipped (trigger → Remove Duplicates on the trigger's deliveryId → the step
 * that acts on a payment): notifications delivered, then every one delivered again where the trigger's own
 * memory cannot help (after a restart, or to another webhook process). What the acting step received is read
 * back from the executions n8n stored: each notification once.
 */
const assert = require('node:assert/strict');
const { sign } = require('../../../sandbox/bambooNotifications');
const { webhookBody } = require('../../../sandbox/hyfinWebhooks');
const { readExample } = require('../../../harness/examples');
const { waitForWebhook } = require('./triggers');

const BAMBOO = 'bamboo-payment-notifications.json';
const HYFIN = 'hyfin-payment-notifications.json';

/** The example, its webhook path and the node that acts on a payment. @param {string} file */
function example(file) {
	const workflow = readExample(file);
	const trigger = workflow.nodes.find((/** @type {any} */ node) => node.webhookId);
	const acting = workflow.nodes.find((/** @type {any} */ node) => node.type === 'n8n-nodes-base.set');
	return { workflow, path: `/webhook/${trigger.webhookId}/webhook`, acting: String(acting.name) };
}

/**
 * `count` paid Bamboo links and their notifications (as the sandbox makes them), to deliver and deliver again.
 * @param {any} sandbox @param {string} prefix @param {number} count
 */
async function bambooNotifications(sandbox, prefix, count) {
	const key = String(sandbox.config.bamboo.privateKey);
	const bodies = [];
	for (let i = 0; i < count; i++) {
		const created = await fetch(`${sandbox.bambooBaseUrl}/api/v1/payments`, {
			method: 'POST',
			headers: { authorization: `Basic ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ amount: 1000 + i, currencyCode: 'UYU', paymentType: 'CheckoutPro', orderNumber: `${prefix}-${i}` }),
		});
		const { paymentId } = /** @type {{ paymentId: string }} */ (await created.json());
		bodies.push(/** @type {{ body: Record<string, unknown> }} */ (sandbox.vendors.bamboo.pay(paymentId)).body);
	}
	// Each delivery is signed anew, with a zone-less UTC dateSent, as Bamboo sends it.
	return bodies.map((body) => (/** @type {string} */ url) => {
		const dateSent = new Date().toISOString().replace('Z', '');
		return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', datesent: dateSent, signature: sign(body, dateSent, key) }, body: JSON.stringify(body) });
	});
}

/** `count` Hyfin payment webhooks of site-1, as Hyfin posts them. @param {string} prefix @param {number} count */
function hyfinNotifications(prefix, count) {
	return Array.from({ length: count }, (_v, i) => {
		const body = webhookBody('site-1', { action: 'payment', shape: 'v3', amountMinor: 1000 + i, invoice: `${prefix}-${i}`, customer: 'crm-1001' });
		return (/** @type {string} */ url) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	});
}

/**
 * Delivers each notification once, the next when the execution the last one started has ended (n8n's store
 * behind Remove Duplicates is not safe for executions that overlap: see the README); returns how many started
 * an execution (the trigger answers a call it turns away itself, with its reason; an accepted one gets n8n's
 * empty 200).
 * @param {Array<(url: string) => Promise<Response>>} deliveries @param {string} url
 * @param {(executions: number) => Promise<unknown>} ended waits until that many executions of the workflow have ended
 * @param {number} before executions of the workflow before these deliveries
 */
async function deliverAll(deliveries, url, ended, before) {
	let started = 0;
	for (const deliver of deliveries) {
		const answer = await deliver(url);
		const text = await answer.text();
		assert.equal(answer.status, 200, text);
		if (/Already received|Ignored/.test(text)) continue;
		started++;
		await ended(before + started);
	}
	return started;
}

/**
 * What one node received in every stored execution of a workflow, once `count` executions have finished.
 * @param {{ rest: (method: string, route: string) => Promise<any>, n8nDir: string }} n8n @param {string} workflowId @param {string} node @param {number} count
 */
async function receivedBy(n8n, workflowId, node, count) {
	const { parse } = require(require.resolve('flatted', { paths: [n8n.n8nDir] }));
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	let finished = [];
	for (const until = Date.now() + 120000; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
		const list = await n8n.rest('GET', `/executions?filter=${filter}&limit=100`);
		finished = (list.results ?? list).filter((/** @type {any} */ row) => row.finished || ['success', 'error', 'crashed'].includes(row.status));
		if (finished.length >= count) break;
		if (Date.now() > until) throw new Error(`${finished.length} of ${count} executions of ${workflowId} finished`);
	}
	const received = [];
	for (const row of finished) {
		const execution = await n8n.rest('GET', `/executions/${row.id}`);
		const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
		for (const item of data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []) received.push(item.json);
	}
	return { executions: finished.length, received };
}

module.exports = { BAMBOO, HYFIN, example, bambooNotifications, hyfinNotifications, deliverAll, receivedBy, waitForWebhook };
