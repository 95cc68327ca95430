// @ts-check
/// <reference lib="dom" />
/**
 * What a user does in the n8n editor, step by step: set up the owner, create a credential and read its
 * test result, find nodes in the node panel, add a node by one of its actions, work in its panel.
 */
const { TIMEOUT, pause, testId } = require('./editor');

const CREDENTIAL_SUCCESS = testId('credentials-config-container-test-success');

/**
 * Closes the first-run dialogs a new owner may see (the personalisation survey, the Community+ offer).
 * @param {ReturnType<typeof import('./editor').editor>} ui
 */
async function dismissFirstRunDialogs(ui) {
	for (const [dialog, button] of [
		['personalization-form', 'Get started'],
		['communityPlusEnrollment-modal', 'Skip'],
	]) {
		const shown = await ui.page.waitForSelector(testId(dialog), { visible: true, timeout: 3000 }).catch(() => null);
		if (shown) await ui.clickText('button', button);
	}
}

/**
 * The owner set up through /setup, as the first user of a new instance does.
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {string} base @param {Record<string, string>} owner
 */
async function setUpOwner(ui, base, owner) {
	await ui.page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
	await ui.page.waitForFunction(() => location.pathname.endsWith('/setup'), { timeout: TIMEOUT });
	for (const [field, value] of Object.entries(owner)) await ui.fill(`${testId(field)} input`, value);
	await ui.click(testId('form-submit-button'));
	await ui.page.waitForFunction(() => !location.pathname.endsWith('/setup'), { timeout: TIMEOUT });
	await dismissFirstRunDialogs(ui);
}

/**
 * Opens the form of a new credential of the type shown as `typeName`, from the Credentials page.
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {string} base @param {string} typeName
 */
async function newCredential(ui, base, typeName) {
	testsOf(ui.page);
	await ui.page.goto(`${base}/home/credentials`, { waitUntil: 'domcontentloaded' });
	// The "Create credential" button at the top of the Credentials tab.
	await ui.click(testId('add-resource-credential'));
	await ui.fill(`${testId('new-credential-type-select')} input`, typeName);
	// The list filters as one types (debounced): pick once every option shown matches.
	await ui.page.waitForFunction(
		(css, typeName) => {
			const shown = Array.from(document.querySelectorAll(css)).filter((option) => option.getBoundingClientRect().width > 0);
			return shown.length > 0 && shown.every((option) => (option.textContent ?? '').includes(typeName));
		},
		{ timeout: TIMEOUT, polling: 200 },
		testId('new-credential-type-select-option'),
		typeName,
	);
	await pause(300);
	await ui.clickText(testId('new-credential-type-select-option'), typeName);
	await ui.page.waitForFunction((css, typeName) => /** @type {HTMLInputElement | null} */ (document.querySelector(css))?.value === typeName, { timeout: TIMEOUT }, `${testId('new-credential-type-select')} input`, typeName).catch(() => undefined);
	// The list's closing animation can swallow the first click on Continue.
	for (let attempt = 0; ; attempt++) {
		await pause(400);
		await ui.click(testId('new-credential-type-button'));
		const opened = await ui.page.waitForSelector(testId('editCredential-modal'), { visible: true, timeout: 5000 }).catch(() => null);
		if (opened) break;
		if (attempt === 2) throw new Error(`the ${typeName} credential form did not open`);
	}
}

/** The credential tests the editor asked n8n for, per page: what was tested and what n8n answered. */
const credentialTests = new WeakMap();

/** @param {import('puppeteer-core').Page} page @returns {Array<{ data: Record<string, unknown>, status: string, message: string }>} */
function testsOf(page) {
	if (!credentialTests.has(page)) {
		/** @type {Array<{ data: Record<string, unknown>, status: string, message: string }>} */
		const seen = [];
		credentialTests.set(page, seen);
		page.on('response', async (response) => {
			if (!response.url().endsWith('/rest/credentials/test') || response.request().method() !== 'POST') return;
			const data = JSON.parse(response.request().postData() ?? '{}').credentials?.data ?? {};
			const answer = await response.json().catch(() => ({}));
			seen.push({ data, status: String(answer.data?.status), message: String(answer.data?.message) });
		});
	}
	return credentialTests.get(page);
}

/**
 * Saves the open credential form and waits for n8n's test of exactly these values (the editor saves and
 * tests as one types, and again on Save), then for the editor to show it: green, or red with the test's
 * message under "More details".
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {Record<string, string>} values
 * @returns {Promise<{ ok: boolean, text: string }>}
 */
async function saveAndTest(ui, values) {
	const modal = testId('editCredential-modal');
	const tests = testsOf(ui.page);
	const matching = () => tests.filter((test) => Object.entries(values).every(([key, value]) => test.data[key] === value)).at(-1);
	// A click on Save while the field being typed in still has the focus can be lost: click again if no
	// save and test follows.
	for (let attempt = 0, next = 0, until = Date.now() + 60000; !matching(); await pause(200)) {
		if (Date.now() >= next && attempt < 3) {
			attempt++;
			next = Date.now() + 10000;
			await ui.click(testId('credential-save-button'));
		}
		if (Date.now() > until) {
			const seen = tests.map((test) => Object.keys(values).map((key) => `${key}=${String(test.data[key]).slice(0, 4)}…`).join(' ')).join('; ');
			throw new Error(`n8n never tested ${Object.keys(values).join(', ')} as filled in (tests seen: ${seen || 'none'})`);
		}
	}
	await pause(500); // Let the editor render the answer.
	const result = /** @type {{ status: string, message: string }} */ (matching());
	if (result.status === 'OK') {
		await ui.visible(CREDENTIAL_SUCCESS, 10000);
		return { ok: true, text: (await ui.texts(CREDENTIAL_SUCCESS)).join(' ') };
	}
	await ui.withText(`${modal} *`, /connect with these settings/, { timeout: 10000 });
	await ui.clickText(`${modal} *`, /^More details$/, { timeout: 5000 });
	// The details show the test's message as the editor renders it.
	const shown = await ui.withText('body *', new RegExp(result.message.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), { timeout: 5000 });
	return { ok: false, text: (await shown.evaluate((element) => element.textContent ?? '')).trim() };
}

/** Closes the open credential form. @param {ReturnType<typeof import('./editor').editor>} ui */
async function closeCredential(ui) {
	const modal = testId('editCredential-modal');
	const close = await ui.page.$(`${modal} .el-dialog__close, ${modal} button[aria-label*="Close"]`);
	if (close) await close.click();
	else await ui.page.keyboard.press('Escape');
	await ui.gone(modal);
}

/**
 * A new, empty workflow started by a Manual Trigger, as a user begins one.
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {string} base
 */
async function newWorkflow(ui, base) {
	await ui.page.goto(`${base}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await ui.click(testId('canvas-plus-button'));
	await searchNodes(ui, 'manual');
	await ui.clickText(LISTED, /^(Trigger manually|Manual Trigger)$/);
	await ui.gone(testId('node-creator'));
	// A clean canvas: the trigger alone.
	await ui.page.waitForFunction((css) => document.querySelectorAll(css).length === 1, { timeout: TIMEOUT }, testId('canvas-node'));
}

/**
 * Opens the node panel (the "+" at the top right of the canvas) and waits for its search field. A panel
 * that is still sliding out (n8n animates it away after a node was added) is waited out first, so the click
 * always opens a fresh panel; a click that opened nothing is repeated.
 * @param {ReturnType<typeof import('./editor').editor>} ui
 */
async function openNodePanel(ui) {
	await ui.gone(testId('node-creator'));
	for (let attempt = 1; ; attempt++) {
		await ui.click(testId('node-creator-plus-button'));
		const search = await ui.page.waitForSelector(SEARCH_BAR, { visible: true, timeout: 5000 }).catch(() => null);
		if (search) return;
		if (attempt === 3) throw new Error('the node panel did not open (no search field after three clicks on "+")');
	}
}

const SEARCH_BAR = `input${testId('node-creator-search-bar')}, ${testId('node-creator-search-bar')} input`;
const LISTED = `${testId('node-creator')} ${testId('node-creator-item-name')}`;

/**
 * Types a search into the open node panel and returns the names it lists, once the list has taken the
 * search in (it filters as one types) and has stopped changing.
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {string} term @returns {Promise<string[]>}
 */
async function searchNodes(ui, term) {
	await ui.fill(SEARCH_BAR, term);
	await ui.page.waitForFunction((css, term) => /** @type {HTMLInputElement | null} */ (document.querySelector(css))?.value === term, { timeout: TIMEOUT }, SEARCH_BAR, term);
	await ui.settled(LISTED);
	return ui.texts(LISTED);
}

/**
 * Adds a node by one of its actions, from the node panel, and waits for its panel (NDV) to open. Each node
 * added this way joins the open workflow: start from `newWorkflow` so that where n8n places it never depends
 * on what earlier steps added.
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {string} nodeName @param {string} action
 */
async function addNodeByAction(ui, nodeName, action) {
	await openNodePanel(ui);
	await searchNodes(ui, nodeName);
	await ui.clickText(LISTED, nodeName);
	// The node's actions replace the list (sliding in): click the action once the list is still.
	await ui.withText(LISTED, action);
	await ui.settled(LISTED);
	await ui.clickText(LISTED, action);
	await ui.visible(testId('ndv'));
	await ui.gone(testId('node-creator'));
}

/** Closes the node panel (NDV) and waits until the canvas is back. @param {ReturnType<typeof import('./editor').editor>} ui */
async function closeNdv(ui) {
	const close = await ui.page.$(`${testId('ndv-close-button')}, ${testId('back-to-canvas')}`);
	if (close) await close.click();
	else await ui.page.keyboard.press('Escape');
	await ui.gone(testId('ndv'));
}

/**
 * What the open NDV shows: the names of its parameters (from their `parameter-input-<name>` test ids) and
 * the labels of every parameter, collections included (a collection has no input of its own).
 * @param {ReturnType<typeof import('./editor').editor>} ui @returns {Promise<string[]>}
 */
function shownParameters(ui) {
	return ui.page.$$eval(`${testId('ndv')} [data-test-id^="parameter-input-"], ${testId('ndv')} ${testId('parameter-item')} label, ${testId('ndv')} ${testId('input-label')}`, (elements) => [
		...new Set(
			elements
				.filter((element) => element.getBoundingClientRect().width > 0)
				.map((element) => (element.hasAttribute('data-test-id') && element.getAttribute('data-test-id') !== 'input-label' ? String(element.getAttribute('data-test-id')).replace('parameter-input-', '') : (element.textContent ?? '').replace(/\s+/g, ' ').trim()))
				.filter((name) => name !== 'field' && name !== ''),
		),
	]);
}

/** Opens a node of the canvas by double-clicking it. @param {ReturnType<typeof import('./editor').editor>} ui @param {string} name */
async function openNode(ui, name) {
	const node = await ui.visible(`${testId('canvas-node')}[data-node-name="${name}"]`);
	await node.click({ count: 2 });
	await ui.visible(testId('ndv'));
}

/**
 * The canvas nodes' subtitles, by node name, and whether each fits (is not cut off).
 * @param {ReturnType<typeof import('./editor').editor>} ui @returns {Promise<Record<string, { text: string, fits: boolean }>>}
 */
function canvasSubtitles(ui) {
	return ui.page.$$eval(testId('canvas-node'), (nodes) =>
		Object.fromEntries(
			nodes.flatMap((node) => {
				const subtitle = node.querySelector('[class*="_subtitle_"]');
				if (!(subtitle instanceof HTMLElement)) return [];
				const fits = subtitle.scrollWidth <= subtitle.clientWidth + 1 && subtitle.scrollHeight <= subtitle.clientHeight + 1;
				return [[String(node.getAttribute('data-node-name')), { text: (subtitle.textContent ?? '').trim(), fits }]];
			}),
		),
	);
}

/** Leaves the focused field, as a user does before the next step: the editor takes a typed value on a short delay. @param {ReturnType<typeof import('./editor').editor>} ui */
async function blur(ui) {
	await ui.page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
	await pause(800);
}

/** Closes every toast and waits until none is shown (a toast must not cover what a screenshot shows). @param {ReturnType<typeof import('./editor').editor>} ui */
async function dismissToasts(ui) {
	for (const until = Date.now() + TIMEOUT; Date.now() < until; await pause(250)) {
		const open = await ui.page.$$('.el-notification');
		if (open.length === 0) return;
		for (const toast of open) await toast.$eval('.el-notification__closeBtn', (button) => /** @type {HTMLElement} */ (button).click()).catch(() => undefined);
	}
	throw new Error('a toast did not close');
}


module.exports = { blur, dismissToasts, newWorkflow, addNodeByAction, canvasSubtitles, closeCredential, closeNdv, newCredential, openNode, openNodePanel, saveAndTest, searchNodes, setUpOwner, shownParameters };
