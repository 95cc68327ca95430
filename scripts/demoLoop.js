// @ts-check
/**
 * `npm run demo:loop`: the whole payment loop, with the triggers listening in a real n8n 2.41.1 (installed
 * once into the e2e cache: several minutes the first time). The sandbox of both APIs runs on loopback; n8n
 * gets the package, the example credentials and the two notification workflows (active); the CRM examples
 * create customers and payment links, and Hyfin invoices that are sent to the customers; then the sandbox pays
 * the first link (as a customer clicking Pay on its checkout page would) and the first invoice, and the demo
 * prints what the triggers started.
 */
const { ensureBuilt } = require('../harness/build');
const { table } = require('./lib/table');
const { install } = require('../harness/n8n/install');
const { CHAINED, exampleCredentials, readExample } = require('../harness/examples');
const { createInstance } = require('../harness/n8n/instance');
const { endAllGroups, leftovers } = require('../harness/n8n/processes');
const { triggerOutputs, waitForExecutions, waitForWebhook } = require('../harness/n8n/executions');

const TRIGGERS = ['bamboo-payment-notifications.json', 'hyfin-payment-notifications.json'];
const INVOICES = 'crm-orders-to-hyfin-invoices.json';

/** @param {string} message */
const say = (message) => process.stdout.write(`${message}\n`);

async function main() {
	ensureBuilt();
	const { startSandbox } = require('../sandbox');
	const { createEngine } = require('../harness/engine');
	say('Preparing n8n 2.41.1 (cached after the first run)...');
	const n8nRelease = install('2');
	const sandbox = await startSandbox({ bamboo: { checkoutHost: 'sandbox' } });
	const n8n = await createInstance(n8nRelease);
	try {
		const triggers = TRIGGERS.map(readExample);
		await n8n.importJson('credentials', exampleCredentials(sandbox));
		for (const workflow of triggers) {
			await n8n.importJson('workflow', workflow);
			await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
		}
		say('Starting n8n with the two notification workflows active...');
		await n8n.startServer();
		const [bambooUrl, hyfinUrl] = triggers.map((workflow) => `${n8n.base}/webhook/${workflow.nodes[0].webhookId}/webhook`);
		// Bamboo's Merchant Dashboard default notification URL; Hyfin's site webhook, set with site addUpdate.
		sandbox.config.bamboo.notificationUrl = bambooUrl;
		sandbox.vendors.hyfin.sites.addUpdate({ _id: 'site-1', webhook: { active: true, url: hyfinUrl } });
		for (const url of [bambooUrl, hyfinUrl]) await waitForWebhook(url);

		const engine = await createEngine();
		const run = await engine.run(readExample(CHAINED), { credentials: sandbox.credentials() });
		if (run.error) throw run.error;
		const contacts = run.json('One item per contact');
		const links = run.json('Create payment link');
		say(`\n${readExample(CHAINED).name}:`);
		say(table(['Contact', 'Order', 'Payment link (open it to pay in the sandbox)'], contacts.map((c, i) => [`${c.firstName} ${c.lastName}`, c.orderNumber, links[i].redirectUrl ?? links[i].error])));

		const invoiced = await engine.run(readExample(INVOICES), { credentials: sandbox.credentials() });
		if (invoiced.error) throw invoiced.error;
		const sends = sandbox.vendors.hyfin.invoices.sends();
		say(`\n${readExample(INVOICES).name}:`);
		say(table(['Customer', 'Invoice', 'Total', 'Sent by', 'To'], sandbox.vendors.hyfin.invoices.invoices().map((invoice, i) => [
			`${invoice.customer.first_name} ${invoice.customer.last_name}`, invoice.external_id, invoice.totals.total.toFixed(2), sends[i].channels.join(' and '), sends[i].to.join(', '),
		])));

		const firstInvoice = sandbox.vendors.hyfin.invoices.invoices()[0];
		say(`\nThe customer pays ${contacts[0].orderNumber} (its payment link) and invoice ${firstInvoice.external_id}...`);
		sandbox.vendors.bamboo.pay(String(links[0].paymentId));
		sandbox.vendors.hyfin.invoices.pay('site-1', String(firstInvoice.external_id));
		await sandbox.notifier.settled();
		const rest = await n8n.rest();
		for (const workflow of triggers) {
			const [[item]] = await waitForExecutions(() => triggerOutputs(rest, workflow.id, n8nRelease.dir), 1);
			say(`\n${workflow.name}: n8n started an execution with`);
			say(JSON.stringify({ ...item, body: '…(the payload as received)' }, null, 2));
		}
		say(`\nDeliveries: ${sandbox.notifier.attempts().map((a) => `${a.label} → HTTP ${a.outcome}`).join('; ')}`);
	} finally {
		await n8n.stop();
		await sandbox.close();
		await endAllGroups();
		if (leftovers().length) throw new Error(`n8n processes left: ${leftovers().join(', ')}`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	},
);
