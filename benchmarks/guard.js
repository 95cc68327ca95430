// @ts-check
/**
 * What "Once per Order Number" costs, in real n8n 2.41.1 with n8n's own deduplication store in its database,
 * on SQLite (n8n's default) and on PostgreSQL: N payment-link creates at each concurrency with the guard on
 * and off, run after run with new order numbers (so the store remembers more each time, up to its cap), then
 * the last batch run again (every item skipped). Each run is started by a webhook, as production runs are;
 * its time is the create node's execution time as n8n stored it.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createInstance } = require('../harness/n8n/instance');
const { reservePorts } = require('../harness/n8n/processes');
const { waitForWebhook } = require('../harness/n8n/executions');
const { ensureServicesInstalled, startPostgres } = require('../harness/n8n/services');
const { PACKAGE } = require('../harness/workflows');

const CREDENTIAL = { id: 'bhBenchBamboo001', name: 'Bamboo (benchmark sandbox)' };
/** Entries n8n's store keeps per remembered order once its link is known (claim and payment). */
const ENTRIES_PER_ORDER = 2;

/** A workflow: Webhook → n rows → Split Out → Bamboo Payment Link create (Map Automatically). @param {string} id @param {number} concurrency @param {boolean} guard */
function createsWorkflow(id, concurrency, guard) {
	const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number} */ typeVersion, /** @type {object} */ parameters, /** @type {number} */ x) => ({ id: `${id}-${name}`, name, type, typeVersion, position: [x, 0], parameters });
	return {
		id,
		name: `bench: creates, concurrency ${concurrency}, guard ${guard ? 'on' : 'off'}`,
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{ ...node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: id, responseMode: 'onReceived', options: {} }, 0), webhookId: `${id}-hook` },
			node('Rows', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: "={{ { rows: Array.from({ length: $json.body.count }, (_, i) => ({ order_number: $json.body.prefix + '-' + i, amount: 1000 + i, currency: 'UYU' })) } }}", options: {} }, 220),
			node('Split', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'rows', options: {} }, 440),
			{
				...node('Create', `${PACKAGE}.bambooPaymentLink`, 2, { resource: 'payment', operation: 'create', inputMode: 'autoMap', fieldMapping: { mappingMode: 'autoMapInputData', value: null }, options: { concurrency, oncePerOrderNumber: guard } }, 660),
				credentials: { bambooPaymentApi: CREDENTIAL },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * One n8n server with the cells' workflows, on SQLite or on PostgreSQL.
 * @param {{ nodeBin: string, n8nBin: string, version: string, dir: string }} n8n @param {'sqlite' | 'postgres'} database
 * @param {Record<string, unknown>} bamboo the sandbox's Bamboo credential data @param {any[]} workflows
 */
async function startServer(n8n, database, bamboo, workflows) {
	/** @type {Record<string, string>} */
	let env = {};
	/** @type {{ child: import('node:child_process').ChildProcess } | undefined} */
	let postgres;
	/** @type {string | undefined} */
	let dir;
	if (database === 'postgres') {
		ensureServicesInstalled();
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-postgres-'));
		fs.chmodSync(dir, 0o755);
		const [port] = await reservePorts(1);
		postgres = await startPostgres(dir, port, 'n8n');
		env = { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port), DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'postgres', DB_POSTGRESDB_PASSWORD: '' };
	}
	const instance = await createInstance(n8n, env);
	await instance.importJson('credentials', [{ ...CREDENTIAL, type: 'bambooPaymentApi', data: bamboo }]);
	for (const workflow of workflows) {
		await instance.importJson('workflow', workflow);
		await instance.cli(['publish:workflow', `--id=${workflow.id}`]);
	}
	await instance.startServer();
	for (const workflow of workflows) await waitForWebhook(`${instance.base}/webhook/${workflow.id}`);
	const rest = await instance.rest();
	return {
		/** Starts a run as a production call would, and returns the create node's time and its output's shape. @param {string} id @param {number} count @param {string} prefix */
		async run(id, count, prefix) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId: id }));
			const before = new Set(((await rest('GET', `/executions?filter=${filter}`)).results ?? []).map((/** @type {any} */ row) => row.id));
			const answer = await fetch(`${instance.base}/webhook/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count, prefix }) });
			if (answer.status !== 200) throw new Error(`${id}: HTTP ${answer.status} ${await answer.text()}`);
			for (const until = Date.now() + 1800000; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
				const rows = ((await rest('GET', `/executions?filter=${filter}`)).results ?? []).filter((/** @type {any} */ row) => !before.has(row.id));
				const done = rows.find((/** @type {any} */ row) => ['success', 'error', 'crashed'].includes(row.status));
				if (done) return await readRun(rest, n8n.dir, done.id);
				if (Date.now() > until) throw new Error(`${id}: the run did not end`);
			}
		},
		async stop() {
			await instance.stop();
			if (postgres) postgres.child.kill();
			if (dir) fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The create node's execution time and what its items were. @param {any} rest @param {string} n8nDir @param {string} executionId */
async function readRun(rest, n8nDir, executionId) {
	const { parse } = require(require.resolve('flatted', { paths: [n8nDir] }));
	const execution = await rest('GET', `/executions/${executionId}`);
	const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
	const task = data.resultData.runData.Create?.[0];
	if (!task) throw new Error(`execution ${executionId} did not run the create node: ${JSON.stringify(data.resultData.error ?? {}).slice(0, 500)}`);
	const items = task.data.main[0].map((/** @type {any} */ item) => item.json);
	return { ms: task.executionTime, created: items.filter((/** @type {any} */ json) => json.paymentId && !json.skipped).length, skipped: items.filter((/** @type {any} */ json) => json.skipped).length, errors: items.filter((/** @type {any} */ json) => json.error).length };
}

/**
 * The guard cells. `runs` batches per cell with new order numbers each (so the store grows), guard on and off
 * interleaved; then the last batch of each guarded cell again.
 * @param {{ n8n: any, sandbox: { credentials: Record<string, any> }, items: number, runs: number, concurrency: number[], databases: Array<'sqlite' | 'postgres'>, log: (message: string) => void, reset: () => Promise<unknown> }} options
 */
async function guardCells(options) {
	const { n8n, items, runs, log } = options;
	const cells = options.concurrency.flatMap((concurrency) => [true, false].map((guard) => ({ concurrency, guard, id: `bhBenchC${String(concurrency).padStart(2, '0')}${guard ? 'On' : 'Off'}` })));
	/** @type {Record<string, any>} */
	const results = {};
	for (const database of options.databases) {
		log(`guard cells on ${database}`);
		const server = await startServer(n8n, database, options.sandbox.credentials.bambooPaymentApi, cells.map((cell) => createsWorkflow(cell.id, cell.concurrency, cell.guard)));
		try {
			results[database] = {};
			for (const concurrency of options.concurrency) {
				const entry = { on: /** @type {any[]} */ ([]), off: /** @type {any[]} */ ([]), rerun: /** @type {any} */ (undefined) };
				for (let run = 0; run < runs; run++) {
					for (const guard of run % 2 ? [false, true] : [true, false]) {
						const cell = /** @type {{ id: string }} */ (cells.find((c) => c.concurrency === concurrency && c.guard === guard));
						log(`${database}: ${items} creates, concurrency ${concurrency}, guard ${guard ? 'on' : 'off'}, run ${run + 1}/${runs}`);
						const result = await server.run(cell.id, items, `${cell.id}-${run}`);
						await options.reset();
						if (result.created !== items) throw new Error(`${cell.id} run ${run}: ${result.created} of ${items} created (${JSON.stringify(result)})`);
						(guard ? entry.on : entry.off).push({ ...result, rememberedBefore: guard ? Math.min(run * items, Math.floor(30000 / ENTRIES_PER_ORDER)) : 0, itemsPerSecond: (items / result.ms) * 1000 });
					}
				}
				const cell = /** @type {{ id: string }} */ (cells.find((c) => c.concurrency === concurrency && c.guard));
				log(`${database}: the last ${items} again, concurrency ${concurrency} (every item skipped)`);
				const rerun = await server.run(cell.id, items, `${cell.id}-${runs - 1}`);
				if (rerun.skipped !== items) throw new Error(`${cell.id} re-run: ${rerun.skipped} of ${items} skipped`);
				entry.rerun = { ...rerun, itemsPerSecond: (items / rerun.ms) * 1000 };
				results[database][concurrency] = entry;
			}
		} finally {
			await server.stop();
		}
	}
	return results;
}

module.exports = { guardCells, createsWorkflow };
