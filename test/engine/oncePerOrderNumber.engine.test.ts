/**
 * "Once per Order Number" on the wire and in n8n's deduplication store (n8n-core's service, with a store
 * that keeps n8n's rules): a workflow run twice, repeats within a run, creates whose outcome is unknown,
 * creates that provably made nothing, a changed payment for a known order, and the switch itself. Every test
 * checks the links the sandbox holds per order number and what the store keeps.
 */
import { FAST, NODE, useOnce } from '../support/once';

const { sandbox, run, links, stored, onlyCreates } = useOnce();
const CREATED = ['(claim)', '(payment 1000 UYU CheckoutPro)'];
const UNKNOWN = ['(claim)', '(payment 1000 UYU CheckoutPro)', '(pending)'];

describe('a created link is returned, never made again', () => {
	it('a workflow run twice: the second run creates nothing and gives each item its earlier link', async () => {
		const first = (await run(['SO-1', 'SO-2', 'SO-3'])).json(NODE);
		const second = (await run(['SO-1', 'SO-2', 'SO-3'])).json(NODE);
		expect(links()).toEqual({ 'SO-1': 1, 'SO-2': 1, 'SO-3': 1 });
		expect(stored('SO-1')).toEqual(CREATED);
		second.forEach((json, i) =>
			expect(json).toEqual({
				skipped: true,
				orderNumber: `SO-${i + 1}`,
				linkCreated: true,
				paymentId: first[i].paymentId,
				redirectUrl: first[i].redirectUrl,
				createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				message: `A payment link for order number "SO-${i + 1}" was already created by this node (paymentId ${String(first[i].paymentId)}): not created again`,
			}),
		);
	});

	it("after a run that crashed (nothing of it saved but n8n's store), the re-run knows its links were created", async () => {
		await run(['SO-C1', 'SO-C2'], { crashed: true });
		const rerun = (await run(['SO-C1', 'SO-C2', 'SO-C3'])).json(NODE);
		expect(rerun[0]).toEqual({
			skipped: true,
			orderNumber: 'SO-C1',
			linkCreated: true,
			paymentId: null,
			redirectUrl: null,
			createdAt: null,
			message: 'A payment link for order number "SO-C1" was created by an earlier run of this node that did not finish, so its link is not known here: not created again. To find it, look for order number "SO-C1" under Payment Links in Bamboo\'s Merchant Console',
		});
		expect(rerun[2].paymentId).toEqual(expect.any(String));
		expect(links()).toEqual({ 'SO-C1': 1, 'SO-C2': 1, 'SO-C3': 1 });
	});

	it("keeps every record with many creates in flight (one queue to n8n's store)", async () => {
		const orders = Array.from({ length: 60 }, (_v, i) => `SO-M${i}`);
		await run(orders, { options: { concurrency: 16 } });
		const rerun = (await run(orders, { options: { concurrency: 16 } })).json(NODE);
		expect(rerun.every((json) => json.skipped === true && json.linkCreated === true)).toBe(true);
		expect(Object.values(links())).toEqual(orders.map(() => 1));
		expect(orders.every((order) => stored(order).join() === CREATED.join())).toBe(true);
	});

	it('an order number of one credential does not block the same order number of another', async () => {
		await run(['SO-ACC']);
		expect((await run(['SO-ACC'], { credentialId: 'bambooPaymentApi-2' })).json(NODE)[0].skipped).toBeUndefined();
		expect(links()['SO-ACC']).toBe(2);
	});
});

describe('within one run, a repeated order number mirrors the first item', () => {
	it('first created: the repeat is skipped with its link', async () => {
		const out = (await run(['SO-1', 'SO-1', 'SO-2'], { options: { concurrency: 1 } })).json(NODE);
		expect(links()).toEqual({ 'SO-1': 1, 'SO-2': 1 });
		expect(out[1]).toMatchObject({ skipped: true, linkCreated: true, paymentId: out[0].paymentId, redirectUrl: out[0].redirectUrl, message: expect.stringContaining('is also on item 0 of this run, which created its payment link') });
	});

	it.each([1, 4])('first refused by Bamboo (400), concurrency %i: the repeat is an error, nothing is recorded, the re-run creates once', async (concurrency) => {
		sandbox().config.bamboo.rejectOrders = ['SO-R'];
		const out = (await run(['SO-R', 'SO-R'], { options: { concurrency } })).json(NODE);
		expect(out[0].error).toMatch(/PR009 Order SO-R is refused/);
		expect(out[1]).toEqual({ error: expect.stringMatching(/^Order number "SO-R" is also on item 0 of this run, which failed without creating a link/) });
		expect(stored('SO-R')).toEqual([]);
		sandbox().config.bamboo.rejectOrders = undefined;
		const rerun = (await run(['SO-R', 'SO-R'])).json(NODE);
		expect(rerun[0].paymentId).toEqual(expect.any(String));
		expect(rerun[1]).toMatchObject({ skipped: true, paymentId: rerun[0].paymentId });
		expect(links()).toEqual({ 'SO-R': 1 });
	});

	it.each(['status503', 'resetAfter', 'resetBefore'] as const)('first cut off or unclear (%s): both are errors, the claim stays, the re-run sends nothing', async (fault) => {
		sandbox().faults.configure({ script: [fault], ...onlyCreates });
		const out = (await run(['SO-U', 'SO-U'], { options: { concurrency: 1, maxRetries: 0 } })).json(NODE);
		expect(out[0].error).toMatch(/may or may not have been created/);
		expect(out[1].error).toMatch(/^The payment link for order number "SO-U" may or may not exist: item 0 of this run sent it to Bamboo and got no clear answer\. Not sent again/);
		expect(out.some((json) => json.linkCreated === true)).toBe(false);
		expect(stored('SO-U')).toEqual(UNKNOWN);
		const before = sandbox().vendors.bamboo.payments().length;
		const rerun = (await run(['SO-U'])).json(NODE);
		expect(rerun[0].error).toMatch(/^The payment link for order number "SO-U" may or may not exist: an earlier run of this node sent it to Bamboo/);
		expect(rerun[0].error).toMatch(/add "SO-U" to "Options › Create Again for Order Numbers"/);
		expect(sandbox().vendors.bamboo.payments().length).toBe(before);
		expect(links()['SO-U'] ?? 0).toBeLessThanOrEqual(1);
	});

	it('a 429 made nothing: the create is sent again (after Retry-After) and the repeat gets its link', async () => {
		sandbox().faults.configure({ script: ['status429'], retryAfterSeconds: 0.001, ...onlyCreates });
		const out = (await run(['SO-429', 'SO-429'], { options: { concurrency: 1 } })).json(NODE);
		expect(out[0].paymentId).toEqual(expect.any(String));
		expect(out[1]).toMatchObject({ skipped: true, paymentId: out[0].paymentId });
		expect(links()).toEqual({ 'SO-429': 1 });
		expect(stored('SO-429')).toEqual(CREATED);
	});

	it('a 429 with retries off: an error, the claim withdrawn, so the next run creates the link', async () => {
		sandbox().faults.configure({ script: ['status429'], ...onlyCreates });
		const out = (await run(['SO-429', 'SO-429'], { options: { concurrency: 1, maxRetries: 0 } })).json(NODE);
		expect(out[0].error).not.toMatch(/may or may not/);
		expect(out[1].error).toMatch(/which failed without creating a link/);
		expect(stored('SO-429')).toEqual([]);
		expect((await run(['SO-429'])).json(NODE)[0].paymentId).toEqual(expect.any(String));
		expect(links()).toEqual({ 'SO-429': 1 });
	});

	it('a repeat that asks another amount is an error naming both payments, even within the run', async () => {
		const out = (await run([{ order: 'SO-1', amount: 1000 }, { order: 'SO-1', amount: 250000, currency: 'USD' }], { options: { concurrency: 1 } })).json(NODE);
		expect(out[1].error).toBe(
			`Order number "SO-1" was already sent to Bamboo by item 0 of this run for 10.00 UYU, Checkout Pro; this item asks for 2500.00 USD, Checkout Pro. Not sent: one payment link per order number, and a link is never silently reused for another payment. Its link exists (paymentId ${String(out[0].paymentId)}): to charge the new payment, use a new order number.`,
		);
		expect(links()).toEqual({ 'SO-1': 1 });
	});
});

describe('an unknown outcome is an error item, never a success', () => {
	it('without "Continue", the re-run stops at the order whose outcome is unknown and sends nothing after it', async () => {
		sandbox().faults.configure({ script: ['status503'], ...onlyCreates });
		await run(['SO-U'], { options: { maxRetries: 0 } });
		const rerun = await run(['SO-U', 'SO-V'], { continueOnFail: false, options: { concurrency: 1 } });
		expect(rerun.nodeError(NODE)?.message).toMatch(/^The payment link for order number "SO-U" may or may not exist/);
		expect(links()['SO-V']).toBeUndefined();
	});

	it('a create cut between its claim and its answer (the request hung until the node gave up) stays unknown', async () => {
		sandbox().faults.configure({ script: ['hang'], hangMs: 500, ...onlyCreates });
		const [cut] = (await run(['SO-H'], { options: { timeout: 100, maxRetries: 0 } })).json(NODE);
		expect(cut.error).toMatch(/did not answer within 100 ms/);
		expect(stored('SO-H')).toEqual(UNKNOWN);
		expect((await run(['SO-H'])).json(NODE)[0].error).toMatch(/may or may not exist/);
	});

	it('a create that provably never reached Bamboo is withdrawn, so that it can be sent again', async () => {
		const [failed] = (await run(['SO-N'], { credentials: { bambooPaymentApi: { ...sandbox().credentials().bambooPaymentApi, baseUrl: 'http://127.0.0.1:1' } }, options: { maxRetries: 0 } })).json(NODE);
		expect(String(failed.error)).toMatch(/^Could not connect to Bamboo/);
		expect(failed).not.toHaveProperty('skipped');
		expect((await run(['SO-N'])).json(NODE)[0].paymentId).toEqual(expect.any(String));
		expect(links()).toEqual({ 'SO-N': 1 });
	});
});

describe('a corrected order is refused, not answered with the old link', () => {
	it.each([
		['amount', { order: 'SO-A', amount: 250000 }, '2500.00 UYU, Checkout Pro'],
		['currency', { order: 'SO-A', amount: 1000, currency: 'USD' }, '10.00 USD, Checkout Pro'],
	])('a changed %s on re-run: an error naming both, no second link', async (_what, changed, asked) => {
		const [first] = (await run([{ order: 'SO-A', amount: 1000 }])).json(NODE);
		const [second] = (await run([changed])).json(NODE);
		expect(second.error).toBe(
			`Order number "SO-A" was already sent to Bamboo by an earlier run of this node for 10.00 UYU, Checkout Pro; this item asks for ${asked}. Not sent: one payment link per order number, and a link is never silently reused for another payment. Its link exists (paymentId ${String(first.paymentId)}): to charge the new payment, use a new order number.`,
		);
		expect(links()).toEqual({ 'SO-A': 1 });
		expect(stored('SO-A')).toEqual(CREATED);
	});

	it('a changed payment type after a crash: refused, though the node no longer remembers the earlier payment', async () => {
		await run(['SO-T'], { crashed: true });
		const [second] = (await run(['SO-T'], { paymentType: 'QR' })).json(NODE);
		expect(second.error).toMatch(/^Order number "SO-T" was already sent to Bamboo by an earlier run of this node for a payment whose details are not known here .*; this item asks for 10\.00 UYU, QR\. Not sent/);
		expect(links()).toEqual({ 'SO-T': 1 });
	});
});

describe('the switch', () => {
	it.each([
		['"true"', 'true'],
		['" TRUE "', ' TRUE '],
		['true', true],
	])('on as %s: the second run creates nothing', async (_label, value) => {
		await run(['SO-S'], { options: { oncePerOrderNumber: value } });
		expect((await run(['SO-S'], { options: { oncePerOrderNumber: value } })).json(NODE)[0].skipped).toBe(true);
		expect(links()).toEqual({ 'SO-S': 1 });
	});

	it.each([
		['1', 1],
		['"yes"', 'yes'],
		['"1"', '1'],
		['an object', { on: true }],
	])('refused as %s: an error naming the option, nothing sent, nothing recorded', async (_label, value) => {
		const [out] = (await run(['SO-S'], { options: { oncePerOrderNumber: value } })).json(NODE);
		expect(out.error).toMatch(/^"Options › Once per Order Number" must be true or false, got /);
		expect(sandbox().vendors.bamboo.payments()).toEqual([]);
		expect(stored('SO-S')).toEqual([]);
	});

	it('off ("false" or false): every item is sent and nothing is recorded', async () => {
		await run(['SO-OFF'], { options: { oncePerOrderNumber: 'false' } });
		await run(['SO-OFF'], { options: { oncePerOrderNumber: false } });
		expect(links()['SO-OFF']).toBe(2);
		expect(stored('SO-OFF')).toEqual([]);
	});

	it('items without an order number are created every time', async () => {
		await run([undefined, undefined]);
		await run([undefined]);
		expect(links()).toEqual({ '(none)': 3 });
	});

	it('version 1 creates again by default, and skips with the option on', async () => {
		const v1 = { version: 1, parameters: { orderNumber: undefined, additionalFields: { orderNumber: '={{ $json.order }}' } } };
		await run(['SO-V1'], v1);
		await run(['SO-V1'], v1);
		expect(links()['SO-V1']).toBe(2);
		const on = { ...v1, options: { ...FAST, oncePerOrderNumber: true } };
		await run(['SO-V1B'], on);
		expect((await run(['SO-V1B'], on)).json(NODE)[0].skipped).toBe(true);
		expect(links()['SO-V1B']).toBe(1);
	});
});
