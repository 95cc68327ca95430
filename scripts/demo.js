// @ts-check
/**
 * `npm run demo`: starts the local sandbox of both APIs on loopback and runs the example workflows through
 * the real n8n engine (n8n-core's WorkflowExecute), printing what came out.
 */
const { ensureBuilt } = require('../harness/build');
const { readExample, CHAINED, HYFIN_ONLY } = require('../harness/examples');
const { table } = require('./lib/table');

async function main() {
	ensureBuilt();
	const { startSandbox } = require('../sandbox');
	const { createEngine } = require('../harness/engine');
	const sandbox = await startSandbox();
	const engine = await createEngine();
	const credentials = sandbox.credentials();
	console.log(`Sandbox of the Hyfin and Bamboo APIs on ${sandbox.url}\n`);

	const crmToHyfin = readExample(HYFIN_ONLY);
	for (const round of ['first run', 'second run (same contacts again)']) {
		const run = await engine.run(crmToHyfin, { credentials });
		if (run.error) throw run.error;
		const contacts = run.json('One item per contact');
		const results = run.json('Hyfin Customer');
		console.log(`${crmToHyfin.name}, ${round}:`);
		console.log(
			table(
				['External ID', 'Customer', 'Hyfin action', 'Hyfin ID'],
				contacts.map((contact, i) => [contact.crmId, `${contact.firstName} ${contact.lastName}`, results[i].action ?? results[i].error, results[i]._id]),
			),
		);
		console.log('');
	}
	const hyfinRequests = sandbox.log.length;
	sandbox.reset();

	const chained = readExample(CHAINED);
	const run = await engine.run(chained, { credentials });
	if (run.error) throw run.error;
	const contacts = run.json('One item per contact');
	const customers = run.json('Hyfin Customer');
	const links = run.json('Create payment link');
	const attached = run.json('Attach customer to payment');
	console.log(`${chained.name}:`);
	console.log(
		table(
			['Contact', 'Order', 'Amount', 'Hyfin ID', 'Customer attached', 'Payment link'],
			contacts.map((contact, i) => [
				`${contact.firstName} ${contact.lastName}`,
				contact.orderNumber,
				`${contact.total} USD`,
				customers[i]._id ?? customers[i].error,
				attached[i].isSuccess ? 'yes' : attached[i].error,
				links[i].redirectUrl ?? links[i].error,
			]),
		),
	);
	console.log(`\n${hyfinRequests + sandbox.log.length} requests reached the sandbox.`);
	await sandbox.close();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error instanceof Error ? error.stack ?? error.message : error);
		process.exit(1);
	},
);
