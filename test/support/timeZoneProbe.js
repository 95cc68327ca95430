// @ts-check
/**
 * Run as a child process with TZ set (the time zone of a process is fixed when it starts): serves the Bamboo
 * Payment Trigger, posts it signed notifications whose dateSent carries no zone, as Bamboo sends it, and
 * prints what happened as one JSON line.
 */
const { loadTypes } = require('../../harness/engine');
const { startWebhookServer } = require('../../harness/webhooks');
const { payload, sign } = require('../../sandbox/bambooNotifications');

const KEY = 'bamboo-key-SECRET-d41e07';

async function main() {
	const webhooks = await startWebhookServer(await loadTypes({ base: false }));
	const node = {
		name: 'Bamboo Payment Trigger',
		type: 'n8n-nodes-bamboo-hyfin.bambooPaymentTrigger',
		webhookId: 'time-zone-probe',
		parameters: { events: ['*'] },
		credentials: { bambooPaymentApi: { id: 'probe', name: 'probe' } },
	};
	const trigger = webhooks.activate(node, { bambooPaymentApi: { environment: 'custom', baseUrl: 'http://127.0.0.1:1', privateKey: KEY } });
	const utc = (/** @type {number} */ offsetMs) => new Date(Date.now() + offsetMs).toISOString().replace('Z', '');
	const post = async (/** @type {Record<string, unknown>} */ body, /** @type {string} */ dateSent) =>
		(await fetch(trigger.url, { method: 'POST', headers: { 'content-type': 'application/json', datesent: dateSent, signature: sign(body, dateSent, KEY) }, body: JSON.stringify(body) })).status;
	const payment = { purchaseId: 1, transactionId: 2, order: 'SO-TZ', amount: 1999, currency: 'UYU' };
	const result = {
		offsetMinutes: new Date(2026, 0, 1).getTimezoneOffset(),
		fresh: await post(payload(payment, 'pending', 'purchase'), utc(0)),
		freshWithSpace: await post(payload(payment, 'approved', 'purchase'), utc(0).replace('T', ' ')),
		anHourOld: await post(payload(payment, 'rejected', 'purchase'), utc(-3600 * 1000)),
		executions: trigger.executions.map(([item]) => item.event),
	};
	await webhooks.close();
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
