// @ts-check
/**
 * `npm run test:e2e [-- 2|1]`: the package in real n8n instances (2.41.1 on Node 24 and 1.123.50 on Node 20).
 * For each: install n8n once into a cache outside the repo, `npm pack` this package and install the tarball
 * into the instance's community nodes folder, start the sandbox, import credentials pointing at it and the
 * example workflows, run each with `n8n execute`, and assert the outputs item by item; then start the
 * server and check that n8n lists both nodes and both credentials.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { execFileSync, spawn } = require('node:child_process');
const { ensureBuilt, ROOT } = require('../lib/ensureBuilt');
const { install } = require('./install');
const { startSandbox } = require('../../sandbox');

const PACKAGE = 'n8n-nodes-bamboo-hyfin';
const results = { passed: 0, failed: 0 };

/** @param {string} name @param {() => Promise<void> | void} fn */
async function check(name, fn) {
	try {
		await fn();
		results.passed++;
		console.log(`  ok    ${name}`);
	} catch (error) {
		results.failed++;
		console.log(`  FAIL  ${name}\n        ${String(error instanceof Error ? error.message : error).split('\n').join('\n        ')}`);
	}
}

function freePort() {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

function readExample(/** @type {string} */ file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
}

/** The Hyfin example with one more contact whose email is invalid, and "On Error → Continue" on the node. */
function continueOnFailWorkflow() {
	const workflow = readExample('crm-contacts-to-hyfin.json');
	workflow.id = 'bhE2eContinueOnFail';
	workflow.name = 'e2e: continue on fail';
	const data = workflow.nodes.find((/** @type {any} */ node) => node.name === 'CRM contacts');
	const json = JSON.parse(data.parameters.jsonOutput);
	json.contacts.splice(2, 0, { crmId: 'crm-bad', firstName: 'Bad', lastName: 'Email', email: 'not-an-email', phone: '' });
	data.parameters.jsonOutput = JSON.stringify(json);
	workflow.nodes.find((/** @type {any} */ node) => node.name === 'Hyfin Customer').onError = 'continueRegularOutput';
	return workflow;
}

/** The chained example at concurrency 1, for a run that Bamboo stops at its third order. */
function failedRunWorkflow() {
	const workflow = readExample('crm-contacts-to-hyfin-and-bamboo.json');
	workflow.id = 'bhE2eFailedRun';
	workflow.name = 'e2e: a run that stops';
	workflow.nodes.find((/** @type {any} */ node) => node.name === 'Create payment link').parameters.options = { concurrency: 1 };
	return workflow;
}

/**
 * A logged-in session on n8n's REST API: sets up the owner on first use (both 1.x and 2.x).
 * @param {string} base
 */
async function restSession(base) {
	const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
	const owner = { email: 'owner@example.com', firstName: 'E2e', lastName: 'Owner', password: 'E2e-password-1' };
	await fetch(`${base}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(owner) });
	const login = await fetch(`${base}/rest/login`, { method: 'POST', headers, body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }) });
	assert.equal(login.status, 200, `login failed: ${await login.text()}`);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	return async (/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body = undefined) => {
		const response = await fetch(`${base}/rest${path}`, { method, headers: { ...headers, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		assert.equal(response.status, 200, `${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text).data;
	};
}

/** @param {string} dir */
function packTarball(dir) {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	return path.join(dir, JSON.parse(out)[0].filename);
}

/**
 * Runs an n8n CLI command and returns its stdout. Output goes through a file, not a pipe: n8n's task-runner
 * child process can hold a pipe open after n8n itself has exited.
 * @param {{ nodeBin: string, n8nBin: string }} n8n @param {NodeJS.ProcessEnv} env @param {string} dir
 */
function cli(n8n, env, dir) {
	let calls = 0;
	// Asynchronous, so that the sandbox in this process keeps answering while n8n runs.
	return async (/** @type {string[]} */ args, /** @type {{ allowFailure?: boolean }} */ options = {}) => {
		const file = path.join(dir, `cli-${++calls}.log`);
		const fd = fs.openSync(file, 'w');
		const child = spawn(n8n.nodeBin, [n8n.n8nBin, ...args], { env, stdio: ['ignore', fd, fd] });
		const timer = setTimeout(() => child.kill('SIGKILL'), 180000);
		const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? signal)));
		clearTimeout(timer);
		fs.closeSync(fd);
		const output = fs.readFileSync(file, 'utf8');
		if (code !== 0 && !options.allowFailure) throw new Error(`n8n ${args[0]} exited with ${code}:\n${output.slice(-3000)}`);
		return output;
	};
}

/** The run JSON printed by `n8n execute --rawOutput`: from the first line that is exactly "{". @param {string} stdout */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	assert.ok(start >= 0, `no JSON in n8n execute output:\n${stdout.slice(0, 2000)}`);
	// The pretty-printed run ends at the first line that is exactly "}"; a failed run's message follows it.
	const end = lines.indexOf('}', start);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** @param {any} run @param {string} node @returns {any[]} */
function jsonOf(run, node) {
	const task = run.data.resultData.runData[node];
	assert.ok(task, `node "${node}" did not run; error: ${JSON.stringify(run.data.resultData.error)}`);
	return task[0].data.main[0].map((/** @type {any} */ item) => item.json);
}

/** @param {'1' | '2'} major */
async function e2e(major) {
	const n8n = install(major);
	console.log(`\nn8n ${n8n.version} (${execFileSync(n8n.nodeBin, ['--version'], { encoding: 'utf8' }).trim()})`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${major}-`));
	const sandbox = await startSandbox();
	/** @type {import('node:child_process').ChildProcess | undefined} */
	let server;
	try {
		const userFolder = path.join(work, 'user');
		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		const tarball = packTarball(work);
		// As `npm install <package>` in ~/.n8n/nodes does; n8n-workflow comes from the n8n instance itself.
		execFileSync('npm', ['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tarball], { cwd: nodesDir, stdio: ['ignore', 'ignore', 'inherit'] });

		const env = {
			...process.env,
			PATH: `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-0123456789',
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_PORT: String(await freePort()),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			DB_SQLITE_POOL_SIZE: '2',
		};
		const run = cli(n8n, env, work);

		const credentials = [
			{ id: 'bhHyfinSandbox01', name: 'Hyfin sandbox', type: 'hyfinApi', data: { baseUrl: sandbox.hyfinBaseUrl, accessToken: sandbox.config.hyfin.token, authHeader: 'xAccessToken', siteId: 'site-1' } },
			{ id: 'bhBambooSandbox01', name: 'Bamboo sandbox', type: 'bambooPaymentApi', data: { environment: 'custom', baseUrl: sandbox.bambooBaseUrl, privateKey: sandbox.config.bamboo.privateKey } },
		];
		const credentialsFile = path.join(work, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
		await run(['import:credentials', `--input=${credentialsFile}`]);

		const workflows = [readExample('crm-contacts-to-hyfin.json'), readExample('crm-contacts-to-hyfin-and-bamboo.json'), continueOnFailWorkflow(), failedRunWorkflow()];
		for (const workflow of workflows) {
			const file = path.join(work, `${workflow.id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflow));
			await run(['import:workflow', `--input=${file}`]);
		}
		const execute = async (/** @type {string} */ id) => parseRun(await run(['execute', `--id=${id}`, '--rawOutput']));
		const contacts = JSON.parse(workflows[0].nodes.find((/** @type {any} */ n) => n.name === 'CRM contacts').parameters.jsonOutput).contacts;

		/** @type {string[]} */
		let firstIds = [];
		await check('CRM → Hyfin: every contact added, with a Hyfin id', async () => {
			const out = jsonOf(await execute(workflows[0].id), 'Hyfin Customer');
			assert.equal(out.length, contacts.length);
			out.forEach((json) => {
				assert.equal(json.success, true);
				assert.equal(json.action, 'added');
				assert.match(json._id, /^[0-9a-f]{24}$/);
			});
			firstIds = out.map((json) => json._id);
			const upserts = sandbox.requests('hyfin', 'POST');
			assert.equal(upserts.length, contacts.length);
			assert.ok(upserts.every((entry) => entry.headers['x-access-token'] === sandbox.config.hyfin.token), 'token header applied by n8n');
			assert.deepEqual(upserts.map((entry) => /** @type {any} */ (entry.body).external_id), contacts.map((/** @type {any} */ c) => c.crmId));
		});
		await check('CRM → Hyfin, second run: the same customers updated', async () => {
			const out = jsonOf(await execute(workflows[0].id), 'Hyfin Customer');
			assert.deepEqual(out.map((json) => json.action), contacts.map(() => 'updated'));
			assert.deepEqual(out.map((json) => json._id), firstIds);
		});
		await check('CRM → Hyfin → Bamboo: a Hyfin id and a payment link per contact, customer attached', async () => {
			sandbox.reset();
			const result = await execute(workflows[1].id);
			const customers = jsonOf(result, 'Hyfin Customer');
			const links = jsonOf(result, 'Create payment link');
			const attached = jsonOf(result, 'Attach customer to payment');
			assert.equal(links.length, contacts.length);
			contacts.forEach((/** @type {any} */ _contact, /** @type {number} */ i) => {
				assert.match(customers[i]._id, /^[0-9a-f]{24}$/);
				assert.equal(links[i].redirectUrl, `https://checkout.stage.bamboopayment.com/#?paymentId=${links[i].paymentId}`);
				assert.equal(attached[i].paymentId, links[i].paymentId);
				assert.equal(attached[i].isSuccess, true);
			});
			const payments = sandbox.vendors.bamboo.payments();
			assert.deepEqual(payments.map((p) => p.request.amount), contacts.map((/** @type {any} */ c) => Math.round(Number(c.total) * 100)));
			assert.deepEqual(payments.map((p) => p.customer.identifier), contacts.map((/** @type {any} */ c) => c.email));
			assert.ok(sandbox.requests('bamboo').every((entry) => entry.headers.authorization === `Basic ${sandbox.config.bamboo.privateKey}`), 'raw key in Basic header');
		});
		await check('continue on fail: an error item in place, the other contacts upserted', async () => {
			const out = jsonOf(await execute('bhE2eContinueOnFail'), 'Hyfin Customer');
			assert.equal(out.length, contacts.length + 1);
			assert.deepEqual(out[2], { error: '"Additional Fields › Email" is not a valid email address: "not-an-email"' });
			assert.ok(out.filter((_json, i) => i !== 2).every((json) => json.success === true));
		});

		/** @type {string[]} */
		let createdBeforeStop = [];
		await check('a run that Bamboo stops names, in its error, the links it created', async () => {
			sandbox.reset();
			sandbox.config.bamboo.rejectOrders = [contacts[2].orderNumber];
			try {
				const result = parseRun(await run(['execute', '--id=bhE2eFailedRun', '--rawOutput'], { allowFailure: true }));
				const error = result.data.resultData.runData['Create payment link'][0].error;
				assert.match(error.message, /^Bamboo rejected the request \(HTTP 400\): PR009 Order SO-2026-1003 is refused/);
				const links = sandbox.vendors.bamboo.payments();
				createdBeforeStop = links.map((link) => String(link.paymentId));
				assert.deepEqual(links.map((p) => p.request.orderNumber), [contacts[0].orderNumber, contacts[1].orderNumber]);
				for (const link of links) {
					assert.ok(error.description.includes(`paymentId ${link.paymentId}, orderNumber ${link.request.orderNumber}, redirectUrl ${link.redirectUrl}`), error.description);
				}
				assert.equal(sandbox.requests('bamboo', 'POST').length, 3, 'nothing sent after the refused order');
			} finally {
				sandbox.config.bamboo.rejectOrders = undefined;
			}
		});

		await check('n8n lists both nodes and both credentials', async () => {
			// At start the server writes the node and credential type lists its editor loads (served to
			// logged-in users only in 2.x); read them where n8n wrote them.
			server = spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let output = '';
			server.stdout?.on('data', (chunk) => (output += chunk));
			server.stderr?.on('data', (chunk) => (output += chunk));
			const types = path.join(userFolder, '.cache', 'n8n', 'public', 'types');
			const read = (/** @type {string} */ file) => {
				try {
					return /** @type {Array<{ name: string }>} */ (JSON.parse(fs.readFileSync(path.join(types, file), 'utf8')));
				} catch {
					return undefined;
				}
			};
			const deadline = Date.now() + 120000;
			let nodes = read('nodes.json');
			let credentialTypes = read('credentials.json');
			while (Date.now() < deadline && !(nodes?.some((node) => node.name.startsWith(PACKAGE)) && credentialTypes)) {
				await new Promise((resolve) => setTimeout(resolve, 500));
				[nodes, credentialTypes] = [read('nodes.json'), read('credentials.json')];
			}
			assert.ok(nodes && credentialTypes, `n8n wrote no type lists to ${types}:\n${output.slice(-3000)}`);
			const nodeNames = nodes.map((node) => node.name);
			assert.ok(nodeNames.includes(`${PACKAGE}.hyfinCustomer`), 'Hyfin Customer listed');
			assert.ok(nodeNames.includes(`${PACKAGE}.bambooPaymentLink`), 'Bamboo Payment Link listed');
			// As an AI Agent tool, the payment create tells the agent not to retry a "may exist" error.
			const tool = /** @type {any} */ (nodes.find((node) => node.name === `${PACKAGE}.bambooPaymentLinkTool`));
			assert.ok(tool, 'Bamboo Payment Link Tool listed');
			const createAction = tool.properties
				.filter((/** @type {any} */ p) => p.name === 'operation')
				.flatMap((/** @type {any} */ p) => p.options)
				.find((/** @type {any} */ o) => o.value === 'create').action;
			assert.match(createAction, /do not call this tool again/);
			const credentialNames = credentialTypes.map((credential) => credential.name);
			assert.ok(credentialNames.includes('hyfinApi'), 'Hyfin API credential listed');
			assert.ok(credentialNames.includes('bambooPaymentApi'), 'Bamboo Payment API credential listed');
		});

		await check('credential tests in n8n: green for the sandbox, red with the cause for a wrong base URL path', async () => {
			const base = `http://127.0.0.1:${env.N8N_PORT}`;
			for (const until = Date.now() + 60000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
				if ((await fetch(`${base}/healthz`).catch(() => undefined))?.ok) break;
			}
			const rest = await restSession(base);
			const test = (/** @type {any} */ credential) => rest('POST', '/credentials/test', { credentials: credential });
			const [hyfin, bamboo] = credentials;
			assert.deepEqual(await test(bamboo), { status: 'OK', message: 'Bamboo accepted the credential' });
			assert.deepEqual(await test(hyfin), { status: 'OK', message: 'Hyfin accepted the credential' });
			const wrongPath = await test({ ...bamboo, data: { ...bamboo.data, baseUrl: `${sandbox.bambooBaseUrl}/v1` } });
			assert.equal(wrongPath.status, 'Error');
			assert.match(wrongPath.message, /answered HTTP 404 with an HTML page: this is not the Bamboo API\. Check the base URL and its path/);
			const wrongSite = await test({ ...hyfin, data: { ...hyfin.data, siteId: 'site-404' } });
			assert.deepEqual(wrongSite, { status: 'Error', message: 'Hyfin does not know the site "site-404": site site-404 not found. Check the Site ID' });

			// The stopped run as n8n stored it: its error still names the links it created.
			const list = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'bhE2eFailedRun' }))}`);
			const stored = (list.results ?? list)[0];
			assert.ok(stored, 'the stopped run was stored');
			const execution = JSON.stringify(await rest('GET', `/executions/${stored.id}`));
			assert.ok(createdBeforeStop.length === 2, 'the stopped run created two links');
			for (const paymentId of createdBeforeStop) assert.ok(execution.includes(paymentId), `stored execution names ${paymentId}`);
			assert.ok(execution.includes('Before it stopped, this run created 2 record(s)'));
		});
	} finally {
		server?.kill('SIGTERM');
		await sandbox.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** Installs the requested n8n versions side by side (cold installs are mostly waiting on the network). @param {string[]} majors */
async function installAll(majors) {
	await Promise.all(
		majors.map(
			(major) =>
				new Promise((resolve, reject) => {
					const child = spawn(process.execPath, [path.join(__dirname, 'install.js'), major], { stdio: ['ignore', 'ignore', 'inherit'] });
					child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`installing n8n ${major}.x failed (${code})`))));
				}),
		),
	);
}

async function main() {
	ensureBuilt();
	const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['2', '1'];
	await installAll(majors);
	for (const major of majors) await e2e(/** @type {'1' | '2'} */ (major));
	console.log(`\n${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
