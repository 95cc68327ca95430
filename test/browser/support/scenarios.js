// @ts-check
/// <reference lib="dom" />
/**
 * Scenarios of the browser suite that import their own workflows: the output-schema preview of a node that
 * has not run, a Hyfin invoice created and read back from the canvas, the triggers' setup and Production URL, the HTTP Request node's credential types.
 */
const assert = require('node:assert/strict');
const { screenshot, testId } = require('./editor');
const steps = require('./steps');
const { productionUrl, schemaFields } = require('./panels');
const { readExample } = require('../../../harness/examples');

/**
 * A workflow of a manual trigger, one node of this package and a "Next step" that has not run, for the
 * output-schema preview.
 * @param {string} name @param {{ type: string, typeVersion: number, credential: string, parameters: Record<string, unknown> }} node
 */
function twoNodeWorkflow(name, node) {
	return {
		name: `schema preview: ${name}`,
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'node', name, type: `n8n-nodes-bamboo-hyfin.${node.type}`, typeVersion: node.typeVersion, position: [220, 0], parameters: node.parameters, credentials: { [node.credential]: { id: 'made-in-the-browser', name: 'made in the browser' } } },
			{ id: 'next', name: 'Next step', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 0], parameters: {} },
		],
		connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] }, [name]: { main: [[{ node: 'Next step', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** A Hyfin invoice created, then read back (at the current node version, Simplify on). */
function invoiceWorkflow() {
	const invoice = (/** @type {string} */ id, /** @type {string} */ name, /** @type {number} */ x, /** @type {Record<string, unknown>} */ parameters) => ({
		id, name, type: 'n8n-nodes-bamboo-hyfin.hyfinInvoice', typeVersion: 2, position: [x, 0], parameters: { apiVersion: 'v3', externalId: 'INV-BROWSER-1', ...parameters }, credentials: { hyfinApi: { id: 'made-in-the-browser', name: 'made in the browser' } },
	});
	return {
		name: 'Hyfin invoice: create and get',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			invoice('create', 'Create invoice', 220, { resource: 'invoice', operation: 'upsert', invoiceNumber: 'B-1001', description: 'Order B-1001: garden furniture', total: '459.90', taxes: '41.81' }),
			invoice('get', 'Get invoice', 440, { resource: 'invoice', operation: 'get' }),
		],
		connections: { Start: { main: [[{ node: 'Create invoice', type: 'main', index: 0 }]] }, 'Create invoice': { main: [[{ node: 'Get invoice', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The next node lists the fields of a node of each vendor that has not run (from the shipped output schema).
 * @param {any} session @param {ReturnType<typeof import('./editor').editor>} ui
 */
async function schemaPreviews(session, ui) {
	/** @type {Array<[string, { type: string, typeVersion: number, credential: string, parameters: Record<string, unknown> }, string[]]>} */
	const cases = [
		['Create payment link', { type: 'bambooPaymentLink', typeVersion: 3, credential: 'bambooPaymentApi', parameters: { resource: 'payment', operation: 'create', amount: '1999' } }, ['paymentId', 'redirectUrl', 'skipped', 'linkCreated']],
		['Create or update customer', { type: 'hyfinCustomer', typeVersion: 3, credential: 'hyfinApi', parameters: { resource: 'customer', operation: 'upsert', apiVersion: 'v3' } }, ['success', 'action', '_id']],
		['Get invoice', { type: 'hyfinInvoice', typeVersion: 2, credential: 'hyfinApi', parameters: { resource: 'invoice', operation: 'get', apiVersion: 'v3', externalId: 'INV-1' } }, ['invoice_number', 'totals', 'paid', 'amountPaid']],
	];
	for (const [name, node, fields] of cases) {
		session.step(`schema preview: ${name}`);
		const id = await session.importWorkflow(twoNodeWorkflow(name, node));
		await session.page.goto(`${session.base}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		await steps.openNode(ui, 'Next step');
		const input = testId('ndv-input-panel');
		await ui.visible(`${input} ${testId('schema-preview-warning')}`);
		const shown = await schemaFields(ui, input, fields);
		for (const field of fields) assert.ok(shown.includes(field), `${name}: ${field} listed before a run (${shown.join(', ')})`);
		if (name === 'Create payment link') await screenshot(session.page, 'schema-preview', testId('ndv'));
		await steps.closeNdv(ui);
	}
}

/**
 * A Hyfin invoice created and read back from the canvas (Simplify on), shot for the README.
 * @param {any} session @param {ReturnType<typeof import('./editor').editor>} ui
 */
async function invoiceCreatedAndRead(session, ui) {
	session.step('Hyfin Invoice run');
	const id = await session.importWorkflow(invoiceWorkflow());
	await session.page.goto(`${session.base}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await ui.click(testId('execute-workflow-button'));
	await ui.visible(`${testId('canvas-node')}[data-node-name="Get invoice"] ${testId('canvas-node-status-success')}`, 120000);
	await steps.dismissToasts(ui);
	assert.ok(session.sandbox.requests('hyfin', 'POST', '/invoice/addUpdate').length >= 1, 'Hyfin got the invoice');
	await steps.openNode(ui, 'Create invoice');
	await ui.withText(`${testId('ndv')} ${testId('output-panel')} *`, /added|updated/);
	await screenshot(session.page, 'hyfin-invoice-create-panel', testId('ndv'));
	await steps.closeNdv(ui);
	await steps.openNode(ui, 'Get invoice');
	await ui.withText(`${testId('ndv')} ${testId('output-panel')} *`, /INV-BROWSER-1/);
	await screenshot(session.page, 'hyfin-invoice-get-output', testId('ndv'));
	await steps.closeNdv(ui);
}

/**
 * Each trigger of the shipped notification examples shows its setup notice and, opened, its Production URL.
 * @param {any} session @param {ReturnType<typeof import('./editor').editor>} ui
 */
async function triggerSetups(session, ui) {
	for (const [file, node, text, image] of [
		['bamboo-payment-notifications.json', 'Bamboo Payment Trigger', /^Bamboo sends payment notifications to the URL of a link/, 'bamboo-trigger-setup'],
		['hyfin-payment-notifications.json', 'Hyfin Trigger', /^Hyfin has one webhook URL per site/, 'hyfin-trigger-setup'],
	]) {
		session.step(`trigger: ${node}`);
		const id = await session.importWorkflow(readExample(String(file)));
		await session.page.goto(`${session.base}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		await steps.openNode(ui, String(node));
		await ui.withText(`${testId('ndv')} *`, text);
		const url = await productionUrl(ui);
		const webhookId = readExample(String(file)).nodes.find((/** @type {any} */ n) => n.webhookId).webhookId;
		// n8n names its own host (localhost here); the path is the production webhook of this trigger.
		assert.equal(new URL(url).pathname, `/webhook/${webhookId}/webhook`, `the Production URL is shown: ${url}`);
		await screenshot(session.page, String(image), testId('ndv'));
		await steps.closeNdv(ui);
	}
}

/**
 * n8n's HTTP Request node offers both credentials as predefined credential types.
 * @param {any} session @param {ReturnType<typeof import('./editor').editor>} ui
 */
async function httpRequestCredentials(session, ui) {
	session.step('HTTP Request credentials');
	await steps.newWorkflow(ui, session.base);
	await steps.openNodePanel(ui);
	await steps.searchNodes(ui, 'HTTP Request');
	await ui.clickText(`${testId('node-creator')} ${testId('node-creator-item-name')}`, 'HTTP Request');
	await ui.visible(testId('ndv'));
	await ui.choose('authentication', 'Predefined Credential Type');
	for (const type of ['Hyfin API', 'Bamboo Payment API']) await ui.choose('nodeCredentialType', type);
	await steps.closeNdv(ui);
}

module.exports = { httpRequestCredentials, invoiceCreatedAndRead, schemaPreviews, triggerSetups };
