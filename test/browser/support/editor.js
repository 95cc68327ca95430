// @ts-check
/// <reference lib="dom" />
/**
 * Small helpers to drive the n8n editor with puppeteer-core the way a user does: real clicks and key
 * presses on what is visible. Selectors are the editor's own `data-test-id`s (see n8n's Playwright page
 * objects); menus, dropdowns and dialogs are teleported to <body>, so they are looked up page-wide.
 */
const fs = require('node:fs');
const path = require('node:path');

const TIMEOUT = 30000;

/** @param {string} id */
const testId = (id) => `[data-test-id="${id}"]`;

/** @param {number} ms */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The first visible element matching `css` whose whitespace-collapsed text is `text` (or contains it), once
 * there is one.
 * @param {import('puppeteer-core').Page} page @param {string} css @param {string | RegExp} text
 * @param {{ timeout?: number, within?: string }} [options]
 * @returns {Promise<import('puppeteer-core').ElementHandle<Element>>}
 */
async function withText(page, css, text, options = {}) {
	const pattern = typeof text === 'string' ? { source: text, exact: true } : { source: text.source, exact: false };
	const handle = await page.waitForFunction(
		(css, pattern, within) => {
			const root = within ? document.querySelector(within) : document;
			if (!root) return null;
			const matches = (/** @type {string} */ value) => (pattern.exact ? value === pattern.source : new RegExp(pattern.source, 'i').test(value));
			const found = Array.from(root.querySelectorAll(css)).filter((element) => {
				if (element.tagName === 'STYLE' || element.tagName === 'SCRIPT') return false;
				const box = element.getBoundingClientRect();
				const style = getComputedStyle(element);
				const visible = box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
				return visible && matches((element.textContent ?? '').replace(/\s+/g, ' ').trim());
			});
			// The innermost match: an ancestor's text contains its descendants' text.
			return found.find((element) => !found.some((other) => other !== element && element.contains(other))) ?? null;
		},
		{ timeout: options.timeout ?? TIMEOUT, polling: 200 },
		css,
		pattern,
		options.within ?? '',
	);
	const element = handle.asElement();
	if (!element) throw new Error(`no visible ${css} with text ${String(text)}`);
	return /** @type {import('puppeteer-core').ElementHandle<Element>} */ (element);
}

/**
 * Clicks what `find` returns; when it moved or was re-rendered in between (menus animate, lists re-render as
 * they filter), finds it again and retries.
 * @param {() => Promise<import('puppeteer-core').ElementHandle<Element>>} find
 * @param {import('puppeteer-core').ClickOptions} [options]
 */
async function clickFresh(find, options = {}) {
	for (let attempt = 0; ; attempt++) {
		try {
			await (await find()).click(options);
			return;
		} catch (problem) {
			if (attempt === 4 || !/not clickable|detached|not an Element/i.test(String(problem))) throw problem;
			await pause(300);
		}
	}
}

/**
 * Waits until the visible elements matching css are there and still: the same texts at the same places over
 * three polls in a row (lists filter, slide in and re-render before they can be used).
 * @param {import('puppeteer-core').Page} page @param {string} css
 */
async function settled(page, css) {
	let last = '';
	let still = 0;
	for (const until = Date.now() + TIMEOUT; still < 3; await pause(150)) {
		const now = await page.$$eval(css, (elements) =>
			JSON.stringify(
				elements
					.map((element) => ({ box: element.getBoundingClientRect(), text: (element.textContent ?? '').trim() }))
					.filter(({ box }) => box.width > 0 && box.height > 0)
					.map(({ box, text }) => [Math.round(box.x), Math.round(box.y), text]),
			),
		);
		still = now === last && now !== '[]' ? still + 1 : 0;
		last = now;
		if (Date.now() > until) throw new Error(`${css} did not settle: ${last.slice(0, 300)}`);
	}
}

/** @param {import('puppeteer-core').Page} page */
function editor(page) {
	/** @param {string} css @param {number} [timeout] */
	const visible = async (css, timeout = TIMEOUT) => {
		const element = await page.waitForSelector(css, { visible: true, timeout });
		if (!element) throw new Error(`${css} did not appear`);
		return element;
	};
	return {
		page,
		visible,
		/** @param {string} css @param {string | RegExp} text @param {{ timeout?: number, within?: string }} [options] */
		withText: (css, text, options) => withText(page, css, text, options),
		/** @param {string} css */
		click: (css) => clickFresh(() => visible(css)),
		/** @param {string} css @param {string | RegExp} text @param {{ timeout?: number, within?: string }} [options] */
		clickText: (css, text, options) => clickFresh(() => withText(page, css, text, options)),
		/** Replaces the value of an input (select all, then type). @param {string} css @param {string} value */
		fill: async (css, value) => {
			await clickFresh(() => visible(css), { count: 3 });
			const input = await visible(css);
			await page.keyboard.down('Control');
			await page.keyboard.press('KeyA');
			await page.keyboard.up('Control');
			await page.keyboard.press('Backspace');
			if (value !== '') await input.type(value);
		},
		/** Picks an option of a node or credential parameter of type options, by its shown name. @param {string} name @param {string} option */
		choose: async (name, option) => {
			const input = await visible(`${testId(`parameter-input-${name}`)} input`);
			await input.click();
			// A searchable list (such as the HTTP Request node's credential types) shows only what matches.
			if (!(await input.evaluate((element) => /** @type {HTMLInputElement} */ (element).readOnly))) await input.type(option);
			// An option shows its name, then its description: match the name alone.
			const find = () => page.waitForFunction(
				(option) => {
					for (const item of Array.from(document.querySelectorAll('.el-select-dropdown__item, [role="option"]'))) {
						const description = item.querySelector('.option-description')?.textContent ?? '';
						const name = (item.textContent ?? '').replace(description, '').replace(/\s+/g, ' ').trim();
						if (name === option && item.getBoundingClientRect().width > 0) return item;
					}
					return null;
				},
				{ timeout: TIMEOUT, polling: 200 },
				option,
			);
			// The list may still be opening (its items move).
			await clickFresh(async () => /** @type {import('puppeteer-core').ElementHandle<Element>} */ ((await find()).asElement()));
			await page.waitForFunction((css, option) => /** @type {HTMLInputElement | null} */ (document.querySelector(css))?.value === option, { timeout: TIMEOUT }, `${testId(`parameter-input-${name}`)} input`, option);
		},
		/**
		 * Adds a field to a collection of the open NDV (its n-th "Add …" list, in the panel's order), by the
		 * field's shown name.
		 * @param {number} index @param {string} field
		 */
		addToCollection: async (index, field) => {
			await clickFresh(async () => {
				const lists = await page.$$(`[data-test-id="ndv"] [data-test-id="collection-parameter-add"]`);
				if (!lists[index]) throw new Error(`no collection number ${index} in the panel`);
				return lists[index];
			});
			// Let the list finish opening: an item clicked while it still moves can be the wrong one.
			await settled(page, '.el-select-dropdown__item, [role="option"]');
			await clickFresh(() => withText(page, '.el-select-dropdown__item, [role="option"]', field));
		},
		/** The whitespace-collapsed texts of every visible element matching css. @param {string} css @returns {Promise<string[]>} */
		texts: (css) =>
			page.$$eval(css, (elements) =>
				elements.filter((element) => element.getBoundingClientRect().width > 0).map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()),
			),
		/** Waits until what matches css is shown and still (see `settled`). @param {string} css */
		settled: (css) => settled(page, css),
		/** Waits until nothing matches css (or it is hidden). @param {string} css */
		gone: (css) => page.waitForSelector(css, { hidden: true, timeout: TIMEOUT }),
	};
}

/**
 * Saves a screenshot of the page (or of one element) when screenshots were asked for (BROWSER_SCREENSHOTS
 * names the folder); returns the file written, if any.
 * @param {import('puppeteer-core').Page} page @param {string} name @param {string} [css]
 */
async function screenshot(page, name, css) {
	const dir = process.env.BROWSER_SCREENSHOTS;
	if (!dir) return undefined;
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.png`);
	const target = css ? await page.waitForSelector(css, { visible: true, timeout: TIMEOUT }) : page;
	await pause(400); // Let transitions end.
	await /** @type {import('puppeteer-core').Page} */ (target).screenshot({ path: /** @type {`${string}.png`} */ (file) });
	return file;
}

module.exports = { TIMEOUT, editor, pause, screenshot, testId };
