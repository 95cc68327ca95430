// @ts-check
/**
 * A real n8n instance for the e2e suite: its own user folder with the packed package installed the way
 * n8n installs community packages, its CLI, its server and a logged-in REST session. Every n8n process is
 * started in its own process group (see processes.js) and ended with it.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT } = require('../build');
const { endGroup, reservePorts, startGroup } = require('./processes');

/** @param {string} dir */
function packTarball(dir) {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	return path.join(dir, JSON.parse(out)[0].filename);
}

/**
 * Installs the package tarball into a user folder's community nodes folder, as `npm install <package>` in
 * ~/.n8n/nodes does; n8n-workflow comes from the n8n instance itself.
 * @param {string} userFolder @param {string} tarball
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	execFileSync('npm', ['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tarball], { cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The instance owner (set up through REST here, through the setup page by the browser suite). */
const OWNER = { email: 'owner@example.com', firstName: 'E2e', lastName: 'Owner', password: 'E2e-password-1' };

/**
 * A logged-in REST session of the owner on an n8n server (the owner is set up on first use; 1.x and 2.x):
 * a function that calls a REST route and returns its `data`.
 * @param {string} base
 */
async function restSession(base) {
	const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
	const owner = OWNER;
	// The REST API is mounted a little after /healthz answers (later still while workflows are activated); until
	// then n8n answers 404, or 200 with "n8n is starting up" and no session. Logged in means: a session cookie.
	let login;
	let cookie = '';
	for (const until = Date.now() + 120000; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
		await fetch(`${base}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(owner) });
		login = await fetch(`${base}/rest/login`, { method: 'POST', headers, body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }) });
		cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		if ((login.status === 200 && cookie !== '') || (login.status !== 404 && login.status !== 200) || Date.now() > until) break;
	}
	assert.equal(login.status, 200, `login failed: ${await login.text()}`);
	assert.notEqual(cookie, '', 'n8n never gave a session (still starting up)');
	return async (/** @type {string} */ method, /** @type {string} */ route, /** @type {unknown} */ body = undefined) => {
		const response = await fetch(`${base}/rest${route}`, { method, headers: { ...headers, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		assert.equal(response.status, 200, `${method} ${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text).data;
	};
}

/** The run JSON printed by `n8n execute --rawOutput`: from the first line "{" to the first line "}". @param {string} stdout */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	assert.ok(start >= 0, `no JSON in n8n execute output:\n${stdout.slice(0, 2000)}`);
	// A failed run's message follows the pretty-printed JSON.
	return JSON.parse(lines.slice(start, lines.indexOf('}', start) + 1).join('\n'));
}

/** The JSON of a node's output items in a run. @param {any} run @param {string} node @returns {any[]} */
function jsonOf(run, node) {
	const task = run.data.resultData.runData[node];
	assert.ok(task, `node "${node}" did not run; error: ${JSON.stringify(run.data.resultData.error)}`);
	return task[0].data.main[0].map((/** @type {any} */ item) => item.json);
}

/** What every n8n process the suites start shares: logs at info, nothing phoned home, no first-run prompts. */
const QUIET_N8N_ENV = {
	N8N_LOG_LEVEL: 'info',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
};

/**
 * Creates an instance: user folder, package installed from its tarball (this repository's root package packed
 * now, unless `tarball` names another), environment with reserved ports (and `extraEnv`, such as a
 * PostgreSQL database instead of SQLite).
 * @param {{ nodeBin: string, n8nBin: string, version: string, dir: string }} n8n @param {Record<string, string>} [extraEnv] @param {string} [tarball]
 */
async function createInstance(n8n, extraEnv = {}, tarball = undefined) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${n8n.version}-`));
	const userFolder = path.join(work, 'user');
	installPackage(userFolder, tarball ?? packTarball(work));
	const [port, brokerPort] = await reservePorts(2);
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...process.env,
		PATH: `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-encryption-key-0123456789',
		...QUIET_N8N_ENV,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		DB_SQLITE_POOL_SIZE: '2',
		// Not UTC: vendors' zone-less UTC timestamps must not be read as local time.
		TZ: 'America/Montevideo',
		...extraEnv,
	};
	const base = `http://127.0.0.1:${port}`;
	let calls = 0;
	/** @type {number | undefined} */
	let serverGroup;

	/**
	 * Runs an n8n CLI command in its own process group and returns its output. Output goes through a file:
	 * n8n's task-runner child can hold a pipe open after n8n itself has exited; the group is ended after.
	 * @param {string[]} args @param {{ allowFailure?: boolean }} [options]
	 */
	async function cli(args, options = {}) {
		const file = path.join(work, `cli-${++calls}.log`);
		const fd = fs.openSync(file, 'w');
		const child = startGroup(n8n.nodeBin, [n8n.n8nBin, ...args], { env, stdio: ['ignore', fd, fd] });
		const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 180000);
		const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? signal)));
		clearTimeout(timer);
		fs.closeSync(fd);
		if (child.pid !== undefined) await endGroup(child.pid, 2000);
		const output = fs.readFileSync(file, 'utf8');
		if (code !== 0 && !options.allowFailure) throw new Error(`n8n ${args[0]} exited with ${code}:\n${output.slice(-3000)}`);
		return output;
	}

	/** Imports items (workflows or credentials) from JSON. @param {'workflow' | 'credentials'} kind @param {unknown} data */
	async function importJson(kind, data) {
		const file = path.join(work, `import-${++calls}.json`);
		fs.writeFileSync(file, JSON.stringify(data));
		await cli([`import:${kind}`, `--input=${file}`]);
	}

	/** Starts `n8n start` and waits until /healthz answers. */
	async function startServer() {
		const log = fs.openSync(path.join(work, 'server.log'), 'w');
		const child = startGroup(n8n.nodeBin, [n8n.n8nBin, 'start'], { env, stdio: ['ignore', log, log] });
		serverGroup = child.pid;
		for (const until = Date.now() + 120000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
			const health = await fetch(`${base}/healthz`).catch(() => undefined);
			if (health?.ok) return;
			assert.equal(child.exitCode, null, `n8n start exited:\n${fs.readFileSync(path.join(work, 'server.log'), 'utf8').slice(-3000)}`);
		}
		throw new Error(`n8n did not become healthy at ${base}`);
	}

	/** A logged-in REST session (sets the owner up on first use; 1.x and 2.x). */
	const rest = () => restSession(base);

	/** The node and credential type lists the server wrote for its editor. @returns {{ nodes: any[], credentials: any[] } | undefined} */
	function typeLists() {
		const dir = path.join(userFolder, '.cache', 'n8n', 'public', 'types');
		try {
			return { nodes: JSON.parse(fs.readFileSync(path.join(dir, 'nodes.json'), 'utf8')), credentials: JSON.parse(fs.readFileSync(path.join(dir, 'credentials.json'), 'utf8')) };
		} catch {
			return undefined;
		}
	}

	/** Ends the server's process group (its data stays: `startServer` starts it again, as a restart does). */
	async function stopServer() {
		if (serverGroup !== undefined) await endGroup(serverGroup);
		serverGroup = undefined;
	}

	/** Ends the server's process group and removes the instance's folder. */
	async function stop() {
		await stopServer();
		fs.rmSync(work, { recursive: true, force: true });
	}

	return { base, dir: n8n.dir, cli, importJson, startServer, stopServer, rest, typeLists, stop, execute: async (/** @type {string} */ id, allowFailure = false) => parseRun(await cli(['execute', `--id=${id}`, '--rawOutput'], { allowFailure })) };
}

module.exports = { OWNER, QUIET_N8N_ENV, createInstance, installPackage, jsonOf, packTarball, restSession };
