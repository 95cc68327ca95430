// @ts-check
/**
 * The e2e suite, the same for each n8n version: the packed package installed into a real n8n, the example
 * workflows run with `n8n execute` against the sandbox, then the server started to check what n8n lists
 * and what its credential test endpoint says. Ends every n8n process it started, and checks that.
 */
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { install } = require('../../../harness/n8n/install');
const { ensureBuilt } = require('../../../harness/build');
const { startForeign, startSandbox } = require('../../../sandbox');
const { CHAINED, EXPECTED_LINKS, HYFIN_ONLY, exampleContacts, exampleCredentials, readExample } = require('../../../harness/examples');
const { createInstance, jsonOf } = require('../../../harness/n8n/instance');
const { activateCommand, checkBambooTrigger, checkHyfinTrigger, triggerFixtures } = require('./triggers');
const { endAllGroups, leftovers } = require('../../../harness/n8n/processes');
const { checkHttpRequest, httpRequestWorkflow } = require('./httpRequest');
const notifications = require('./notifications');

const PACKAGE = 'n8n-nodes-bamboo-hyfin';
const SLOW = { timeout: 300000 };
const INVOICES = 'crm-orders-to-hyfin-invoices.json';

/** The Hyfin example with one more contact whose email is invalid, and "On Error → Continue" on the node. */
function continueOnFailWorkflow() {
	const workflow = readExample(HYFIN_ONLY);
	Object.assign(workflow, { id: 'bhE2eContinueOnF', name: 'e2e: continue on fail' });
	const data = workflow.nodes.find((/** @type {any} */ node) => node.name === 'CRM contacts');
	const json = JSON.parse(data.parameters.jsonOutput);
	json.contacts.splice(2, 0, { crmId: 'crm-bad', firstName: 'Bad', lastName: 'Email', email: 'not-an-email', phone: '' });
	data.parameters.jsonOutput = JSON.stringify(json);
	workflow.nodes.find((/** @type {any} */ node) => node.name === 'Hyfin Customer').onError = 'continueRegularOutput';
	return workflow;
}

/** The chained example at concurrency 1, for a run that Bamboo stops at its third order. */
function failedRunWorkflow() {
	const workflow = readExample(CHAINED);
	Object.assign(workflow, { id: 'bhE2eFailedRun', name: 'e2e: a run that stops' });
	workflow.nodes.find((/** @type {any} */ node) => node.name === 'Create payment link').parameters.options = { concurrency: 1 };
	return workflow;
}

/** @param {'1' | '2'} major */
function e2eSuite(major) {
	describe(`n8n ${major}.x with the packed package`, () => {
		/** @type {Awaited<ReturnType<typeof startSandbox>>} */
		let sandbox;
		/** @type {Awaited<ReturnType<typeof createInstance>>} */
		let n8n;
		/** @type {Awaited<ReturnType<typeof startForeign>>} */
		let foreign;
		const contacts = exampleContacts();
		const workflows = [readExample(HYFIN_ONLY), readExample(CHAINED), continueOnFailWorkflow(), failedRunWorkflow(), readExample('map-automatically.json'), readExample(INVOICES)];
		/** @type {string[]} */
		let firstIds = [];
		/** @type {string[]} */
		let createdBeforeStop = [];

		before(async () => {
			ensureBuilt();
			sandbox = await startSandbox();
			foreign = await startForeign();
			workflows.push(httpRequestWorkflow(sandbox, foreign.url));
			n8n = await createInstance(install(major));
			const credentials = exampleCredentials(sandbox);
			const triggers = triggerFixtures(/** @type {Record<string, any>} */ (credentials.find((credential) => credential.type === 'hyfinApi')));
			await n8n.importJson('credentials', [...credentials, ...triggers.credentials]);
			const shipped = [notifications.example(notifications.BAMBOO).workflow, notifications.example(notifications.HYFIN).workflow];
			for (const workflow of [...workflows, ...triggers.workflows, ...shipped]) await n8n.importJson('workflow', workflow);
			// Triggers listen once their workflow is active; activation is read when the server starts.
			for (const workflow of [...triggers.workflows, ...shipped]) await n8n.cli(activateCommand(major, workflow.id));
		}, SLOW);

		after(async () => {
			await n8n?.stop();
			await sandbox?.close();
			await foreign?.close();
			await endAllGroups();
			assert.deepEqual(leftovers(), [], 'no n8n process started by the suite is left');
		}, SLOW);

		it('CRM → Hyfin: every contact added, with a Hyfin id', SLOW, async () => {
			const out = jsonOf(await n8n.execute(workflows[0].id), 'Hyfin Customer');
			assert.equal(out.length, contacts.length);
			for (const json of out) {
				assert.equal(json.success, true);
				assert.equal(json.action, 'added');
				assert.match(json._id, /^[0-9a-f]{24}$/);
			}
			firstIds = out.map((json) => json._id);
			const upserts = sandbox.requests('hyfin', 'POST');
			assert.ok(upserts.every((entry) => entry.headers['x-access-token'] === sandbox.config.hyfin.token), 'token header applied by n8n');
			assert.deepEqual(upserts.map((entry) => /** @type {any} */ (entry.body).external_id), contacts.map((c) => c.crmId));
		});

		it('CRM → Hyfin, second run: the same customers updated', SLOW, async () => {
			const out = jsonOf(await n8n.execute(workflows[0].id), 'Hyfin Customer');
			assert.deepEqual(out.map((json) => json.action), contacts.map(() => 'updated'));
			assert.deepEqual(out.map((json) => json._id), firstIds);
		});

		it('CRM → Hyfin → Bamboo: a Hyfin id and a payment link per contact, customer attached', SLOW, async () => {
			sandbox.reset();
			const result = await n8n.execute(workflows[1].id);
			const [customers, links, attached] = ['Hyfin Customer', 'Create payment link', 'Attach customer to payment'].map((node) => jsonOf(result, node));
			assert.equal(links.length, contacts.length);
			contacts.forEach((_contact, i) => {
				assert.match(customers[i]._id, /^[0-9a-f]{24}$/);
				assert.equal(links[i].redirectUrl, `https://checkout.stage.bamboopayment.com/#?paymentId=${links[i].paymentId}`);
				assert.equal(attached[i].paymentId, links[i].paymentId);
				assert.equal(attached[i].isSuccess, true);
			});
			const payments = sandbox.vendors.bamboo.payments();
			assert.deepEqual(payments.map((p) => ({ orderNumber: p.request.orderNumber, amount: p.request.amount, currencyCode: p.request.currencyCode })), EXPECTED_LINKS);
			assert.deepEqual(payments.map((p) => p.customer.identifier), contacts.map((c) => c.email));
			assert.ok(sandbox.requests('bamboo').every((entry) => entry.headers.authorization === `Basic ${sandbox.config.bamboo.privateKey}`), 'raw key in Basic header');
		});

		it('the headline example run again as shipped: no second link, each contact gets its link back', SLOW, async () => {
			const before = sandbox.vendors.bamboo.payments();
			const result = await n8n.execute(workflows[1].id);
			const links = jsonOf(result, 'Create payment link');
			assert.deepEqual(sandbox.vendors.bamboo.payments().length, before.length, 'no link created by the second run');
			assert.deepEqual(
				links.map((json) => [json.skipped, json.linkCreated, json.paymentId]),
				before.map((payment) => [true, true, payment.paymentId]),
			);
			assert.deepEqual(jsonOf(result, 'Attach customer to payment').map((json) => json.paymentId), before.map((payment) => payment.paymentId));
		});

		it('continue on fail: an error item in place, the other contacts upserted', SLOW, async () => {
			const out = jsonOf(await n8n.execute('bhE2eContinueOnF'), 'Hyfin Customer');
			assert.equal(out.length, contacts.length + 1);
			assert.deepEqual(out[2], { error: '"Additional Fields › Email" is not a valid email address: "not-an-email"' });
			assert.ok(out.filter((_json, i) => i !== 2).every((json) => json.success === true));
		});

		it('Map Automatically: every record-taking operation reads its fields from the item, stray keys unsent', SLOW, async () => {
			sandbox.reset();
			const result = await n8n.execute('bhExMapAutomatic');
			assert.deepEqual(jsonOf(result, 'Hyfin v3 customer').map((json) => json.action), ['added', 'added']);
			assert.deepEqual(jsonOf(result, 'Hyfin v4 customer').map((json) => json.action), ['added', 'added']);
			assert.ok(jsonOf(result, 'Card registration link').every((json) => json.isSuccess === true));
			assert.ok(jsonOf(result, 'Attach customer').every((json) => json.isSuccess === true));
			const upserts = sandbox.requests('hyfin', 'POST').map((entry) => /** @type {any} */ (entry.body));
			assert.deepEqual(upserts.filter((body) => body.external_id).map((body) => [body.external_id, body.first_name, body.email]), [
				['crm-2001', 'Ana', 'ana.silva@example.com'],
				['crm-2002', 'Bruno', 'bruno.costa@example.com'],
			]);
			assert.deepEqual(sandbox.vendors.bamboo.payments().map((p) => [p.request.orderNumber, p.request.amount, p.customer.identifier]), [
				['SO-2026-2001', 14990, 'ana.silva@example.com'],
				['SO-2026-2002', 8900, 'bruno.costa@example.com'],
			]);
			assert.ok(!JSON.stringify(sandbox.log.map((entry) => entry.body)).includes('crm_owner'), 'keys the mapping does not name are never sent');
		});

		it('CRM orders → Hyfin invoices: each invoice created with exact totals and sent once; a second run is refused by the re-send limit', SLOW, async () => {
			sandbox.reset();
			const result = await n8n.execute('bhExHyfinInvoice');
			assert.deepEqual(jsonOf(result, 'Create invoice').map((json) => json.action), ['added', 'added']);
			assert.deepEqual(jsonOf(result, 'Send invoice'), [{ success: true, action: 'updated' }, { success: true, action: 'updated' }]);
			assert.deepEqual(sandbox.vendors.hyfin.invoices.invoices().map((invoice) => invoice.totals), [{ total: 104.9, taxes: 7.04 }, { total: 120, taxes: 0 }]);
			const again = await n8n.execute('bhExHyfinInvoice', true);
			const error = again.data.resultData.runData['Send invoice'][0].error;
			assert.match(error.message, /^Hyfin did not send invoice "INV-2026-2101" again: it was sent less than 300 seconds ago/);
			assert.equal(sandbox.vendors.hyfin.invoices.sends().length, 2, 'no invoice sent twice');
		});

		it('the HTTP Request node signs with the package credentials for their own address only', SLOW, async () => {
			await checkHttpRequest(n8n, sandbox, foreign, jsonOf);
		});

		it('a run that Bamboo stops names, in its error, the links it created', SLOW, async () => {
			sandbox.reset();
			sandbox.config.bamboo.rejectOrders = [EXPECTED_LINKS[2].orderNumber];
			try {
				const result = await n8n.execute('bhE2eFailedRun', true);
				const error = result.data.resultData.runData['Create payment link'][0].error;
				assert.match(error.message, /^Bamboo rejected the request \(HTTP 400\): PR009 Order SO-2026-1003 is refused/);
				const links = sandbox.vendors.bamboo.payments();
				assert.deepEqual(links.map((p) => p.request.orderNumber), EXPECTED_LINKS.slice(0, 2).map((link) => link.orderNumber));
				for (const link of links) assert.ok(error.description.includes(`paymentId ${link.paymentId}, orderNumber ${link.request.orderNumber}, redirectUrl ${link.redirectUrl}`), error.description);
				assert.equal(sandbox.requests('bamboo', 'POST').length, 3, 'nothing sent after the refused order');
				createdBeforeStop = links.map((link) => String(link.paymentId));
			} finally {
				sandbox.config.bamboo.rejectOrders = undefined;
			}
		});

		it('the server lists the five nodes, both credentials, the tools and the nodes\' search aliases', SLOW, async () => {
			await n8n.startServer();
			let lists = n8n.typeLists();
			for (const until = Date.now() + 60000; Date.now() < until && !lists?.nodes.some((node) => node.name.startsWith(PACKAGE)); lists = n8n.typeLists()) {
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			assert.ok(lists, 'n8n wrote its type lists');
			const nodeNames = lists.nodes.map((node) => node.name);
			for (const name of ['hyfinCustomer', 'hyfinInvoice', 'hyfinInvoiceTool', 'bambooPaymentLink', 'bambooPaymentLinkTool', 'bambooPaymentTrigger', 'hyfinTrigger']) assert.ok(nodeNames.includes(`${PACKAGE}.${name}`), `${name} listed`);
			assert.ok(!nodeNames.some((name) => /TriggerTool$/.test(name)), 'no trigger is offered as an AI tool');
			const tool = lists.nodes.find((node) => node.name === `${PACKAGE}.bambooPaymentLinkTool`);
			const create = tool.properties.filter((/** @type {any} */ p) => p.name === 'operation').flatMap((/** @type {any} */ p) => p.options).find((/** @type {any} */ o) => o.value === 'create');
			assert.match(create.action, /do not call this tool again/, 'the create tells an AI agent not to retry');
			const bamboo = lists.nodes.find((node) => node.name === `${PACKAGE}.bambooPaymentLink`);
			for (const alias of ['QR', 'payment link', 'checkout', 'create payment']) assert.ok(bamboo.codex.alias.includes(alias), `alias ${alias}`);
			assert.ok(!bamboo.codex.alias.includes('invoice'), 'a Bamboo link is not an invoice');
			assert.match(bamboo.codex.resources.primaryDocumentation[0].url, /\/docs\/nodes\/bamboo-payment-link\.md$/);
			const credentialNames = lists.credentials.map((credential) => credential.name);
			assert.ok(credentialNames.includes('hyfinApi') && credentialNames.includes('bambooPaymentApi'), 'both credentials listed');
			// The editor's HTTP Request node offers a predefined credential type only if it is listed with `authenticate`.
			for (const name of ['hyfinApi', 'bambooPaymentApi']) assert.ok(lists.credentials.find((credential) => credential.name === name).authenticate, `${name} is listed with authenticate`);
		});

		it('the editor\'s field mapper gets its columns from the node (no API call)', SLOW, async () => {
			const rest = await n8n.rest();
			const fields = await rest('POST', '/dynamic-node-parameters/resource-mapper-fields', {
				path: 'parameters.fieldMapping',
				methodName: 'getMappingColumns',
				nodeTypeAndVersion: { name: `${PACKAGE}.hyfinCustomer`, version: 1 },
				currentNodeParameters: { resource: 'customer', operation: 'upsert', apiVersion: 'v4', inputMode: 'autoMap' },
			});
			const ids = fields.fields.map((/** @type {any} */ field) => field.id);
			for (const id of ['customerId', 'displayName', 'firstName', 'addressLine1', 'contactIds']) assert.ok(ids.includes(id), `${id} offered`);
			assert.equal(fields.fields.find((/** @type {any} */ field) => field.id === 'displayName').required, true);
		});

		it('credential tests: green for the sandbox, red with the cause for a wrong base URL path or site', SLOW, async () => {
			const rest = await n8n.rest();
			const test = (/** @type {any} */ credential) => rest('POST', '/credentials/test', { credentials: credential });
			const byType = Object.fromEntries(exampleCredentials(sandbox).map((credential) => [credential.type, credential]));
			const [hyfin, bamboo] = [byType.hyfinApi, byType.bambooPaymentApi];
			assert.deepEqual(await test(bamboo), { status: 'OK', message: 'Bamboo accepted the credential' });
			assert.deepEqual(await test(hyfin), { status: 'OK', message: 'Hyfin accepted the credential' });
			const wrongPath = await test({ ...bamboo, data: { ...bamboo.data, baseUrl: `${sandbox.bambooBaseUrl}/v1` } });
			assert.equal(wrongPath.status, 'Error');
			assert.match(wrongPath.message, /answered HTTP 404 with an HTML page: this is not the Bamboo API\. Check the base URL and its path/);
			const wrongSite = await test({ ...hyfin, data: { ...hyfin.data, siteId: 'site-404' } });
			assert.deepEqual(wrongSite, { status: 'Error', message: 'Hyfin does not know the site "site-404": site site-404 not found. Check the Site ID' });
		});

		it('Bamboo Payment Trigger: a paid link starts one execution with the normalised item; a redelivery and a forged call start none', SLOW, async () => {
			await checkBambooTrigger({ base: n8n.base, rest: await n8n.rest(), n8nDir: n8n.dir, sandbox, privateKey: String(sandbox.config.bamboo.privateKey) });
		});

		it('Hyfin Trigger: a site webhook starts one execution with the normalised item; a redelivery and a call without the token start none', SLOW, async () => {
			await checkHyfinTrigger({ base: n8n.base, rest: await n8n.rest(), n8nDir: n8n.dir, sandbox });
		});

		it('the notification examples as shipped: ten notifications each, n8n restarted, all ten again: each reaches the paid step once', SLOW, async () => {
			const rest = await n8n.rest();
			const flows = [
				{ ...notifications.example(notifications.BAMBOO), deliveries: await notifications.bambooNotifications(sandbox, 'SO-NOTE', 10), key: 'orderNumber' },
				{ ...notifications.example(notifications.HYFIN), deliveries: notifications.hyfinNotifications('INV-NOTE', 10), key: 'invoiceId' },
			];
			for (const flow of flows) {
				await notifications.waitForWebhook(`${n8n.base}${flow.path}`);
				const ended = (/** @type {number} */ count) => notifications.receivedBy({ rest, n8nDir: n8n.dir }, flow.workflow.id, flow.acting, count);
				assert.equal(await notifications.deliverAll(flow.deliveries, `${n8n.base}${flow.path}`, ended, 0), 10, `${flow.workflow.name}: ten executions`);
				const { received } = await ended(10);
				assert.equal(received.length, 10);
			}
			await n8n.stopServer();
			await n8n.startServer();
			const again = await n8n.rest();
			for (const flow of flows) {
				await notifications.waitForWebhook(`${n8n.base}${flow.path}`);
				const ended = (/** @type {number} */ count) => notifications.receivedBy({ rest: again, n8nDir: n8n.dir }, flow.workflow.id, flow.acting, count);
				const started = await notifications.deliverAll(flow.deliveries, `${n8n.base}${flow.path}`, ended, 10);
				const { received } = await ended(10 + started);
				process.stdout.write(`[e2e] ${flow.workflow.name}: after the restart ${started} of 10 redeliveries started an execution; the paid step received ${received.length} items in all\n`);
				assert.equal(received.length, 10, 'nothing new reached the paid step');
				assert.equal(new Set(received.map((json) => json[flow.key])).size, 10);
			}
		});

		it('the stopped run as n8n stored it still names the links it created', SLOW, async () => {
			const rest = await n8n.rest();
			const list = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'bhE2eFailedRun' }))}`);
			const stored = (list.results ?? list)[0];
			assert.ok(stored, 'the stopped run was stored');
			const execution = JSON.stringify(await rest('GET', `/executions/${stored.id}`));
			assert.equal(createdBeforeStop.length, 2, 'the stopped run created two links');
			for (const paymentId of createdBeforeStop) assert.ok(execution.includes(paymentId), `stored execution names ${paymentId}`);
			assert.ok(execution.includes('Before it stopped, this run created 2 record(s)'));
		});
	});
}

module.exports = { e2eSuite };
