// @ts-check
/**
 * One editor session for the browser suite: the loopback sandbox, real n8n 2.41.1 with the packed package
 * (as the e2e suite installs it), and Debian's chromium driven by puppeteer-core. Console errors and failed
 * requests are recorded with the step they happened in.
 */
const puppeteer = require('puppeteer-core');
const { install } = require('../../../harness/n8n/install');
const { ensureChromium } = require('../../../harness/n8n/chromium');
const { ensureBuilt } = require('../../../harness/build');
const { startSandbox } = require('../../../sandbox');
const { OWNER, createInstance } = require('../../../harness/n8n/instance');
const { endAllGroups } = require('../../../harness/n8n/processes');


/**
 * @typedef {{ step: string, kind: 'console' | 'pageerror' | 'response', text: string, url: string }} Problem
 */

async function startSession() {
	const chromium = ensureChromium();
	ensureBuilt();
	const sandbox = await startSandbox();
	const n8n = await createInstance(install('2'));
	await n8n.startServer();
	// /healthz answers while a page says "n8n is starting up", then everything answers 404 for a few seconds:
	// the editor is ready when its page is served.
	for (const until = Date.now() + 120000; ; await new Promise((resolve) => setTimeout(resolve, 500))) {
		const page = await fetch(`${n8n.base}/`).then(async (answer) => (answer.ok ? await answer.text() : '')).catch(() => '');
		if (page.startsWith('<!DOCTYPE html>')) break;
		if (Date.now() > until) throw new Error('the n8n editor did not become ready');
	}
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		// Root in a container: no sandbox; a small /dev/shm: use /tmp.
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=en-US'],
		defaultViewport: { width: 1440, height: 900 },
	});
	const page = await browser.newPage();
	page.setDefaultTimeout(30000);
	// Leaving a workflow with unsaved changes asks "leave the page?": a user who navigates away says yes.
	page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
	/** @type {Problem[]} */
	const problems = [];
	let step = 'start';
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push({ step, kind: 'console', text: message.text(), url: message.location().url ?? '' });
	});
	page.on('pageerror', (error) => problems.push({ step, kind: 'pageerror', text: String(error instanceof Error ? (error.stack ?? error.message) : error), url: '' }));
	/** @type {string[]} */
	const schemaRequests = [];
	page.on('response', (response) => {
		if (/\/schemas\//.test(response.url())) schemaRequests.push(`${response.status()} ${response.url()}`);
		if (response.status() >= 400) problems.push({ step, kind: 'response', text: `HTTP ${response.status()} ${response.request().method()}`, url: response.url() });
	});

	/** @type {Awaited<ReturnType<typeof n8n.rest>> | undefined} */
	let session;
	/** A REST session of the owner (after the owner was set up in the browser). */
	const rest = async () => (session ??= await n8n.rest());

	return {
		base: n8n.base,
		sandbox,
		n8n,
		page,
		problems,
		rest,
		/** Names the step that later problems belong to. @param {string} name */
		step: (name) => {
			step = name;
		},
		/** The step now running. */
		currentStep: () => step,
		/** The output schemas the editor asked for, as "<status> <url>". */
		schemaRequests: () => [...schemaRequests],
		/**
		 * Imports a workflow through n8n's REST API with its credentials replaced by the ones made in the
		 * browser (by type), and returns its id.
		 * @param {any} workflow
		 */
		importWorkflow: async (workflow) => {
			const call = await rest();
			/** @type {{ id: string, name: string, type: string }[]} */
			const credentials = await call('GET', '/credentials');
			for (const node of workflow.nodes) {
				for (const type of Object.keys(node.credentials ?? {})) {
					const made = credentials.find((credential) => credential.type === type);
					if (!made) throw new Error(`no ${type} credential was created in the browser`);
					node.credentials[type] = { id: made.id, name: made.name };
				}
			}
			// n8n gives the new workflow its own id.
			const unsaved = { ...workflow, active: false };
			delete unsaved.id;
			return /** @type {{ id: string }} */ (await call('POST', '/workflows', unsaved)).id;
		},
		stop: async () => {
			await browser.close().catch(() => undefined);
			await n8n.stop();
			await sandbox.close();
			await endAllGroups();
		},
	};
}

module.exports = { OWNER, startSession };
