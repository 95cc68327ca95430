// @ts-check
/**
 * A benchmark worker: runs cells in the engine it was started with. With HARNESS_N8N_DIR set (the
 * production run) it uses that n8n installation's n8n-core, n8n-workflow and n8n-nodes-base, on the Node it
 * runs on (24 for n8n 2.x), and initialises n8n's VM expression engine with n8n 2.x's defaults, as `n8n
 * start` does; the package is loaded from BENCH_PACKAGE_ROOT (staged beside that installation's
 * n8n-workflow, as in n8n's nodes folder). Talks over IPC: `{ cmd: 'run', kind, count, concurrency, latency,
 * sandbox }` → `{ ms, cpuMs, failures }`.
 */
const inspector = require('node:inspector');
const { createEngine, wf } = require('../harness/engine');
const { httpRequestWorkflow, nodeWorkflow, rawClient } = require('./workloads');

/** n8n 2.x's expression engine settings (@n8n/config ExpressionEngineConfig defaults). */
const VM_ENGINE = { engine: 'vm', poolSize: 1, maxCodeCacheSize: 1024, bridgeTimeout: 5000, bridgeMemoryLimit: 128 };

async function main() {
	let expressionEngine = 'legacy';
	if (process.env.BENCH_EXPRESSION_ENGINE === 'vm') {
		await wf.Expression.initExpressionEngine(VM_ENGINE);
		expressionEngine = 'vm';
	}
	const engine = await createEngine({ root: process.env.BENCH_PACKAGE_ROOT });
	const versions = { node: process.version, expressionEngine };
	const session = new inspector.Session();
	session.connect();
	/** @type {(method: string, params?: object) => Promise<any>} */
	const post = (method, params) => new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));

	/** @param {any} workflow @param {string} node @param {Record<string, any>} credentials */
	async function engineRun(workflow, node, credentials) {
		const run = await engine.run(workflow, { credentials });
		const out = run.json(node);
		const failures = out.filter((/** @type {any} */ json) => json.success !== true).length;
		if (failures) throw new Error(`${node}: ${failures} items failed, e.g. ${JSON.stringify(out.find((/** @type {any} */ json) => json.success !== true))}`);
		return { ms: run.result.data.resultData.runData[node][0].executionTime, failures };
	}

	/** @param {any} message */
	async function cell(message) {
		const { kind, count, concurrency, latency, sandbox } = message;
		if (message.profile) {
			await post('Profiler.enable');
			await post('Profiler.start');
		}
		const cpu = process.cpuUsage();
		let result;
		if (kind === 'raw') result = await rawClient(count, sandbox.url, sandbox.token, concurrency);
		else if (kind === 'nodeExpressions') result = await engineRun(nodeWorkflow(count, concurrency, 'expressions'), 'Hyfin Customer', sandbox.credentials);
		else if (kind === 'nodeAutoMap') result = await engineRun(nodeWorkflow(count, concurrency, 'autoMap'), 'Hyfin Customer', sandbox.credentials);
		else if (kind === 'httpBatched') result = await engineRun(httpRequestWorkflow(count, sandbox.url, sandbox.token, { batchSize: concurrency, batchInterval: latency }), 'HTTP Request', {});
		else if (kind === 'httpPerItem') result = await engineRun(httpRequestWorkflow(count, sandbox.url, sandbox.token, { batchSize: 1, batchInterval: Math.max(1, Math.round(latency / concurrency)) }), 'HTTP Request', {});
		else throw new Error(`unknown cell ${kind}`);
		const used = process.cpuUsage(cpu);
		const profile = message.profile ? (await post('Profiler.stop')).profile : undefined;
		return { ...result, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, profile };
	}

	process.on('message', (/** @type {any} */ message) => {
		if (message.cmd === 'exit') process.exit(0);
		cell(message).then(
			(result) => process.send?.({ ok: true, result }),
			(error) => process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) }),
		);
	});
	process.send?.({ ready: true, versions });
}

main().catch((error) => {
	process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) });
	process.exit(1);
});
