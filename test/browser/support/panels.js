// @ts-check
/// <reference lib="dom" />
/**
 * What an open node panel (NDV) shows, read as a user reads it: the image of binary data, a trigger's
 * Production URL, the field names listed in a panel.
 */
const { TIMEOUT, testId } = require('./editor');

/**
 * The image of the binary data the open NDV's output panel shows ("View" clicked), once it has loaded; with
 * the selector of the panel that shows it.
 * @param {ReturnType<typeof import('./editor').editor>} ui @returns {Promise<{ width: number, height: number, css: string }>}
 */
async function binaryImage(ui) {
	const panel = `${testId('ndv')} ${testId('output-panel')}`;
	const size = await ui.page.waitForFunction(
		(css) => {
			const image = /** @type {HTMLImageElement | null} */ (document.querySelector(`${css} img[src*="/rest/binary-data"]`));
			return image && image.complete && image.naturalWidth > 0 ? { width: image.width, height: image.height } : null;
		},
		{ timeout: TIMEOUT, polling: 200 },
		panel,
	);
	return { ...(/** @type {{ width: number, height: number }} */ (await size.jsonValue())), css: panel };
}

/**
 * Opens the trigger's "Webhook URLs" in the open NDV, shows the Production URL and returns it.
 * @param {ReturnType<typeof import('./editor').editor>} ui @returns {Promise<string>}
 */
async function productionUrl(ui) {
	await ui.clickText(`${testId('ndv')} *`, 'Webhook URLs');
	await ui.click(`${testId('ndv')} ${testId('radio-button-production')}`);
	const url = await ui.page.waitForFunction(
		(css) => {
			const text = (document.querySelector(css)?.textContent ?? '').trim();
			return /\/webhook\//.test(text) ? text : null;
		},
		{ timeout: TIMEOUT, polling: 200 },
		`${testId('ndv')} .node-webhooks .webhook-url`,
	);
	return String(await url.jsonValue());
}

/**
 * The field names an NDV panel lists (one per line of its text) once it lists all of `expected`, or what it
 * lists when the wait ends.
 * @param {ReturnType<typeof import('./editor').editor>} ui @param {string} css @param {string[]} expected @returns {Promise<string[]>}
 */
async function schemaFields(ui, css, expected) {
	const lines = () => ui.page.$eval(css, (element) => /** @type {HTMLElement} */ (element).innerText.split('\n').map((line) => line.trim()));
	await ui.page
		.waitForFunction((css, expected) => { const text = /** @type {HTMLElement | null} */ (document.querySelector(css))?.innerText.split('\n').map((line) => line.trim()) ?? []; return expected.every((field) => text.includes(field)); }, { timeout: TIMEOUT, polling: 250 }, css, expected)
		.catch(() => undefined);
	return await lines();
}

module.exports = { binaryImage, productionUrl, schemaFields };
