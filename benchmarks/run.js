// @ts-check
/**
 * `npm run bench [-- --items 5000 --latency 20 --concurrency 1,4,16 --runs 5 --rss 50000]`
 * `npm run bench:smoke` (a few hundred items, one run per cell: checks that the benchmark still works)
 *
 * Measures, on the production engine (n8n 2.41.1's n8n-core on Node 24 with n8n's VM expression engine,
 * installed into the e2e cache), N Hyfin upserts against the sandbox (in its own process, with added
 * latency): this package's node with expressions and with Map Automatically, n8n's HTTP Request node
 * (batched, and one item per batch), and a keep-alive raw client (the floor). Cells are interleaved and
 * each is run several times; the results go to benchmarks/results/<date>.json, from which BENCHMARKS.md is
 * rendered (benchmarks/render.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');
const { ensureBuilt, ROOT } = require('../harness/build');
const { install } = require('../harness/n8n/install');
const { profileSummary } = require('./profile');
const { render } = require('./render');
const { guardCells } = require('./guard');

function parseArgs() {
	const smoke = process.argv.includes('--smoke');
	const args = smoke
		? { items: 300, latency: 20, concurrency: [1, 4, 16], runs: 1, rss: 2000, cpuItems: 300, profile: false, smoke, out: '', guardItems: 60, guardRuns: 1, only: '' }
		: { items: 5000, latency: 20, concurrency: [1, 4, 16], runs: 5, rss: 50000, cpuItems: 2000, profile: true, smoke, out: '', guardItems: 5000, guardRuns: 3, only: '' };
	const argv = process.argv.slice(2).filter((arg) => arg !== '--smoke');
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--items') args.items = Number(value);
		else if (flag === '--latency') args.latency = Number(value);
		else if (flag === '--concurrency') args.concurrency = value.split(',').map(Number);
		else if (flag === '--runs') args.runs = Number(value);
		else if (flag === '--rss') args.rss = Number(value);
		else if (flag === '--out') args.out = path.resolve(value);
		else if (flag === '--guard-items') args.guardItems = Number(value);
		else if (flag === '--guard-runs') args.guardRuns = Number(value);
		else if (flag === '--only') args.only = value;
		else throw new Error(`Unknown option ${flag}`);
	}
	return args;
}

const log = (/** @type {string} */ message) => process.stderr.write(`[bench] ${message}\n`);

/** Starts a child and returns a request function over IPC. @param {import('node:child_process').ChildProcess} child */
function ipc(child) {
	/** @type {Array<(message: any) => void>} */
	const waiting = [];
	child.on('message', (message) => waiting.shift()?.(message));
	child.on('exit', (code) => {
		for (const resolve of waiting.splice(0)) resolve({ ok: false, error: `process exited with ${code}` });
	});
	const next = () => new Promise((resolve) => waiting.push(resolve));
	return { next, request: (/** @type {any} */ message) => (child.send(message), next()) };
}

/** Copies the built package into a folder laid out like n8n's nodes folder, beside the installation's n8n-workflow. @param {string} n8nDir */
function stagePackage(n8nDir) {
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stage-'));
	const target = path.join(stage, 'node_modules', 'n8n-nodes-bamboo-hyfin');
	fs.mkdirSync(target, { recursive: true });
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.symlinkSync(path.join(n8nDir, 'node_modules', 'n8n-workflow'), path.join(stage, 'node_modules', 'n8n-workflow'));
	return { stage, root: target };
}

/** @param {{ nodeBin: string, dir: string }} n8n @param {string} root @param {string[]} [execArgv] */
async function startWorker(n8n, root, execArgv = []) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-user-'));
	const env = { ...process.env, HARNESS_N8N_DIR: n8n.dir, BENCH_PACKAGE_ROOT: root, BENCH_EXPRESSION_ENGINE: 'vm', N8N_USER_FOLDER: userFolder, N8N_LOG_LEVEL: 'silent' };
	const child = fork(path.join(__dirname, 'engineWorker.js'), { execPath: n8n.nodeBin, execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const channel = ipc(child);
	const ready = await channel.next();
	if (!ready.ready) throw new Error(`worker failed: ${ready.error}`);
	return { ...channel, versions: ready.versions, stop: () => child.kill() };
}

async function main() {
	const args = parseArgs();
	ensureBuilt();
	const n8n = install('2');
	const { stage, root } = stagePackage(n8n.dir);
	const sandboxChild = fork(path.join(__dirname, 'sandboxProcess.js'), [String(args.latency)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const sandboxIpc = ipc(sandboxChild);
	const sandbox = await sandboxIpc.next();
	const worker = await startWorker(n8n, root);
	/** @type {(kind: string, count: number, concurrency: number, on?: { request: (message: any) => Promise<any> }) => Promise<any>} */
	const measure = async (kind, count, concurrency, on = worker) => {
		const answer = await on.request({ kind, count, concurrency, latency: args.latency, sandbox });
		const stats = await sandboxIpc.request({ cmd: 'reset' });
		if (!answer.ok) throw new Error(answer.error);
		return { ...answer.result, rps: (count / answer.result.ms) * 1000, maxInFlight: stats.maxInFlight, requests: stats.requests };
	};
	try {
		/** @type {Record<string, any>} */
		let measured = {};
		if (args.only !== 'guard') {
			const kinds = ['raw', 'nodeExpressions', 'nodeAutoMap', 'httpBatched', 'httpPerItem'];
			log('warming up');
			for (const kind of kinds) await measure(kind, 200, 16);
			/** @type {Record<string, Record<string, any[]>>} */
			const throughput = {};
			for (const concurrency of args.concurrency) {
				throughput[concurrency] = Object.fromEntries(kinds.map((kind) => [kind, []]));
				for (let run = 0; run < args.runs; run++) {
					// Interleaved, in a rotating order, so that drift on a shared machine touches every cell alike.
					const order = kinds.map((_k, i) => kinds[(i + run) % kinds.length]);
					for (const kind of order) {
						// At concurrency 1 both HTTP Request settings are one request every `latency` ms: measured once.
						if (kind === 'httpPerItem' && concurrency === 1) continue;
						log(`${args.items} items, ${kind}, concurrency ${concurrency}, run ${run + 1}/${args.runs}`);
						throughput[concurrency][kind].push(await measure(kind, args.items, concurrency));
					}
				}
			}
			log('CPU per item at zero latency');
			await sandboxIpc.request({ cmd: 'latency', ms: 0 });
			/** @type {Record<string, any[]>} */
			const cpu = Object.fromEntries(kinds.map((kind) => [kind, []]));
			for (let run = 0; run < Math.max(1, Math.min(args.runs, 3)); run++) {
				for (const kind of kinds) cpu[kind].push(await measure(kind, args.cpuItems, 4));
			}
			worker.stop();

			log(`peak RSS, ${args.rss} items`);
			const rss = {};
			for (const kind of ['nodeExpressions', 'nodeAutoMap']) {
				const fresh = await startWorker(n8n, root);
				try {
					const before = await measure(kind, 10, 16, fresh);
					const after = await measure(kind, args.rss, 16, fresh);
					/** @type {any} */ (rss)[kind] = { baselineRssMb: before.maxRssMb, peakRssMb: after.maxRssMb };
				} finally {
					fresh.stop();
				}
			}

			/** @type {Record<string, any>} */
			const profile = {};
			if (args.profile) {
				const profiled = await startWorker(n8n, root);
				try {
					for (const kind of ['nodeAutoMap', 'nodeExpressions']) {
						log(`profile: ${kind}, concurrency 16, zero latency`);
						await measure(kind, 200, 16, profiled);
						const answer = await profiled.request({ kind, count: args.cpuItems, concurrency: 16, latency: 0, sandbox, profile: true });
						await sandboxIpc.request({ cmd: 'reset' });
						if (!answer.ok) throw new Error(answer.error);
						profile[kind] = profileSummary(answer.result.profile);
					}
				} finally {
					profiled.stop();
				}
			}
			measured = { throughput, cpu, rss, profile: args.profile ? profile : undefined };
		} else {
			worker.stop();
		}
		// What Once per Order Number costs, in real n8n with its own store (SQLite and PostgreSQL).
		await sandboxIpc.request({ cmd: 'latency', ms: args.latency });
		const reset = () => sandboxIpc.request({ cmd: 'reset' });
		const guard = args.only === 'throughput' ? undefined : await guardCells({ n8n, sandbox, items: args.guardItems, runs: args.guardRuns, concurrency: args.concurrency, databases: ['sqlite', 'postgres'], log, reset });

		const cpus = os.cpus();
		const results = {
			date: new Date().toISOString(),
			machine: { cpus: cpus.length, model: cpus[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}` },
			versions: { n8n: n8n.version, node: worker.versions.node, expressionEngine: worker.versions.expressionEngine, package: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version },
			settings: { items: args.items, latencyMs: args.latency, runs: args.runs, cpuItems: args.cpuItems, rssItems: args.rss, smoke: args.smoke },
			settingsGuard: { items: args.guardItems, runs: args.guardRuns },
			...measured,
			guard,
		};
		const out = args.out || (args.smoke ? path.join(os.tmpdir(), 'bench-smoke.json') : path.join(__dirname, 'results', `${results.date.slice(0, 10)}.json`));
		fs.mkdirSync(path.dirname(out), { recursive: true });
		fs.writeFileSync(out, `${JSON.stringify(results, null, '\t')}\n`);
		log(`results: ${out}`);
		const report = render(results, path.relative(ROOT, out));
		if (!args.smoke && !args.only) fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report);
		process.stdout.write(report);
	} finally {
		sandboxChild.kill();
		fs.rmSync(stage, { recursive: true, force: true });
	}
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
