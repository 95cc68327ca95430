// @ts-check
/// <reference lib="dom" />
/**
 * The editor as a new user meets it, in real n8n 2.41.1 and a real browser (Debian's chromium with
 * puppeteer-core): owner set-up, both credentials made and tested through the UI, the node panel's search,
 * each operation's panel, a QR created from its panel and seen as binary, the HTTP Request node using the
 * credentials, the example workflow run from the canvas. Fails on any console error that names the package
 * or its vendors, and on any failed request for the package's files. With BROWSER_SCREENSHOTS set (see
 * `npm run screenshots`) the same session writes the README's images.
 */
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const { readExample, CHAINED } = require('../../harness/examples');
const { editor, pause, screenshot, testId } = require('./support/editor');
const { withEvidence } = require('./support/evidence');
const { httpRequestCredentials, invoiceCreatedAndRead, schemaPreviews, triggerSetups } = require('./support/scenarios');
const { binaryImage } = require('./support/panels');
const { OWNER, startSession } = require('./support/session');
const steps = require('./support/steps');
const { leftovers } = require('../../harness/n8n/processes');

const SLOW = { timeout: 300000 };
const [V3, V31, V4] = ['Version 3 (External ID)', 'Version 3.1 (External ID)', 'Version 4 (Contacts and Billing Address)'];
const DOCS = 'https://github.com/bamboo-hyfin/n8n-nodes-bamboo-hyfin/blob/main/docs/';

/**
 * The operations' panels: action in the node panel, then parameters the panel must show.
 * @type {Record<string, Array<[string, string[]]>>}
 */
const PANELS = {
	'Bamboo Payment Link': [
		['Create a payment link', ['amount', 'amountUnit', 'currencyCode', 'paymentType', 'orderNumber', 'Additional Fields']],
		['Attach a customer to a payment', ['paymentId', 'identifier', 'Customer Fields', 'Billing Address', 'Shipping Address']],
		['Get a payment', ['paymentId']],
		['Create a card registration link', ['identifier', 'Customer Fields']],
		['Get a customer', ['identifier']],
		['Delete a customer', ['identifier']],
	],
};

describe('the n8n 2.41.1 editor with the package, in chromium', () => {
	/** @type {Awaited<ReturnType<typeof startSession>>} */
	let session;
	/** @type {ReturnType<typeof editor>} */
	let ui;

	before(async () => {
		session = await startSession();
		ui = editor(session.page);
	}, SLOW);

	/**
	 * A test of the suite: named as its first step; when it fails, the failure says in which step it was and
	 * what the editor showed then (see `evidence`).
	 * @param {string} title @param {() => Promise<void>} body
	 */
	const scenario = (title, body) => it(title, SLOW, () => withEvidence(session, title, body));

	after(async () => {
		const problems = session?.problems ?? [];
		await session?.stop();
		assert.deepEqual(leftovers(), [], 'no n8n process started by the suite is left');
		if (problems.length > 0) process.stderr.write(`[browser] console errors and failed requests seen (all steps):\n${problems.map((p) => `  [${p.step}] ${p.kind}: ${p.text} ${p.url}`).join('\n')}\n`);
	}, SLOW);

	scenario('sets up the owner through the setup page', async () => {
		session.step('owner setup');
		await steps.setUpOwner(ui, session.base, OWNER);
		assert.doesNotMatch(session.page.url(), /setup|signin/);
	});

	scenario('Bamboo Payment API credential: red with a wrong key, green with the sandbox key', async () => {
		session.step('bamboo credential');
		const data = session.sandbox.credentials().bambooPaymentApi;
		await steps.newCredential(ui, session.base, 'Bamboo Payment API');
		// As a user fills it: Stage (the default) and the key from Bamboo's Merchant Console (shown masked).
		await ui.fill(`${testId('parameter-input-privateKey')} input`, 'the-private-key-from-bamboo');
		await steps.blur(ui);
		await screenshot(session.page, 'credential-bamboo', testId('editCredential-modal'));
		// The suite's own account is the loopback sandbox: a Custom address.
		await ui.choose('environment', 'Custom');
		await ui.fill(`${testId('parameter-input-baseUrl')} input`, String(data.baseUrl));
		await ui.fill(`${testId('parameter-input-privateKey')} input`, 'not-the-key');
		const red = await steps.saveAndTest(ui, { privateKey: 'not-the-key' });
		assert.equal(red.ok, false);
		assert.match(red.text, /Bamboo rejected the credential \(HTTP 401\)/);
		await ui.fill(`${testId('parameter-input-privateKey')} input`, String(data.privateKey));
		const green = await steps.saveAndTest(ui, { privateKey: String(data.privateKey) });
		assert.equal(green.ok, true, green.text);
		await steps.closeCredential(ui);
	});

	scenario('Hyfin API credential: red with a wrong token, green with the sandbox token', async () => {
		session.step('hyfin credential');
		const data = session.sandbox.credentials().hyfinApi;
		await steps.newCredential(ui, session.base, 'Hyfin API');
		// As a user fills it: the API address and token Hyfin gave them, and their site.
		await ui.fill(`${testId('parameter-input-baseUrl')} input`, 'https://api.your-hyfin-address.com');
		await ui.fill(`${testId('parameter-input-accessToken')} input`, 'the-access-token-from-hyfin');
		await ui.fill(`${testId('parameter-input-siteId')} input`, '6839e415564d3cc21603221e');
		await steps.blur(ui);
		await screenshot(session.page, 'credential-hyfin', testId('editCredential-modal'));
		await ui.fill(`${testId('parameter-input-baseUrl')} input`, String(data.baseUrl));
		await ui.fill(`${testId('parameter-input-accessToken')} input`, 'not-the-token');
		await ui.fill(`${testId('parameter-input-siteId')} input`, String(data.siteId));
		const red = await steps.saveAndTest(ui, { accessToken: 'not-the-token', siteId: String(data.siteId) });
		assert.equal(red.ok, false);
		assert.match(red.text, /Hyfin rejected the credential \(HTTP 401\)/);
		await ui.fill(`${testId('parameter-input-accessToken')} input`, String(data.accessToken));
		const green = await steps.saveAndTest(ui, { accessToken: String(data.accessToken), siteId: String(data.siteId) });
		assert.equal(green.ok, true, green.text);
		await steps.closeCredential(ui);
	});

	scenario('the node panel finds the nodes by what users call them', async () => {
		session.step('node search');
		await steps.newWorkflow(ui, session.base);
		await steps.openNodePanel(ui);
		for (const [term, expected] of [
			['QR', 'Bamboo Payment Link'],
			['create payment', 'Bamboo Payment Link'],
			['payment link', 'Bamboo Payment Link'],
			['checkout', 'Bamboo Payment Link'],
			['invoice', 'Hyfin Invoice'],
			['send invoice', 'Hyfin Invoice'],
			['upsert customer', 'Hyfin Customer'],
		]) {
			const names = await steps.searchNodes(ui, term);
			assert.ok(names.includes(expected), `"${term}" lists ${expected}: ${names.join(', ')}`);
		}
		await steps.searchNodes(ui, 'QR');
		await screenshot(session.page, 'node-search', testId('node-creator'));
		await session.page.keyboard.press('Escape');
		await ui.gone(testId('node-creator'));
	});

	scenario('every Bamboo Payment Link operation opens its panel from its action', async () => {
		for (const [action, parameters] of PANELS['Bamboo Payment Link']) {
			session.step(`panel: ${action}`);
			// Each panel from a clean canvas: where n8n puts a new node never depends on the ones before.
			await steps.newWorkflow(ui, session.base);
			await steps.addNodeByAction(ui, 'Bamboo Payment Link', action);
			const shown = await steps.shownParameters(ui);
			for (const parameter of parameters) assert.ok(shown.some((name) => name === parameter || name.startsWith(`${parameter} `)), `${action}: ${parameter} shown (${shown.join(', ')})`);
			await steps.closeNdv(ui);
		}
	});

	scenario('Hyfin Customer: both operations in all three API versions; v4 says what it needs', async () => {
		/** @type {Array<[string, Record<string, string>]>} */
		const panels = [
			['Create or update a customer', { [V3]: 'externalId', [V31]: 'externalId', [V4]: 'displayName' }],
			['Get a customer', { [V3]: 'externalId', [V31]: 'externalId', [V4]: 'customerId' }],
		];
		for (const [action, versions] of panels) {
			session.step(`panel: Hyfin ${action}`);
			await steps.newWorkflow(ui, session.base);
			await steps.addNodeByAction(ui, 'Hyfin Customer', action);
			for (const [version, parameter] of Object.entries(versions)) {
				await ui.choose('apiVersion', version);
				assert.ok((await steps.shownParameters(ui)).includes(parameter), `${action} ${version}: ${parameter} shown`);
			}
			if (action.startsWith('Create')) {
				await ui.withText(`${testId('ndv')} *`, /^Version 4 needs a Primary Contact/);
				await ui.choose('apiVersion', V3);
				await screenshot(session.page, 'hyfin-upsert-panel', testId('ndv'));
			}
			await steps.closeNdv(ui);
		}
	});

	scenario('a QR payment made from its panel: the link in the output, the QR image as binary data', async () => {
		session.step('QR from the panel');
		// A workflow of its own: running the node runs the nodes before it.
		await steps.newWorkflow(ui, session.base);
		await steps.addNodeByAction(ui, 'Bamboo Payment Link', 'Create a payment link');
		await ui.fill(`${testId('parameter-input-amount')} input`, '1999');
		await ui.choose('paymentType', 'QR (Link and QR Image)');
		await ui.fill(`${testId('parameter-input-orderNumber')} input`, 'SO-BROWSER-QR-1');
		// Leave the field, as a user does before running: the editor takes a typed value on a short delay.
		await session.page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
		await pause(800);
		// Amount (its label too) at the top of the parameters, the fields after it below.
		await session.page.$eval(`${testId('ndv')} ${testId('parameter-input-amount')}`, (element) => {
			element.scrollIntoView({ block: 'start' });
			let scroller = element.parentElement;
			while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
			scroller?.scrollBy(0, -80);
		});
		await ui.withText(`${testId('ndv')} *`, /^In minor units by default: 1999 is 19\.99/);
		await screenshot(session.page, 'bamboo-create-panel', testId('ndv'));
		await ui.click(`${testId('ndv')} ${testId('node-execute-button')}`);
		await ui.visible(`${testId('ndv')} ${testId('output-panel')} ${testId('radio-button-binary')}`, 60000);
		const payments = session.sandbox.vendors.bamboo.payments();
		const payment = payments.find((p) => p.request.orderNumber === 'SO-BROWSER-QR-1');
		assert.ok(payment, `the sandbox got the QR payment: ${JSON.stringify(payments.map((p) => p.request))}`);
		await ui.click(`${testId('ndv')} ${testId('output-panel')} ${testId('radio-button-json')}`);
		await ui.withText(`${testId('ndv')} ${testId('output-panel')} *`, new RegExp(String(payment.paymentId)));
		await ui.click(`${testId('ndv')} ${testId('output-panel')} ${testId('radio-button-binary')}`);
		await ui.visible(testId('ndv-binary-data_0'));
		const binary = (await ui.texts(testId('ndv-binary-data_0'))).join(' ');
		assert.match(binary, /qrImage/);
		assert.match(binary, /image\/png/);
		// The QR image itself, as n8n shows it from the binary data.
		await steps.dismissToasts(ui);
		await ui.click(testId('ndv-view-binary-data'));
		const image = await binaryImage(ui);
		assert.ok(image.width > 50 && image.height > 50, `the QR image is shown (${image.width}×${image.height})`);
		await screenshot(session.page, 'qr-binary', image.css);
		await steps.closeNdv(ui);
	});

	scenario('forms: flags added from a collection start off; currency and QR formats are lists, QR colours colour pickers', async () => {
		session.step('forms');
		await steps.newWorkflow(ui, session.base);
		await steps.addNodeByAction(ui, 'Bamboo Payment Link', 'Create a payment link');
		const input = async (/** @type {string} */ name) => session.page.$eval(`${testId('ndv')} ${testId(`parameter-input-${name}`)}`, (element) => ({ value: element.querySelector('input')?.value ?? '', readOnly: element.querySelector('input')?.readOnly ?? false, html: element.innerHTML }));
		const switchedOn = async (/** @type {string} */ name) => session.page.$eval(`${testId('ndv')} ${testId(`parameter-input-${name}`)}`, (element) => element.querySelector('.is-checked') !== null);
		const currency = await input('currencyCode');
		assert.equal(currency.value, 'Uruguayan Peso (UYU)');
		assert.equal(currency.readOnly, true, 'Currency is a list, not free text');
		await ui.choose('paymentType', 'QR (Link and QR Image)');
		await ui.addToCollection(0, 'Is Final Consumer');
		await ui.visible(`${testId('ndv')} ${testId('parameter-input-isFinalConsumer')}`);
		assert.equal(await switchedOn('isFinalConsumer'), false, 'Is Final Consumer is off when added');
		await ui.addToCollection(1, 'Foreground Color');
		await ui.visible(`${testId('ndv')} ${testId('parameter-input-foregroundColor')}`);
		assert.match((await input('foregroundColor')).html, /color-?picker/i, 'Foreground Color is a colour picker');
		await ui.addToCollection(1, 'Pixel Format');
		assert.equal((await input('imageFormat')).readOnly, true, 'Pixel Format is a list');
		await steps.closeNdv(ui);
		session.step('forms: Hyfin Customer');
		await steps.newWorkflow(ui, session.base);
		await steps.addNodeByAction(ui, 'Hyfin Customer', 'Create or update a customer');
		await ui.addToCollection(0, 'Notify by SMS');
		await ui.visible(`${testId('ndv')} ${testId('parameter-input-notifyPhone')}`);
		assert.equal(await switchedOn('notifyPhone'), false, 'Notify by SMS is off when added');
		await steps.closeNdv(ui);
	});

	scenario('output schemas: the next node lists the fields of a node that has not run yet', () => schemaPreviews(session, ui));

	scenario('Hyfin Invoice: an invoice created and read back from the canvas', () => invoiceCreatedAndRead(session, ui));

	scenario('the HTTP Request node offers both credentials as predefined credential types', () => httpRequestCredentials(session, ui));

	scenario('the example workflow runs from the canvas: a customer, a link and the attached customer per contact', async () => {
		session.step('example run');
		const id = await session.importWorkflow(readExample(CHAINED));
		await session.page.goto(`${session.base}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		await ui.click(testId('execute-workflow-button'));
		await ui.visible(`${testId('canvas-node')}[data-node-name="Attach customer to payment"] ${testId('canvas-node-status-success')}`, 120000);
		const subtitles = await steps.canvasSubtitles(ui);
		assert.equal(subtitles['Create payment link']?.text, 'Create payment link');
		assert.equal(subtitles['Attach customer to payment']?.text, 'Attach customer to payment');
		assert.match(subtitles['Hyfin Customer']?.text ?? '', /^Create or update/);
		for (const [node, subtitle] of Object.entries(subtitles)) assert.ok(subtitle.fits, `${node}'s subtitle "${subtitle.text}" is not cut off`);
		await steps.dismissToasts(ui);
		await screenshot(session.page, 'workflow-run');
		await steps.openNode(ui, 'Create payment link');
		await ui.click(`${testId('ndv')} ${testId('output-panel')} ${testId('radio-button-table')}`);
		const links = session.sandbox.vendors.bamboo.payments().filter((p) => /^SO-2026-/.test(String(p.request.orderNumber)));
		assert.equal(links.length, 5);
		// Every created link's id is in the output panel's table.
		await session.page.waitForFunction(
			(css, ids) => {
				const shown = Array.from(document.querySelectorAll(css)).map((panel) => panel.textContent ?? '').join(' ');
				return ids.every((id) => shown.includes(id));
			},
			{ timeout: 15000, polling: 300 },
			`${testId('ndv')} ${testId('output-panel')}`,
			links.map((link) => String(link.paymentId)),
		);
		await screenshot(session.page, 'run-output', testId('ndv'));
		const docs = await session.page.$$eval(`${testId('ndv')} a[target="_blank"]`, (links) => links.map((link) => link.getAttribute('href') ?? ''));
		assert.ok(docs.some((href) => href.startsWith(`${DOCS}nodes/bamboo-payment-link.md`)), `docs link: ${docs.join(', ')}`);
		await steps.closeNdv(ui);
	});

	scenario('each trigger shows how to set it up, under its Production URL', () => triggerSetups(session, ui));

	it('no console error from the package, and every package file the editor asked for was served', () => {
		const ours = session.problems.filter(
			(problem) =>
				/bamboo|hyfin/i.test(`${problem.text} ${problem.url}`) &&
				// The editor looks the package up on the npm registry (for its community-node details); this
				// machine reaches the registry only through npm's proxy, so the browser's request fails here.
				!problem.url.startsWith('https://registry.npmjs.org/'),
		);
		assert.deepEqual(ours, []);
		// The editor asked for this package's output schemas (and got each one: a 404 would be listed above).
		assert.ok(session.schemaRequests().some((url) => /^(200|304) .*\/schemas\/n8n-nodes-bamboo-hyfin\.bambooPaymentLink\/3\.0\.0\/payment\/create\.json$/.test(url)), session.schemaRequests().join('\n'));
	});
});
