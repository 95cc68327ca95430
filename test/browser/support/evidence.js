// @ts-check
/// <reference lib="dom" />
/** What a failed browser test leaves behind: a screenshot and, for logs, what the editor showed. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Where a failed test leaves the page it failed on. */
const EVIDENCE = process.env.BROWSER_EVIDENCE ?? path.join(os.tmpdir(), 'n8n-browser-evidence');

/**
 * What the editor showed when a test failed: a screenshot (in EVIDENCE) and, for logs where no image can be
 * opened, the address, the open panels and the canvas nodes.
 * @param {import('puppeteer-core').Page} page @param {string} name
 */
async function evidence(page, name) {
	fs.mkdirSync(EVIDENCE, { recursive: true });
	const file = path.join(EVIDENCE, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
	const shot = await page.screenshot({ path: /** @type {`${string}.png`} */ (file) }).then(() => file, (problem) => `none (${String(problem).slice(0, 100)})`);
	const state = await page
		.evaluate(() => ({
			url: location.href,
			open: ['ndv', 'node-creator', 'editCredential-modal'].filter((id) => document.querySelector(`[data-test-id="${id}"]`)),
			canvas: Array.from(document.querySelectorAll('[data-test-id="canvas-node"]')).map((node) => node.getAttribute('data-node-name')),
		}))
		.catch(() => ({ url: page.url(), open: [], canvas: [] }));
	return `screenshot: ${shot}; page: ${state.url}; open: ${state.open.join(', ') || 'nothing'}; canvas nodes: ${state.canvas.join(', ') || 'none'}`;
}

/**
 * Runs a test's body as its first step `title`; when it fails, the failure says in which step it was and what
 * the editor showed then.
 * @param {{ page: import('puppeteer-core').Page, step: (name: string) => void, currentStep: () => string }} session
 * @param {string} title @param {() => Promise<void>} body
 */
async function withEvidence(session, title, body) {
	session.step(title);
	try {
		await body();
	} catch (problem) {
		const failedIn = session.currentStep();
		const note = `[browser] failed in step "${failedIn}" — ${await evidence(session.page, failedIn)}`;
		process.stderr.write(`${note}\n`);
		if (problem instanceof Error) problem.message = `${problem.message}\n${note}`;
		throw problem;
	}
}

module.exports = { withEvidence };
