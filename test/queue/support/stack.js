// @ts-check
/**
 * n8n 2.41.1 in queue mode on one machine: Redis, PostgreSQL, one main, workers and one webhook process,
 * all on loopback ports. Each n8n process has its own user folder with the packed package installed in its
 * community nodes folder — the way a production install reaches every process. Every process runs in its
 * own process group; `stop` ends them all.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { QUIET_N8N_ENV, installPackage, packTarball } = require('../../../harness/n8n/instance');
const { endAllGroups, endGroup, reservePorts, startGroup } = require('../../../harness/n8n/processes');
const { ensureServicesInstalled, startPostgres, startRedis } = require('../../../harness/n8n/services');

const ENCRYPTION_KEY = 'queue-encryption-key-0123456789';

/**
 * @param {{ nodeBin: string, n8nBin: string, version: string }} n8n
 * @param {{ workers: number }} options
 */
async function startStack(n8n, options) {
	ensureServicesInstalled();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	fs.chmodSync(work, 0o755); // PostgreSQL runs as its own user below it.
	const [redisPort, postgresPort, mainPort, webhookPort, ...more] = await reservePorts(4 + 3 * options.workers + 4);
	await startRedis(path.join(work, 'redis'), redisPort);
	const postgres = await startPostgres(path.join(work, 'postgres'), postgresPort, 'n8n');
	const tarball = packTarball(work);

	/** @type {NodeJS.ProcessEnv} */
	const shared = {
		...process.env,
		PATH: `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH}`,
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		...QUIET_N8N_ENV,
		N8N_SECURE_COOKIE: 'false',
	};
	let nextPort = 0;
	/** @type {Map<string, { pid: number, log: string, env: NodeJS.ProcessEnv }>} */
	const processes = new Map();

	/** A process's environment: its own user folder (with the package) and task-runner broker port. @param {string} name */
	function envFor(name, extra = {}) {
		const userFolder = path.join(work, name);
		if (!fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-bamboo-hyfin'))) installPackage(userFolder, tarball);
		return { ...shared, N8N_USER_FOLDER: userFolder, N8N_RUNNERS_BROKER_PORT: String(more[nextPort++]), ...extra };
	}

	/** Starts an n8n process (`start`, `webhook`, `worker …`) in its own group. @param {string} name @param {string[]} args @param {NodeJS.ProcessEnv} env */
	function launch(name, args, env) {
		const log = path.join(work, `${name}.log`);
		const child = startGroup(n8n.nodeBin, [n8n.n8nBin, ...args], { env, stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')] });
		assert.ok(child.pid);
		processes.set(name, { pid: child.pid, log, env });
		return child;
	}

	/** Waits until a URL answers 200, failing early if the process exited. @param {string} url @param {import('node:child_process').ChildProcess} child @param {string} name */
	async function healthy(url, child, name) {
		for (const until = Date.now() + 180000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
			const answer = await fetch(url).catch(() => undefined);
			if (answer?.ok) return;
			assert.equal(child.exitCode, null, `${name} exited:\n${fs.readFileSync(/** @type {any} */ (processes.get(name)).log, 'utf8').slice(-3000)}`);
		}
		throw new Error(`${name} did not become healthy at ${url}`);
	}

	const cliEnv = envFor('main', { N8N_PORT: String(mainPort) });

	return {
		work,
		postgres,
		mainUrl: `http://127.0.0.1:${mainPort}`,
		webhookUrl: `http://127.0.0.1:${webhookPort}`,
		/** Runs an n8n CLI command against the shared database (as the main's user). @param {string[]} args */
		async cli(args) {
			const out = path.join(work, `cli-${Date.now()}.log`);
			const fd = fs.openSync(out, 'w');
			const child = startGroup(n8n.nodeBin, [n8n.n8nBin, ...args], { env: cliEnv, stdio: ['ignore', fd, fd] });
			const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? signal)));
			if (child.pid !== undefined) await endGroup(child.pid, 2000);
			const text = fs.readFileSync(out, 'utf8');
			assert.equal(code, 0, `n8n ${args.join(' ')} failed:\n${text.slice(-3000)}`);
			return text;
		},
		async startMain() {
			await healthy(`http://127.0.0.1:${mainPort}/healthz`, launch('main', ['start'], cliEnv), 'main');
		},
		/** Starts a webhook process ('webhook' on webhookUrl, others on a port of their own); returns its URL. */
		async startWebhook(name = 'webhook') {
			const port = name === 'webhook' ? webhookPort : more[nextPort++];
			await healthy(`http://127.0.0.1:${port}/healthz`, launch(name, ['webhook'], envFor(name, { N8N_PORT: String(port) })), name);
			return `http://127.0.0.1:${port}`;
		},
		/** @param {string} name @param {number} concurrency */
		async startWorker(name, concurrency) {
			const healthPort = more[nextPort++];
			const env = envFor(name, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) });
			await healthy(`http://127.0.0.1:${healthPort}/healthz`, launch(name, ['worker', `--concurrency=${concurrency}`], env), name);
		},
		/** The process group of a started process (its leader's pid). @param {string} name */
		pid: (name) => /** @type {{ pid: number }} */ (processes.get(name)).pid,
		/** The log of a started process. @param {string} name */
		log: (name) => fs.readFileSync(/** @type {{ log: string }} */ (processes.get(name)).log, 'utf8'),
		/** Kills a process's whole group at once (SIGKILL: no shutdown, as a crash). @param {string} name */
		kill(name) {
			process.kill(-(/** @type {{ pid: number }} */ (processes.get(name)).pid), 'SIGKILL');
		},
		async stop() {
			await endAllGroups();
			fs.rmSync(work, { recursive: true, force: true });
		},
	};
}

module.exports = { startStack };
