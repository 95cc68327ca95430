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

const BAMBOO_WEBHOOK_ID = '7d1f4a52-0b8e-4c58-9d61-3a0e8b2f6c11';
const HYFIN_WEBHOOK_ID = '4b9e2c7a-6f13-4d0a-8e55-91c3d7a2b604';
const HYFIN_HOOK_CREDENTIAL = { id: 'bhHyfinWebhooks01', name: 'Hyfin webhooks', token: 'e2e-webhook-token-42' };

/** @param {string} id @param {string} name @param {Record<string, any>} node */
function triggerWorkflow(id, name, node) {
	return { id, name, active: false, nodes: [{ id: `${id}-node`, typeVersion: 1, position: [0, 0], parameters: { events: ['*'] }, ...node }], connections: {}, settings: { executionOrder: 'v1' } };
}

/** The workflows and the extra credential the trigger checks need, to import with the others. */
function triggerFixtures(/** @type {Record<string, any>} */ hyfinCredential) {
	return {
		credentials: [{ ...hyfinCredential, id: HYFIN_HOOK_CREDENTIAL.id, name: HYFIN_HOOK_CREDENTIAL.name, data: { ...hyfinCredential.data, webhookToken: HYFIN_HOOK_CREDENTIAL.token } }],
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
		],
	};
}

/** The CLI command that activates a workflow before `n8n start`: it changed name in 2.x. @param {'1' | '2'} major @param {string} id */
function activateCommand(major, id) {
	return major === '2' ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
}

/**
 * Waits until n8n has registered a production POST webhook (it says "not registered" for a while after
 * /healthz, and answers OPTIONS before that): a GET then gets n8n's "not registered for GET requests".
 * @param {string} url
 */
async function waitForWebhook(url) {
	for (const until = Date.now() + 90000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
		const probe = await fetch(url).then(async (answer) => ({ status: answer.status, text: await answer.text() })).catch(() => undefined);
		if (probe && (probe.status !== 404 || /not registered for GET requests/.test(probe.text))) return;
	}
	throw new Error(`n8n never registered ${url}`);
}

/**
 * The trigger output of every stored execution of a workflow, oldest first.
 * @param {(method: string, route: string) => Promise<any>} rest @param {string} workflowId @param {string} n8nDir
 */
async function triggerOutputs(rest, workflowId, n8nDir) {
	const { parse } = require(require.resolve('flatted', { paths: [n8nDir] }));
	const list = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
	// Only executions that have ended: a running one has no run data yet.
	const ended = [...(list.results ?? list)].filter((row) => row.finished || ['success', 'error', 'crashed'].includes(row.status));
	const summaries = ended.sort((a, b) => Number(a.id) - Number(b.id));
	const outputs = [];
	for (const summary of summaries) {
		const execution = await rest('GET', `/executions/${summary.id}`);
		const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
		const [task] = Object.values(data.resultData.runData)[0];
		outputs.push(task.data.main[0].map((/** @type {any} */ item) => item.json));
	}
	return outputs;
}

/** Polls until `count` executions are stored. @param {() => Promise<any[]>} read @param {number} count */
async function waitForExecutions(read, count) {
	let outputs = await read();
	for (const until = Date.now() + 60000; outputs.length < count && Date.now() < until; outputs = await read()) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return outputs;
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
}

module.exports = { triggerFixtures, activateCommand, checkBambooTrigger, checkHyfinTrigger, waitForWebhook, triggerOutputs, waitForExecutions };
