// @ts-check
/** Child process: runs N items through the node at zero latency and reports peak RSS. Usage: node rss.js N */
const { createEngine } = require('../harness/engine');
const { startSandbox } = require('../sandbox');
const { nodeWorkflow } = require('./workloads');

(async () => {
	const count = Number(process.argv[2]);
	const sandbox = await startSandbox({ logBodies: false });
	const engine = await createEngine();
	const before = process.resourceUsage().maxRSS;
	const run = await engine.run(nodeWorkflow(count, undefined), {
		credentials: sandbox.credentials(),
	});
	const out = run.json('Hyfin Customer');
	if (out.length !== count || out.some((json) => !json.success)) throw new Error('run failed');
	await sandbox.close();
	process.stdout.write(JSON.stringify({ count, peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb: before / 1024 }));
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
