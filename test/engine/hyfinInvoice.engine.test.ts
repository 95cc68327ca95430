/**
 * Hyfin Invoice on the wire, in the engine, against the sandbox's strict invoice emulator: every operation in
 * every API version, the exact money rules (field-named errors, nothing sent), the send that is never repeated
 * and the 300-second re-send refusal, and Get's paid flag and amount from `payments[]`.
 */
import { nodeRunner, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const invoice = nodeRunner('hyfinInvoice', engine, sandbox);
const NODE = 'Hyfin Invoice';
const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 2000 };
afterEach(() => sandbox().faults.configure({}));

const upsertV3 = (extra: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'upsert',
	apiVersion: 'v3',
	externalId: '={{ $json.id }}',
	invoiceNumber: '={{ $json.number }}',
	options: FAST,
	...extra,
});
const lines = (...entries: Array<Record<string, unknown>>) => ({ line: entries });

describe('invoice: create or update', () => {
	it('v3: adds by external ID with lines, totals and an inline customer; the same ID again updates', async () => {
		const parameters = upsertV3({
			taxes: '2.85',
			lines: lines({ description: 'Widget', productId: 'sku-1', productName: 'Widget', unitPrice: '19.99', quantity: '3' }, { description: 'Setup', unitPrice: '0.10', quantity: '1', lineTotal: '0.10' }),
			customer: { externalId: 'crm-1', firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com', mobilePhone: '305-555-0101' },
			additionalFields: { dueDate: '2026-12-31', webhookUrl: 'https://n8n.example.com/webhook/abc/webhook', tippingEnabled: false },
		});
		const first = await invoice([{ id: 'INV-1', number: '1001' }], parameters);
		expect(first.json(NODE)[0]).toMatchObject({ success: true, action: 'added', _id: expect.any(String) });
		expect(sandbox().requests('hyfin', 'POST')[0].body).toEqual({
			external_id: 'INV-1',
			invoice_number: '1001',
			totals: { total: 60.07, taxes: 2.85 },
			lines: [
				{ description: 'Widget', product: { external_id: 'sku-1', name: 'Widget', unit_price: 19.99 }, unit_price: 19.99, qty: 3, total: 59.97 },
				{ description: 'Setup', unit_price: 0.1, qty: 1, total: 0.1 },
			],
			customer: { external_id: 'crm-1', first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', mobile_phone: '305-555-0101' },
			due_date: '2026-12-31',
			webhook_url: 'https://n8n.example.com/webhook/abc/webhook',
			options: { tippingEnabled: false },
		});
		const again = await invoice([{ id: 'INV-1', number: '1001' }], parameters);
		expect(again.json(NODE)[0]).toMatchObject({ action: 'updated', _id: first.json(NODE)[0]._id });
	});

	it('v3.1: a description instead of lines, with a total', async () => {
		await invoice([{ id: 'INV-2', number: '1002' }], upsertV3({ apiVersion: 'v3.1', description: 'Merchandise Bundle', total: '45.99' }));
		const [call] = sandbox().requests('hyfin', 'POST');
		expect(call.path).toBe('/hyfin/api/v3.1/site/site-1/invoice/addUpdate');
		expect(call.body).toEqual({ external_id: 'INV-2', invoice_number: '1002', totals: { total: 45.99 }, description: 'Merchandise Bundle' });
	});

	it('v4: creates without an ID (never retried once it may have arrived), updates with one', async () => {
		const v4 = { resource: 'invoice', operation: 'upsert', apiVersion: 'v4', invoiceNumber: '2001', description: 'Consulting', total: '150', customer: { customerId: 'cust-9' }, options: { ...FAST, maxRetries: 3 } };
		const created = (await invoice([{}], v4)).json(NODE)[0];
		expect(sandbox().requests('hyfin', 'POST')[0].body).toEqual({ invoice_number: '2001', totals: { total: 150 }, description: 'Consulting', customer: { _id: 'cust-9' } });
		sandbox().reset();
		sandbox().faults.configure({ script: ['status503'] });
		const refused = (await invoice([{}], v4, { continueOnFail: true })).json(NODE)[0];
		expect(String(refused.error)).toMatch(/The invoice may or may not have been created in Hyfin\. Before running this item again, look for invoice number "2001" in Hyfin/);
		expect(sandbox().requests('hyfin', 'POST')).toHaveLength(1);
		expect(created._id).toEqual(expect.any(String));
	});
});

describe('money, checked exactly before anything is sent', () => {
	it.each([
		['a total that is not the sum of the lines', { total: '60.00', lines: lines({ unitPrice: '19.99', quantity: '3' }) }, '"Total" (60.00) is not the sum of the lines (59.97)'],
		['a line total that is not quantity × price', { lines: lines({ unitPrice: '19.99', quantity: '3', lineTotal: '59.98' }) }, '"Lines › Line 1 › Line Total" ("59.98") is not quantity × unit price (59.97)'],
		['a price with 3 decimals', { lines: lines({ unitPrice: '19.999', quantity: '1' }) }, '"Lines › Line 1 › Unit Price" has more than 2 decimals: "19.999"'],
		['a quantity × price that is not whole cents', { lines: lines({ unitPrice: '0.05', quantity: '1.5' }) }, '"Lines › Line 1 › Quantity" × "Lines › Line 1 › Unit Price" is not a whole number of cents'],
		['neither description nor lines', { total: '10' }, 'An invoice needs a "Description" or "Lines"'],
		['a total without lines, missing', { description: 'x' }, '"Total" is required when there are no lines'],
		['taxes above the total', { description: 'x', total: '10', taxes: '10.01' }, '"Taxes" (10.01) are more than the total (10.00)'],
		['a date that does not exist', { description: 'x', total: '10', additionalFields: { dueDate: '2026-02-30' } }, '"Additional Fields › Due Date" must be a date as YYYY-MM-DD, such as 2026-12-31, got "2026-02-30"'],
		['a webhook URL that is not one', { description: 'x', total: '10', additionalFields: { webhookUrl: 'ftp://x' } }, '"Additional Fields › Webhook URL" must be an http or https URL, such as the Hyfin Trigger\'s Production URL, got "ftp://x"'],
	])('%s: refused, nothing sent', async (_case, extra, message) => {
		const run = await invoice([{ id: 'INV-X', number: '9' }], upsertV3(extra));
		expect(run.nodeError(NODE)?.message).toBe(message);
		expect(sandbox().log).toEqual([]);
	});
});

describe('invoice: send', () => {
	async function addInvoice(id: string) {
		await invoice([{ id, number: id }], upsertV3({ description: 'Order', total: '10', customer: { externalId: 'crm-1', email: 'ana@example.com', mobilePhone: '305-555-0101' } }));
	}
	const send = (extra: Record<string, unknown> = {}) => ({ resource: 'invoice', operation: 'send', apiVersion: 'v3', externalId: '={{ $json.id }}', options: { ...FAST, maxRetries: 3 }, ...extra });

	it('sends by the customer\'s channels; a re-send within 300 seconds is refused with when it becomes possible', async () => {
		await addInvoice('INV-S');
		const sent = (await invoice([{ id: 'INV-S' }], send())).json(NODE)[0];
		expect(sent).toEqual({ success: true, action: 'updated' });
		expect(sandbox().vendors.hyfin.invoices.sends().map((entry) => [entry.invoice, entry.channels, entry.to])).toEqual([['INV-S', ['email', 'sms'], ['ana@example.com', '305-555-0101']]]);
		const before = Date.now();
		const again = (await invoice([{ id: 'INV-S' }], send(), { continueOnFail: true })).json(NODE)[0];
		const [, latest] = /by (\S+) at the latest/.exec(String(again.error)) ?? [];
		expect(String(again.error)).toMatch(/^Hyfin did not send invoice "INV-S" again: it was sent less than 300 seconds ago/);
		expect(Date.parse(latest) - before).toBeGreaterThanOrEqual(299000);
		expect(sandbox().vendors.hyfin.invoices.sends()).toHaveLength(1);
	});

	it.each(['status503', 'resetAfter', 'status500'] as const)('is never repeated after %s, and says the customer may have been messaged', async (fault) => {
		await addInvoice('INV-F');
		sandbox().faults.configure({ script: [fault], match: (entry) => entry.path.endsWith('/invoice/send') });
		const out = (await invoice([{ id: 'INV-F' }], send(), { continueOnFail: true })).json(NODE)[0];
		expect(String(out.error)).toMatch(/The invoice may or may not have been sent \(the customer may have been texted or emailed\)/);
		expect(sandbox().requests('hyfin', 'POST', '/invoice/send')).toHaveLength(1);
	});

	it('an answer without Hyfin\'s success flag ({}) is not reported as sent: the customer may have been messaged', async () => {
		await addInvoice('INV-E');
		sandbox().faults.configure({ script: ['okEmptyObject'], match: (entry) => entry.path.endsWith('/invoice/send') });
		const out = (await invoice([{ id: 'INV-E' }], send(), { continueOnFail: true })).json(NODE)[0];
		expect(String(out.error)).toMatch(/^Hyfin answered HTTP 200 without "success"\. The invoice may or may not have been sent/);
		expect(sandbox().requests('hyfin', 'POST', '/invoice/send')).toHaveLength(1);
	});

	it('two items sending one invoice in a run: sent once, the second mirrors the first', async () => {
		await addInvoice('INV-T');
		const out = (await invoice([{ id: 'INV-T' }, { id: 'INV-T' }], send({ options: { ...FAST, concurrency: 2 } }))).json(NODE);
		expect(out[0]).toEqual({ success: true, action: 'updated' });
		expect(out[1]).toEqual({ success: true, action: 'updated', skipped: true, message: 'Invoice "INV-T" is also sent by item 0 of this run: sent once, so the customer is messaged once' });
		expect(sandbox().requests('hyfin', 'POST', '/invoice/send')).toHaveLength(1);
		expect(sandbox().vendors.hyfin.invoices.sends()).toHaveLength(1);
	});

	it('two items sending one invoice whose first send fails: the second is an error too, and is not sent', async () => {
		await addInvoice('INV-U');
		sandbox().faults.configure({ script: ['status503'], match: (entry) => entry.path.endsWith('/invoice/send') });
		const out = (await invoice([{ id: 'INV-U' }, { id: 'INV-U' }], send(), { continueOnFail: true })).json(NODE);
		expect(String(out[1].error)).toMatch(/^Invoice "INV-U" is also on item 0 of this run, whose send failed \(Hyfin could not process the request \(HTTP 503\)/);
		expect(sandbox().requests('hyfin', 'POST', '/invoice/send')).toHaveLength(1);
	});

	it('v4 names the invoice by its Hyfin ID', async () => {
		const created = (await invoice([{}], { resource: 'invoice', operation: 'upsert', apiVersion: 'v4', invoiceNumber: '3001', description: 'x', total: '5', options: FAST })).json(NODE)[0];
		await invoice([{}], { resource: 'invoice', operation: 'send', apiVersion: 'v4', invoiceId: created._id, options: FAST });
		expect(sandbox().requests('hyfin', 'POST', '/invoice/send')[0].body).toEqual({ _id: created._id });
	});
});

describe('invoice money and ids that cannot be sent as meant', () => {
	it.each([
		['Total', { description: 'x', total: '90071992547409.91' }, '"Total" is too large to be sent exactly: at most 9999999999999.99'],
		['Taxes', { description: 'x', total: '10', taxes: '10000000000000.00' }, /^"Taxes"/],
		['a line price', { lines: lines({ description: 'big', unitPrice: '90071992547409.91', quantity: '1' }) }, '"Lines › Line 1 › Unit Price" is too large to be sent exactly: at most 9999999999999.99'],
		['a line total', { lines: lines({ description: 'big', unitPrice: '9999999999999.99', quantity: '2' }) }, '"Lines › Line 1 › Line Total" is too large to be sent exactly: at most 9999999999999.99'],
		['the sum of the lines', { lines: lines({ description: 'a', unitPrice: '9999999999999.99' }, { description: 'b', unitPrice: '0.01' }) }, 'The lines add up to more than can be sent exactly: at most 9999999999999.99'],
	])('%s past 9,999,999,999,999.99 is refused, nothing sent (a JSON number would not carry it exactly)', async (_what, extra, message) => {
		const out = (await invoice([{ id: 'INV-BIG', number: 'B1' }], upsertV3(extra), { continueOnFail: true })).json(NODE)[0];
		if (typeof message === 'string') expect(out.error).toBe(message);
		else expect(String(out.error)).toMatch(message);
		expect(sandbox().requests('hyfin', 'POST')).toEqual([]);
	});

	it('9,999,999,999,999.99 itself is sent exactly', async () => {
		await invoice([{ id: 'INV-MAX', number: 'M1' }], upsertV3({ description: 'x', total: '9999999999999.99' }));
		expect(JSON.stringify(sandbox().requests('hyfin', 'POST')[0].body)).toContain('"total":9999999999999.99');
	});

	it('Map Automatically (v4) never takes an item\'s own _id as the invoice to update: refused, nothing sent', async () => {
		const autoMap = { resource: 'invoice', operation: 'upsert', apiVersion: 'v4', inputMode: 'autoMap', fieldMapping: { mappingMode: 'autoMapInputData', value: null }, options: FAST };
		const [refused] = (await invoice([{ _id: 'crm-record-77', invoice_number: 'A1', description: 'x', total: '5' }], autoMap, { continueOnFail: true })).json(NODE);
		expect(refused.error).toBe('Map Automatically reads "Invoice ID" only from invoiceId or invoice_id; this item has "_id" instead, which is not used for it (it may be another record\'s ID)');
		expect(sandbox().requests('hyfin', 'POST')).toEqual([]);
		const [created] = (await invoice([{ invoice_number: 'A2', description: 'x', total: '5' }], autoMap)).json(NODE);
		const [updated] = (await invoice([{ invoiceId: created._id, _id: 'crm-record-77', invoice_number: 'A2', description: 'y', total: '5' }], autoMap)).json(NODE);
		expect(updated).toMatchObject({ action: 'updated', _id: created._id });
	});
});

describe('invoice get and payment get', () => {
	it('adds whether it is paid and the exact amount paid, from its payments', async () => {
		await invoice([{ id: 'INV-P', number: 'P1' }], upsertV3({ description: 'Order', total: '35.15' }));
		const get = { resource: 'invoice', operation: 'get', apiVersion: 'v3', externalId: 'INV-P', options: FAST };
		expect((await invoice([{}], get)).json(NODE)[0]).toMatchObject({ external_id: 'INV-P', paid: false, amountPaid: 0 });
		sandbox().vendors.hyfin.invoices.pay('site-1', 'INV-P', { amountMinor: 1515 });
		expect((await invoice([{}], get)).json(NODE)[0]).toMatchObject({ paid: false, amountPaid: 15.15 });
		const { body } = sandbox().vendors.hyfin.invoices.pay('site-1', 'INV-P', { amountMinor: 2000 }) as { body: { data: { id: string } } };
		const paid = (await invoice([{}], get)).json(NODE)[0];
		expect(paid).toMatchObject({ paid: true, amountPaid: 35.15 });
		const payment = (await invoice([{}], { resource: 'payment', operation: 'get', apiVersion: 'v3', externalId: body.data.id, options: FAST })).json(NODE)[0];
		expect(payment).toMatchObject({ external_id: body.data.id, total: 20, status: 'paid' });
	});

	it('Simplify (version 2, on by default) keeps what the invoice is, asks and whether it is paid; version 1 returns the whole answer', async () => {
		await invoice([{ id: 'INV-S', number: 'S1' }], upsertV3({ description: 'Order', total: '35.15' }));
		sandbox().vendors.hyfin.invoices.pay('site-1', 'INV-S', { amountMinor: 3515 });
		const get = { resource: 'invoice', operation: 'get', apiVersion: 'v3', externalId: 'INV-S', options: FAST };
		const whole = (await invoice([{}], get, { version: 1 })).json(NODE)[0];
		expect(Object.keys(whole)).toEqual(expect.arrayContaining(['payments', 'notifications', 'created_at', 'paid', 'amountPaid']));
		const simple = (await invoice([{}], get, { version: 2 })).json(NODE)[0];
		expect(Object.keys(simple).every((key) => ['_id', 'external_id', 'invoice_number', 'description', 'totals', 'due_date', 'expire_at', 'active', 'link', 'paid', 'amountPaid'].includes(key))).toBe(true);
		expect(simple).toMatchObject({ _id: whole._id, external_id: 'INV-S', invoice_number: 'S1', totals: whole.totals, paid: true, amountPaid: 35.15 });
		expect(simple).not.toHaveProperty('payments');
		// Turned off, version 2 gives exactly what version 1 gives.
		expect((await invoice([{}], { ...get, simple: false }, { version: 2 })).json(NODE)[0]).toEqual(whole);
		// The switch from an expression is checked before anything is sent.
		const requests = sandbox().requests('hyfin').length;
		const refused = await invoice([{}], { ...get, simple: 'maybe' }, { version: 2, continueOnFail: true });
		expect(String(refused.json(NODE)[0].error)).toMatch(/"Simplify" must be true or false, got "maybe"/);
		expect(sandbox().requests('hyfin')).toHaveLength(requests);
	});
});
